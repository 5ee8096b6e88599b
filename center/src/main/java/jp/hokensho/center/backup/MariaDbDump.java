package jp.hokensho.center.backup;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.hokensho.center.persistence.DatabaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB through its own clients: {@code mariadb-dump --single-transaction} (one consistent InnoDB snapshot while
 * the center keeps writing) and the {@code mariadb} client to load it. The password goes in a
 * {@code --defaults-extra-file} readable by this user only (the first option, as the clients require), never on a
 * command line where {@code ps} would show it.
 */
final class MariaDbDump implements DatabaseDump {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbDump.class);
    private static final long TIMEOUT_HOURS = 6;

    private final DatabaseSettings database;
    private final String dumpCommand;
    private final String clientCommand;
    private final String host;
    private final int port;
    private final String name;

    MariaDbDump(DatabaseSettings database, String dumpCommand, String clientCommand) {
        this.database = database;
        this.dumpCommand = dumpCommand;
        this.clientCommand = clientCommand;
        URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 3306 : uri.getPort();
        this.name = uri.getPath().replaceFirst("^/", "");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the database URL names no database: " + uri);
        }
    }

    @Override
    public String kind() {
        return "mariadb";
    }

    @Override
    public void dumpTo(Path file) throws IOException {
        run(List.of(dumpCommand, "--single-transaction", "--default-character-set=utf8mb4", "--no-tablespaces",
                "--hex-blob", "--skip-dump-date", name), null, file);
    }

    @Override
    public String whyNotEmpty() throws IOException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
             PreparedStatement tables = connection.prepareStatement(
                     "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?")) {
            tables.setString(1, name);
            try (ResultSet count = tables.executeQuery()) {
                count.next();
                return count.getInt(1) == 0 ? null : "the database " + name + " on " + host + ":" + port + " has "
                        + count.getInt(1) + " tables: restore into an empty database (CREATE DATABASE " + name
                        + " CHARACTER SET utf8mb4)";
            }
        } catch (SQLException e) {
            throw new IOException("cannot reach the database " + name + " on " + host + ":" + port
                    + " to check that it is empty (create it empty first): " + e.getMessage(), e);
        }
    }

    @Override
    public void restoreFrom(Path file) throws IOException {
        run(List.of(clientCommand, "--default-character-set=utf8mb4", "--batch", name), file, null);
    }

    private void run(List<String> arguments, Path stdin, Path stdout) throws IOException {
        Path options = Files.createTempFile("center-db-", ".cnf",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Path errors = Files.createTempFile("center-db-", ".err");
        try {
            Files.writeString(options, "[client]\nuser=" + quoted(database.user()) + "\npassword="
                    + quoted(database.password()) + "\nhost=" + host + "\nport=" + port + "\n", StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(arguments.get(0));
            command.add("--defaults-extra-file=" + options);
            command.addAll(arguments.subList(1, arguments.size()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
            if (stdin != null) {
                builder.redirectInput(stdin.toFile());
            }
            if (stdout != null) {
                builder.redirectOutput(stdout.toFile());
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IOException("cannot run " + arguments.get(0) + " (set center.backup.mariadb-dump-command"
                        + " and center.backup.mariadb-command to the MariaDB client programs): " + e.getMessage(), e);
            }
            if (!process.waitFor(TIMEOUT_HOURS, TimeUnit.HOURS)) {
                process.destroyForcibly();
                throw new IOException(arguments.get(0) + " did not finish within " + TIMEOUT_HOURS + " hours");
            }
            if (process.exitValue() != 0) {
                throw new IOException(arguments.get(0) + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(errors, StandardCharsets.UTF_8).strip());
            }
            String warnings = Files.readString(errors, StandardCharsets.UTF_8).strip();
            if (!warnings.isEmpty()) {
                LOG.warn("{} said: {}", arguments.get(0), warnings);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(arguments.get(0) + " was interrupted", e);
        } finally {
            Files.deleteIfExists(options);
            Files.deleteIfExists(errors);
        }
    }

    /** Option files take a double-quoted value with backslash escapes. */
    private static String quoted(String value) {
        return "\"" + (value == null ? "" : value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
