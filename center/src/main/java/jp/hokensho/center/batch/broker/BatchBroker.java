package jp.hokensho.center.batch.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import jp.hokensho.center.batch.JdbcBatchJobStore;
import jp.hokensho.center.batch.JobDispatch;
import jp.hokensho.routes.port.BatchJobStore.ClaimedItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RabbitMQ carrying asynchronous batch work to the center nodes (its own Java client: camel-rabbitmq has no Camel 4
 * release). The database stays the record of truth for jobs, items and results; a message only names a range of one
 * job's items ({@link WorkRange}). A submission publishes its job's ranges after the job committed, persistent, on
 * a durable queue, and waits for the broker's confirms; each node consumes with a bounded prefetch and acknowledges
 * a message only once its items' records committed ({@link BatchWorkConsumer}). What is not published (broker down,
 * no confirm in time) or is lost on the broker is left to the database poll, which keeps running as a safety net.
 */
public final class BatchBroker implements JobDispatch, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchBroker.class);

    private final BrokerSettings settings;
    private final Connection connection;
    private final Object publishLock = new Object();
    private Channel publishing; // guarded by publishLock: a channel is not shared between threads
    private BatchWorkConsumer consumer;

    private BatchBroker(BrokerSettings settings, Connection connection) throws IOException {
        this.settings = settings;
        this.connection = connection;
        try (Channel channel = connection.createChannel()) {
            declareQueues(channel, settings);
        } catch (TimeoutException e) {
            throw new IOException("declaring the queues timed out", e);
        }
        this.publishing = confirmingChannel();
    }

    /**
     * Connects and declares the queues; the center does not start when the configured broker cannot be reached
     * (after a start, the client reconnects by itself and the poll covers the gap).
     */
    public static BatchBroker connect(BrokerSettings settings, int nodeId) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(settings.host());
        factory.setPort(settings.port());
        factory.setVirtualHost(settings.virtualHost());
        factory.setUsername(settings.user());
        factory.setPassword(new String(settings.password()));
        factory.setConnectionTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(2_000);
        // Daemon threads: a center whose start fails after connecting still exits.
        factory.setThreadFactory(runnable -> {
            Thread thread = new Thread(runnable, "batch-broker-" + nodeId);
            thread.setDaemon(true);
            return thread;
        });
        try {
            BatchBroker broker = new BatchBroker(settings, factory.newConnection("center-node-" + nodeId));
            LOG.info("asynchronous batch work goes through the broker {}", settings);
            return broker;
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot reach the batch broker " + settings
                    + " (center.batch.broker.*): " + e.getMessage(), e);
        }
    }

    /**
     * The work queue dead-letters a rejected message into the retry queue, which returns it after
     * {@code retry-seconds}: a message whose items are not all done comes back later, not at once.
     */
    static void declareQueues(Channel channel, BrokerSettings settings) throws IOException {
        channel.queueDeclare(settings.queue(), true, false, false, Map.of(
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", settings.retryQueue()));
        channel.queueDeclare(settings.retryQueue(), true, false, false, Map.of(
                "x-message-ttl", settings.retryAfter().toMillis(),
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", settings.queue()));
    }

    private Channel confirmingChannel() throws IOException {
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        return channel;
    }

    /**
     * Publishes the committed job's ranges and waits for the broker's confirms, so that a submission answered
     * while the broker is up is on the broker. Never throws: a job not handed over is on record all the same, and
     * the poll takes it after {@code poll-after-seconds}.
     */
    @Override
    public void committed(String receptionNumber, int total) {
        List<WorkRange> ranges = WorkRange.of(receptionNumber, total, settings.itemsPerMessage());
        try {
            publish(ranges);
            LOG.debug("batch {}: {} messages confirmed by the broker", receptionNumber, ranges.size());
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            LOG.warn("batch {} is stored but not handed to the broker ({}): the database poll takes it after {} s",
                    receptionNumber, e.toString(), settings.pollAfter().toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("batch {} is stored; interrupted while the broker confirmed it: the database poll takes it"
                    + " after {} s if it was not", receptionNumber, settings.pollAfter().toSeconds());
        }
    }

    /** Publishes persistent messages to the work queue and waits for all confirms; false confirms throw. */
    void publish(List<WorkRange> ranges) throws IOException, TimeoutException, InterruptedException {
        synchronized (publishLock) {
            if (!publishing.isOpen()) {
                publishing = confirmingChannel();
            }
            for (WorkRange range : ranges) {
                AMQP.BasicProperties persistent = MessageProperties.PERSISTENT_BASIC.builder()
                        .contentType("text/plain").build();
                publishing.basicPublish("", settings.queue(), persistent, range.toBytes());
            }
            if (!publishing.waitForConfirms(settings.confirmTimeout().toMillis())) {
                throw new IOException("the broker refused (nack) a message of " + ranges.get(0).receptionNumber());
            }
        }
    }

    /** Starts this node's consumers; {@code work} verifies claimed items and returns once they are recorded. */
    public synchronized void startConsuming(JdbcBatchJobStore store, ClaimedWork work) {
        if (consumer != null) {
            return;
        }
        try {
            consumer = BatchWorkConsumer.start(connection, settings, store, work);
        } catch (IOException e) {
            throw new IllegalStateException("cannot consume batch work from " + settings + ": " + e.getMessage(), e);
        }
    }

    /** Stops taking messages and waits for the ones in hand (before the routes stop). */
    public synchronized void stopConsuming() {
        if (consumer != null) {
            consumer.stop();
            consumer = null;
        }
    }

    @Override
    public void close() {
        stopConsuming();
        try {
            connection.close(5_000);
        } catch (IOException | RuntimeException e) {
            LOG.warn("closing the batch broker connection failed: {}", e.toString());
        }
    }

    /** Verifies items this node claimed; returns once each item is recorded (or released for a retry). */
    @FunctionalInterface
    public interface ClaimedWork {
        void verify(List<ClaimedItem> claimed);
    }
}
