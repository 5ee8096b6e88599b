package jp.hokensho.center.batch.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RabbitMQ server for a test (127.0.0.1:5672, guest/guest; override with {@code CENTER_TEST_RABBITMQ_HOST},
 * {@code _PORT}, {@code _USER}, {@code _PASSWORD}) with a work queue name of the test's own; {@code close()} deletes
 * the queue and its retry queue. When the server cannot be reached the test is skipped, or fails if {@code CI=true}.
 */
public final class TestBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TestBroker.class);

    private final String host = env("CENTER_TEST_RABBITMQ_HOST", "127.0.0.1");
    private final int port = Integer.parseInt(env("CENTER_TEST_RABBITMQ_PORT", "5672"));
    private final String user = env("CENTER_TEST_RABBITMQ_USER", "guest");
    private final String password = env("CENTER_TEST_RABBITMQ_PASSWORD", "guest");
    private final String queue = "center.test." + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Connection connection;

    private TestBroker() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setConnectionTimeout(3_000);
        factory.setAutomaticRecoveryEnabled(false);
        Connection opened;
        try {
            opened = factory.newConnection("center-test");
        } catch (IOException | TimeoutException e) {
            String message = "RabbitMQ at " + host + ":" + port + " is unreachable (" + e + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + ": CI=true, so the broker tests fail instead of skipping",
                        e);
            }
            LOG.warn("{}: skipping the broker tests", message);
            Assumptions.abort(message + ": broker tests skipped (set CI=true to make this a failure)");
            throw new IllegalStateException(message, e);
        }
        this.connection = opened;
    }

    public static TestBroker create() {
        return new TestBroker();
    }

    /**
     * The center settings that use this broker and queue; the password in a file under {@code dir}.
     *
     * @param retrySeconds how long a message not all done waits in the retry queue
     */
    public Map<String, String> centerSettings(Path dir, int retrySeconds) throws IOException {
        Files.createDirectories(dir);
        Path passwordFile = Files.writeString(dir.resolve("broker-password-" + queue), password + "\n",
                StandardCharsets.UTF_8);
        Map<String, String> settings = new HashMap<>();
        settings.put("center.batch.broker.host", host);
        settings.put("center.batch.broker.port", String.valueOf(port));
        settings.put("center.batch.broker.user", user);
        settings.put("center.batch.broker.password-file", passwordFile.toString());
        settings.put("center.batch.broker.queue", queue);
        settings.put("center.batch.broker.retry-seconds", String.valueOf(retrySeconds));
        return settings;
    }

    public String queue() {
        return queue;
    }

    /** Messages ready (not handed to a consumer) in the work queue and in its retry queue. */
    public long waitingMessages() throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount()
                    + channel.queueDeclarePassive(queue + ".retry").getMessageCount();
        }
    }

    /** Publishes a message to the work queue as a submission would (persistent), body as given. */
    public void publish(String body) throws IOException, TimeoutException, InterruptedException {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("", queue, MessageProperties.PERSISTENT_TEXT_PLAIN,
                    body.getBytes(StandardCharsets.US_ASCII));
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    @Override
    public void close() {
        try (Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
            channel.queueDelete(queue + ".retry");
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.warn("could not delete the test queues {}: {}", queue, e.toString());
        }
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("closing the test broker connection: {}", e.toString());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
