package jp.hokensho.portal.exchange;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import jp.hokensho.portal.center.CenterConnector;
import jp.hokensho.portal.center.CenterSession;

/**
 * The integration account's sessions, one per exchange thread: a {@link CenterSession} serialises its calls, so
 * threads sharing one would wait on each other.
 */
final class CenterSessions {
    private final BlockingQueue<CenterSession> idle;

    CenterSessions(CenterConnector connector, String userId, String password, int count) {
        idle = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            idle.add(connector.open(userId, password));
        }
    }

    @FunctionalInterface
    interface Call<T> {
        T on(CenterSession session) throws java.io.IOException, InterruptedException;
    }

    <T> T call(Call<T> call) throws java.io.IOException, InterruptedException {
        CenterSession session = idle.take();
        try {
            return call.on(session);
        } finally {
            idle.add(session);
        }
    }
}
