package jp.hokensho.routes.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The batch worker's wake-up: a submission ends the wait at once, signals coalesce, a stopping center too. */
class WorkSignalTest {
    private static final long LONG_POLL = 30_000;

    @Test
    void aSignalEndsTheWaitLongBeforeThePoll() throws Exception {
        WorkSignal signal = new WorkSignal();
        CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> timed(() -> signal.await(LONG_POLL,
                () -> false)));
        Thread.sleep(100);
        signal.signal();
        assertTrue(waited.get(10, TimeUnit.SECONDS) < 10_000, "woken by the signal");
    }

    @Test
    void signalsGivenWhileDrainingWakeOnceThenTheWaitLastsThePoll() {
        WorkSignal signal = new WorkSignal();
        signal.signal();
        signal.signal();
        assertTrue(timed(() -> signal.await(LONG_POLL, () -> false)) < 10_000, "a signal given before the wait counts");
        long second = timed(() -> signal.await(300, () -> false));
        assertTrue(second >= 290, "coalesced: the second wait lasts its poll, " + second + " ms");
    }

    @Test
    void aStoppingCenterEndsTheWait() throws Exception {
        WorkSignal signal = new WorkSignal();
        AtomicBoolean stopping = new AtomicBoolean();
        CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> timed(() -> signal.await(LONG_POLL,
                stopping::get)));
        Thread.sleep(100);
        stopping.set(true);
        assertTrue(waited.get(10, TimeUnit.SECONDS) < 10_000, "ended by the stop");
    }

    private static long timed(Runnable wait) {
        long started = System.nanoTime();
        wait.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
