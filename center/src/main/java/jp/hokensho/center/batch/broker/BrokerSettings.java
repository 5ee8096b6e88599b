package jp.hokensho.center.batch.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import jp.hokensho.center.CenterSettings;

/**
 * Where the RabbitMQ broker that carries asynchronous batch work is, and how the work is cut and consumed
 * ({@code center.batch.broker.*}). No host: no broker, the nodes poll the database queue as before.
 *
 * @param host             the broker's host ({@code center.batch.broker.host})
 * @param port             its AMQP port
 * @param virtualHost      the virtual host
 * @param user             the user, whose password comes from {@code password-file} (first line) or the
 *                         environment ({@code CENTER_BATCH_BROKER_PASSWORD})
 * @param queue            the durable work queue; {@code <queue>.retry} holds messages waiting to be tried again
 * @param itemsPerMessage  items one message names (one job's consecutive positions)
 * @param consumers        channels consuming on each node, one message at a time each
 * @param prefetch         unacknowledged messages a channel may hold (bounded, so other nodes get the rest)
 * @param retryAfter       how long a message whose items are not all done waits before it is tried again
 * @param confirmTimeout   how long a submission waits for the broker to confirm its messages
 * @param safetyPoll       period of the database poll, the safety net, while the broker carries the work
 * @param pollAfter        the poll takes over only jobs submitted longer ago than this
 */
public record BrokerSettings(String host, int port, String virtualHost, String user, char[] password, String queue,
                             int itemsPerMessage, int consumers, int prefetch, Duration retryAfter,
                             Duration confirmTimeout, Duration safetyPoll, Duration pollAfter) {

    /** The configured broker, or empty when {@code center.batch.broker.host} is not set. */
    public static Optional<BrokerSettings> of(CenterSettings settings) {
        String host = settings.getOrNull("center.batch.broker.host");
        if (host == null) {
            return Optional.empty();
        }
        BrokerSettings broker = new BrokerSettings(host, settings.getInt("center.batch.broker.port"),
                settings.get("center.batch.broker.virtual-host"), settings.get("center.batch.broker.user"),
                password(settings), settings.get("center.batch.broker.queue"),
                positive(settings, "center.batch.broker.items-per-message"),
                positive(settings, "center.batch.broker.consumers"),
                positive(settings, "center.batch.broker.prefetch"),
                settings.getSeconds("center.batch.broker.retry-seconds"),
                settings.getSeconds("center.batch.broker.confirm-timeout-seconds"),
                settings.getSeconds("center.batch.broker.safety-poll-seconds"),
                settings.getSeconds("center.batch.broker.poll-after-seconds"));
        return Optional.of(broker);
    }

    private static char[] password(CenterSettings settings) {
        String file = settings.getOrNull("center.batch.broker.password-file");
        if (file == null) {
            // From CENTER_BATCH_BROKER_PASSWORD (or the config file, where it is no better kept than the file's).
            String password = settings.getOrNull("center.batch.broker.password");
            if (password == null) {
                throw new IllegalStateException("center.batch.broker.host is set but the broker's password is not:"
                        + " set center.batch.broker.password-file or CENTER_BATCH_BROKER_PASSWORD");
            }
            return password.toCharArray();
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip()
                    .toCharArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read center.batch.broker.password-file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static int positive(CenterSettings settings, String name) {
        int value = settings.getInt(name);
        if (value < 1) {
            throw new IllegalStateException("configuration '" + name + "' must be at least 1, not " + value);
        }
        return value;
    }

    /** The queue where messages wait {@link #retryAfter} before they return to {@link #queue}. */
    public String retryQueue() {
        return queue + ".retry";
    }

    /** For logs: never the password. */
    @Override
    public String toString() {
        return "amqp://" + user + "@" + host + ":" + port + virtualHost + " queue " + queue;
    }
}
