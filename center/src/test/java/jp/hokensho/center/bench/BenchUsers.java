package jp.hokensho.center.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import jp.hokensho.center.security.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's many distinct people: IDs, one shared password and each one's own salted hash at the given
 * cost. Hashing a thousand passwords at production cost takes minutes, so they are made once and kept in a
 * file of the benchmark's data folder that later runs reuse.
 */
final class BenchUsers {
    private static final Logger LOG = LoggerFactory.getLogger(BenchUsers.class);
    private static final String PASSWORD_KEY = "password";

    final String password;
    /** User ID → stored hash, in ID order. */
    final Map<String, String> hashes;

    private BenchUsers(String password, Map<String, String> hashes) {
        this.password = password;
        this.hashes = hashes;
    }

    static BenchUsers loadOrCreate(Path dir, int count, int iterations) throws IOException {
        Path file = dir.resolve("users-" + count + "-pbkdf2-" + iterations + ".properties");
        if (Files.exists(file)) {
            Properties stored = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                stored.load(reader);
            }
            Map<String, String> hashes = new TreeMap<>();
            stored.stringPropertyNames().stream().filter(name -> !name.equals(PASSWORD_KEY))
                    .forEach(name -> hashes.put(name, stored.getProperty(name)));
            LOG.info("reusing {} benchmark users from {}", hashes.size(), file);
            return new BenchUsers(stored.getProperty(PASSWORD_KEY), hashes);
        }
        LOG.info("hashing {} benchmark users' passwords at {} PBKDF2 iterations (once; kept in {})", count,
                iterations, file);
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        String password = "Bench-" + HexFormat.of().formatHex(secret);
        PasswordHasher hasher = new PasswordHasher(iterations);
        Map<String, String> hashes = new ConcurrentHashMap<>();
        IntStream.range(0, count).parallel().forEach(i -> hashes.put(userId(i), hasher.hash(password)));
        Properties stored = new Properties();
        stored.setProperty(PASSWORD_KEY, password);
        hashes.forEach(stored::setProperty);
        Files.createDirectories(dir);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            stored.store(writer, "benchmark users: local test secrets, never commit");
        }
        return new BenchUsers(password, new TreeMap<>(hashes));
    }

    private static String userId(int index) {
        return String.format("bench-user-%05d", index);
    }
}
