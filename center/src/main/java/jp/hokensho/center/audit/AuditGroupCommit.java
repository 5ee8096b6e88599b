package jp.hokensho.center.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import jp.hokensho.routes.port.VerificationEvent;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of single appends. Callers hand their append to one writer thread and wait; the writer takes
 * everything waiting (up to {@code maxGroup}) and commits it in one transaction, so concurrent verifications share
 * one chain-head lock and one durable commit instead of taking one each.
 *
 * <p>A caller returns only once its own record's transaction committed (no answer without its record). If a group's
 * transaction fails, each of its appends is committed alone, so a bad append (a request reference taken by another
 * request, a value the database refuses) fails only its own caller, with its own exception, and the others'
 * records are committed.
 */
final class AuditGroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditGroupCommit.class);
    private static final long IDLE_POLL_MILLIS = 200;

    /** One append waiting for the writer. */
    record Pending(VerificationEvent event, Consumer<Session> sameTransaction, CompletableFuture<Long> position) {
        Pending(VerificationEvent event, Consumer<Session> sameTransaction) {
            this(event, sameTransaction, new CompletableFuture<>());
        }
    }

    /** Commits a group in one transaction (every append or none) and returns each one's position, in order. */
    @FunctionalInterface
    interface GroupTransaction {
        List<Long> commit(List<Pending> group);
    }

    private final GroupTransaction transaction;
    private final int maxGroup;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final AtomicLong transactions = new AtomicLong();
    private volatile boolean closing;

    AuditGroupCommit(GroupTransaction transaction, int maxGroup, String writerName) {
        if (maxGroup < 2) {
            throw new IllegalArgumentException("a group commit needs groups of at least 2: " + maxGroup);
        }
        this.transaction = transaction;
        this.maxGroup = maxGroup;
        this.writer = new Thread(this::writeUntilClosed, writerName);
        writer.setDaemon(true);
        writer.start();
    }

    /** Waits until the append's transaction committed; rethrows the append's own failure. */
    long append(VerificationEvent event, Consumer<Session> sameTransaction) {
        if (closing) {
            throw new IllegalStateException("the audit trail is closed: nothing more is recorded");
        }
        Pending pending = new Pending(event, sameTransaction);
        waiting.add(pending);
        try {
            return awaitCommit(pending);
        } catch (InterruptedException e) {
            // The record may still commit; the caller gives no answer either way.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the audit record's commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("the audit record was not committed", e.getCause());
        }
    }

    private long awaitCommit(Pending pending) throws InterruptedException, ExecutionException {
        while (true) {
            try {
                return pending.position().get(1, TimeUnit.SECONDS);
            } catch (TimeoutException slow) {
                if (!writer.isAlive()) {
                    // Added as the writer ended at the close: nobody will commit it.
                    failAll(new IllegalStateException("the audit trail closed before this record was committed"));
                }
            }
        }
    }

    private void writeUntilClosed() {
        while (!closing || !waiting.isEmpty()) {
            try {
                Pending first = waiting.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> group = new ArrayList<>(maxGroup);
                group.add(first);
                waiting.drainTo(group, maxGroup - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable unexpected) {
                // Never leave callers waiting on a dead writer: the loop goes on, the group was failed in write().
                LOG.error("the audit writer hit an unexpected failure", unexpected);
            }
        }
        failAll(new IllegalStateException("the audit trail closed before this record was committed"));
    }

    private void write(List<Pending> group) {
        try {
            complete(group, transaction.commit(group));
            return;
        } catch (RuntimeException | Error groupFailed) {
            if (group.size() == 1) {
                group.get(0).position().completeExceptionally(groupFailed);
                return;
            }
            LOG.debug("a group of {} audit appends failed ({}): committing each alone", group.size(),
                    groupFailed.toString());
        }
        for (Pending alone : group) {
            try {
                complete(List.of(alone), transaction.commit(List.of(alone)));
            } catch (RuntimeException | Error failed) {
                alone.position().completeExceptionally(failed);
            }
        }
    }

    private void complete(List<Pending> group, List<Long> positions) {
        transactions.incrementAndGet();
        for (int i = 0; i < group.size(); i++) {
            group.get(i).position().complete(positions.get(i));
        }
    }

    private void failAll(RuntimeException failure) {
        for (Pending left; (left = waiting.poll()) != null; ) {
            left.position().completeExceptionally(failure);
        }
    }

    /** The transactions committed so far (fewer than the appends when groups formed). */
    long transactions() {
        return transactions.get();
    }

    /** Commits what is already waiting, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("the audit writer did not finish within 30 s of the close");
        }
    }
}
