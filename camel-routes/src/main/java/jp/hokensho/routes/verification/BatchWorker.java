package jp.hokensho.routes.verification;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jp.hokensho.routes.port.BatchJobStore.ClaimedItem;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous batch worker of one node. One thread claims groups, one claim at a time, and hands each group
 * to the group route ({@link BatchRoutes#CLAIMED_ITEMS}) on a runner of its own. At most {@code groupsInFlight}
 * groups are claimed and not yet recorded: the claim waits for a free place. So one group's claim and record
 * overlap another's verification, the claim lease's bound holds (it assumes a known number of groups per node),
 * and neither a claim nor the wait for work ever takes a thread that verifies items.
 *
 * <p>Why not a timer route that loops: the group's parallel split finishes on the worker pool, which frees the
 * timer's thread at once, so the timer fired again while groups ran. Groups in flight then had no bound, two
 * claims of this node raced for the same positions, and the loser waited out the poll on a verifying thread.
 */
final class BatchWorker {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWorker.class);
    private static final long STOP_CHECK_MILLIS = 100;

    private final BatchSteps batch;
    private final ExecutorService runners;
    private final Semaphore places;
    private final int groupsInFlight;
    private final long pollMillis;

    BatchWorker(BatchSteps batch, ExecutorService runners, int groupsInFlight, long pollMillis) {
        this.batch = batch;
        this.runners = runners;
        this.places = new Semaphore(groupsInFlight);
        this.groupsInFlight = groupsInFlight;
        this.pollMillis = pollMillis;
    }

    /**
     * Claims and hands over groups until the center stops ({@link BatchSteps#stopClaiming}, or the context
     * stopping); then waits for the groups in flight to be recorded, so that the node's stop finds them done.
     */
    void run(CamelContext context) {
        ProducerTemplate template = context.createProducerTemplate();
        try {
            while (!stopping(context)) {
                if (!takePlace(context)) {
                    break;
                }
                try {
                    List<ClaimedItem> group = claimOrWait(context);
                    if (group.isEmpty()) {
                        places.release();
                    } else {
                        handOver(template, group);
                    }
                } catch (RuntimeException unexpected) {
                    // The loop runs once for the node's life (the timer does not fire again): it must not end here.
                    LOG.error("the batch worker hit an unexpected failure; it goes on after the poll", unexpected);
                    places.release();
                    batch.awaitWork(context, pollMillis);
                }
            }
            awaitGroupsInFlight();
        } finally {
            stopQuietly(template);
        }
    }

    private boolean stopping(CamelContext context) {
        return batch.claimingStopped() || context.isStopping() || context.isStopped();
    }

    // Waits for a free place in slices, so that a stopping center is not kept waiting on a slow group here.
    private boolean takePlace(CamelContext context) {
        try {
            while (!places.tryAcquire(STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (stopping(context)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // An empty queue, or a failed claim (the database gone), waits for a submission, the poll or the stop.
    private List<ClaimedItem> claimOrWait(CamelContext context) {
        List<ClaimedItem> group;
        try {
            group = stopping(context) ? List.of() : batch.claimGroup();
        } catch (RuntimeException e) {
            batch.claimFailed(e);
            group = List.of();
        }
        if (group.isEmpty() && !stopping(context)) {
            batch.awaitWork(context, pollMillis);
        }
        return group;
    }

    private void handOver(ProducerTemplate template, List<ClaimedItem> group) {
        try {
            runners.execute(() -> {
                try {
                    template.sendBody(BatchRoutes.CLAIMED_ITEMS, group);
                } catch (RuntimeException e) {
                    // The group route gives its items back itself; this is a failure to reach it (a stopped route).
                    batch.releaseGroup(group, e);
                } finally {
                    places.release();
                }
            });
        } catch (RejectedExecutionException e) {
            batch.releaseGroup(group, e);
            places.release();
        }
    }

    private void awaitGroupsInFlight() {
        try {
            if (!places.tryAcquire(groupsInFlight, 10, TimeUnit.MINUTES)) {
                LOG.warn("batch groups still in flight after 10 minutes; their claims go back at the lease");
                return;
            }
            places.release(groupsInFlight);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stopQuietly(ProducerTemplate template) {
        try {
            template.stop();
        } catch (RuntimeException e) {
            LOG.debug("stopping the worker's producer: {}", e.toString());
        }
    }
}
