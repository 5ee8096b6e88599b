package jp.hokensho.center.batch.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import jp.hokensho.center.batch.JdbcBatchJobStore;
import jp.hokensho.routes.port.BatchJobStore.ClaimedItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's consumers of the work queue. For each message: claim exactly its items in the database (with the lease,
 * so no other node runs them meanwhile; items already done are not claimed, so a redelivery records nothing twice),
 * verify them through the usual processing, and acknowledge only then, after their records committed. A message
 * whose items are not all done afterwards (one failed, or another node still holds it) is rejected into the retry
 * queue and comes back later; a node killed mid-message never acknowledged it, so the broker hands it to another.
 */
final class BatchWorkConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWorkConsumer.class);
    private static final long STOP_WAIT_MILLIS = 30_000;

    /** What became of one message. */
    enum Outcome { DONE, RETRY_LATER, RETURNED, DROPPED }

    private final BrokerSettings settings;
    private final JdbcBatchJobStore store;
    private final BatchBroker.ClaimedWork work;
    private final List<Channel> channels = new ArrayList<>();
    private final List<String> consumerTags = new ArrayList<>();
    private final AtomicInteger inHand = new AtomicInteger();
    private volatile boolean stopping;

    private BatchWorkConsumer(BrokerSettings settings, JdbcBatchJobStore store, BatchBroker.ClaimedWork work) {
        this.settings = settings;
        this.store = store;
        this.work = work;
    }

    static BatchWorkConsumer start(Connection connection, BrokerSettings settings, JdbcBatchJobStore store,
                                   BatchBroker.ClaimedWork work) throws IOException {
        BatchWorkConsumer consumer = new BatchWorkConsumer(settings, store, work);
        for (int i = 0; i < settings.consumers(); i++) {
            Channel channel = connection.createChannel();
            channel.basicQos(settings.prefetch());
            String consumerTag = channel.basicConsume(settings.queue(), false,
                    (tag, delivery) -> consumer.deliver(channel, delivery),
                    tag -> LOG.warn("the broker cancelled consumer {} of {}", tag, settings.queue()));
            consumer.channels.add(channel);
            consumer.consumerTags.add(consumerTag);
        }
        LOG.info("consuming batch work from {} on {} channel(s), prefetch {}", settings.queue(), settings.consumers(),
                settings.prefetch());
        return consumer;
    }

    private void deliver(Channel channel, Delivery delivery) throws IOException {
        long tag = delivery.getEnvelope().getDeliveryTag();
        inHand.incrementAndGet();
        try {
            switch (handle(delivery.getBody())) {
                case DONE, DROPPED -> channel.basicAck(tag, false);
                case RETRY_LATER -> channel.basicReject(tag, false); // dead-lettered into the retry queue
                case RETURNED -> channel.basicNack(tag, false, true); // back to the queue, for another node
            }
        } finally {
            inHand.decrementAndGet();
        }
    }

    /** Runs one message's work; what to tell the broker follows from the database afterwards. */
    Outcome handle(byte[] body) {
        WorkRange range;
        try {
            range = WorkRange.parse(body);
        } catch (IllegalArgumentException e) {
            LOG.error("dropped a message of {} that names no batch work: {}", settings.queue(), e.getMessage());
            return Outcome.DROPPED;
        }
        if (stopping) {
            return Outcome.RETURNED;
        }
        try {
            List<ClaimedItem> claimed = store.claimRange(range.receptionNumber(), range.from(), range.to());
            if (!claimed.isEmpty()) {
                work.verify(claimed);
            }
            int unfinished = store.unfinishedInRange(range.receptionNumber(), range.from(), range.to());
            if (unfinished == 0) {
                LOG.debug("{}: {} verified here, all done", range, claimed.size());
                return Outcome.DONE;
            }
            LOG.debug("{}: {} verified here, {} not done yet: tried again in {} s", range, claimed.size(), unfinished,
                    settings.retryAfter().toSeconds());
            return Outcome.RETRY_LATER;
        } catch (RuntimeException e) {
            LOG.warn("{} failed, tried again in {} s: {}", range, settings.retryAfter().toSeconds(), e.toString());
            return Outcome.RETRY_LATER;
        }
    }

    /** Cancels the consumers, waits for the messages in hand to be finished and acknowledged, closes the channels. */
    void stop() {
        stopping = true;
        for (int i = 0; i < channels.size(); i++) {
            try {
                channels.get(i).basicCancel(consumerTags.get(i));
            } catch (IOException | RuntimeException ignored) {
                // closed below anyway
            }
        }
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        while (inHand.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Channel channel : channels) {
            try {
                channel.close(); // unacknowledged prefetched messages go back to the queue
            } catch (IOException | TimeoutException | RuntimeException e) {
                LOG.debug("closing a batch work channel: {}", e.toString());
            }
        }
    }
}
