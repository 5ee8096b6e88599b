package jp.hokensho.center.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers hand their write to one writer thread and wait; the writer takes everything waiting (up to
 * {@code maxGroup}) and commits it in one transaction, so concurrent requests share one transaction and one durable
 * commit (and whatever lock it takes) instead of taking one each.
 *
 * <p>A caller returns only once its own write committed. If a group's transaction fails, each of its writes is
 * committed alone, so a bad one (a key another request took, a value the database refuses) fails only its own
 * caller, with its own exception, and the others are committed.
 *
 * @param <T> one caller's write
 * @param <R> what its commit gives back (a position, a count)
 */
public final class GroupCommit<T, R> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final long IDLE_POLL_MILLIS = 200;

    /** Commits a group in one transaction (every write or none) and returns each one's result, in order. */
    @FunctionalInterface
    public interface GroupTransaction<T, R> {
        List<R> commit(List<T> group);
    }

    private record Pending<T, R>(T write, CompletableFuture<R> result) {
    }

    private final GroupTransaction<T, R> transaction;
    private final int maxGroup;
    private final BlockingQueue<Pending<T, R>> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closing;

    public GroupCommit(GroupTransaction<T, R> transaction, int maxGroup, String writerName) {
        if (maxGroup < 2) {
            throw new IllegalArgumentException("a group commit needs groups of at least 2: " + maxGroup);
        }
        this.transaction = transaction;
        this.maxGroup = maxGroup;
        this.writer = new Thread(this::writeUntilClosed, writerName);
        writer.setDaemon(true);
    }

    /** Waits until the write's transaction committed; rethrows the write's own failure. */
    public R commit(T write) {
        if (closing) {
            throw new IllegalStateException(writer.getName() + " is closed: nothing more is written");
        }
        startWriterOnce();
        Pending<T, R> pending = new Pending<>(write, new CompletableFuture<>());
        waiting.add(pending);
        try {
            return awaitCommit(pending);
        } catch (InterruptedException e) {
            // The write may still commit; the caller goes on as if it failed.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the commit of " + writer.getName(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(writer.getName() + " did not commit", e.getCause());
        }
    }

    // Started by the first write, not when made: a center whose start fails after making its group commits leaves
    // no idle writer threads behind.
    private void startWriterOnce() {
        if (started.compareAndSet(false, true)) {
            writer.start();
        }
    }

    private R awaitCommit(Pending<T, R> pending) throws InterruptedException, ExecutionException {
        while (true) {
            try {
                return pending.result().get(1, TimeUnit.SECONDS);
            } catch (TimeoutException slow) {
                if (!writer.isAlive()) {
                    // Added as the writer ended at the close: nobody will commit it.
                    failAll(notCommitted());
                }
            }
        }
    }

    private void writeUntilClosed() {
        while (!closing || !waiting.isEmpty()) {
            try {
                Pending<T, R> first = waiting.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending<T, R>> group = new ArrayList<>(maxGroup);
                group.add(first);
                waiting.drainTo(group, maxGroup - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable unexpected) {
                // Never leave callers waiting on a dead writer: the loop goes on, the group was failed in write().
                LOG.error("{} hit an unexpected failure", writer.getName(), unexpected);
            }
        }
        failAll(notCommitted());
    }

    private IllegalStateException notCommitted() {
        return new IllegalStateException(writer.getName() + " closed before this write was committed");
    }

    private void write(List<Pending<T, R>> group) {
        try {
            complete(group, transaction.commit(group.stream().map(Pending::write).toList()));
            return;
        } catch (RuntimeException | Error groupFailed) {
            if (group.size() == 1) {
                group.get(0).result().completeExceptionally(groupFailed);
                return;
            }
            LOG.debug("{}: a group of {} failed ({}): committing each alone", writer.getName(), group.size(),
                    groupFailed.toString());
        }
        for (Pending<T, R> alone : group) {
            try {
                complete(List.of(alone), transaction.commit(List.of(alone.write())));
            } catch (RuntimeException | Error failed) {
                alone.result().completeExceptionally(failed);
            }
        }
    }

    private void complete(List<Pending<T, R>> group, List<R> results) {
        transactions.incrementAndGet();
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result().complete(results.get(i));
        }
    }

    private void failAll(RuntimeException failure) {
        for (Pending<T, R> left; (left = waiting.poll()) != null; ) {
            left.result().completeExceptionally(failure);
        }
    }

    /** The writes waiting for the writer now. */
    public int waiting() {
        return waiting.size();
    }

    /** The transactions committed so far (fewer than the appends when groups formed). */
    public long transactions() {
        return transactions.get();
    }

    /** Commits what is already waiting, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        if (!started.get()) {
            return;
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("{} did not finish within 30 s of the close", writer.getName());
        }
    }
}
