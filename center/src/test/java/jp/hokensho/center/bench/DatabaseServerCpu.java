package jp.hokensho.center.bench;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPU time of a database server process on this machine (MariaDB's {@code mariadbd}), counted beside the
 * center's own: on MariaDB a verification's statements cost the database server CPU on the same cores, which the
 * JVM's thread times do not see. H2 runs inside the center's JVM, where its work is already in the server's CPU.
 */
final class DatabaseServerCpu {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseServerCpu.class);
    private static volatile ProcessHandle process;

    private DatabaseServerCpu() {
    }

    /** From now on every meter also counts the local MariaDB server's CPU, if one runs on this machine. */
    static void countLocalMariaDb() {
        process = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(DatabaseServerCpu::isMariaDbServer).orElse(false))
                .findFirst().orElse(null);
        if (process == null) {
            LOG.warn("no mariadbd or mysqld process on this machine: the database server's CPU is not measured");
        } else {
            LOG.info("counting the CPU of the database server, process {} ({})", process.pid(),
                    process.info().command().orElse("?"));
        }
    }

    /** The database server's CPU time so far, ns, or empty when none is counted (H2, or a remote server). */
    static Optional<Long> nanos() {
        ProcessHandle counted = process;
        return counted == null ? Optional.empty()
                : counted.info().totalCpuDuration().map(Duration::toNanos);
    }

    private static boolean isMariaDbServer(String command) {
        return command.endsWith("/mariadbd") || command.endsWith("/mysqld");
    }
}
