package jp.hokensho.center.batch.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing on the real RabbitMQ server: a committed job becomes persistent messages naming its ranges on the
 * durable queue; a message rejected by a consumer waits in the retry queue and comes back; a broker gone does not
 * fail the submission (the poll takes the job).
 */
class BatchBrokerTest {
    @TempDir
    Path dir;
    private TestBroker testBroker;
    private BatchBroker broker;

    @BeforeEach
    void connect() throws Exception {
        testBroker = TestBroker.create();
        Map<String, String> center = testBroker.centerSettings(dir, 1);
        BrokerSettings settings = new BrokerSettings(center.get("center.batch.broker.host"),
                Integer.parseInt(center.get("center.batch.broker.port")), "/", center.get("center.batch.broker.user"),
                java.nio.file.Files.readString(Path.of(center.get("center.batch.broker.password-file"))).strip()
                        .toCharArray(), testBroker.queue(), 50, 1, 1, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(300));
        broker = BatchBroker.connect(settings, 9);
    }

    @AfterEach
    void close() {
        if (broker != null) {
            broker.close();
        }
        if (testBroker != null) {
            testBroker.close();
        }
    }

    @Test
    void aCommittedJobIsPublishedAsPersistentRangesAndARejectedOneComesBack() throws Exception {
        broker.committed("20261130000000000001", 120);

        try (Connection connection = factory().newConnection(); Channel channel = connection.createChannel()) {
            assertEquals(3, channel.queueDeclarePassive(testBroker.queue()).getMessageCount(), "three ranges");
            List<String> bodies = new ArrayList<>();
            GetResponse first = null;
            for (int i = 0; i < 3; i++) {
                GetResponse message = channel.basicGet(testBroker.queue(), false);
                assertEquals(2, message.getProps().getDeliveryMode(), "persistent");
                bodies.add(new String(message.getBody(), StandardCharsets.US_ASCII));
                if (first == null) {
                    first = message;
                } else {
                    channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                }
            }
            assertEquals(List.of("20261130000000000001 0 50", "20261130000000000001 50 100",
                    "20261130000000000001 100 120"), bodies);

            channel.basicReject(first.getEnvelope().getDeliveryTag(), false);
            assertEquals(0, channel.queueDeclarePassive(testBroker.queue()).getMessageCount(), "waiting, not back yet");
            GetResponse back = null;
            long deadline = System.currentTimeMillis() + 10_000;
            while (back == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                back = channel.basicGet(testBroker.queue(), true);
            }
            assertEquals("20261130000000000001 0 50",
                    back == null ? null : new String(back.getBody(), StandardCharsets.US_ASCII), "back after the wait");
        }
    }

    @Test
    void aBrokerGoneDoesNotFailTheSubmission() {
        broker.close();
        broker.committed("20261130000000000002", 10); // logged; the database poll takes the job
    }

    private static ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(System.getenv().getOrDefault("CENTER_TEST_RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(System.getenv().getOrDefault("CENTER_TEST_RABBITMQ_PORT", "5672")));
        factory.setUsername(System.getenv().getOrDefault("CENTER_TEST_RABBITMQ_USER", "guest"));
        factory.setPassword(System.getenv().getOrDefault("CENTER_TEST_RABBITMQ_PASSWORD", "guest"));
        return factory;
    }
}
