package jp.hokensho.center.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import javax.sql.DataSource;
import jp.hokensho.center.e2e.BenchmarkAccess;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.EligibilityQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL statements one pre-stored verification sends to the center's database, counted by H2's own query
 * statistics over -Dbench.calls (200) sequential calls after -Dbench.warmup-calls (300), and the CPU time the
 * whole process (client, center and database in one JVM) spends per call: on a machine shared with other work,
 * CPU per call moves much less with the load than throughput does. Not a test: run it by hand like
 * {@link VerificationBenchmark} and read the figures it logs.
 */
public final class StatementCount {
    private static final Logger LOG = LoggerFactory.getLogger(StatementCount.class);

    private StatementCount() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.getInteger("bench.calls", 200);
        int warmupCalls = Integer.getInteger("bench.warmup-calls", 300);
        Path dir = Files.createTempDirectory("center-statements");
        try (BenchmarkAccess stack = BenchmarkAccess.start(dir)) {
            EligibilityPortType client = stack.client();
            EligibilityQuery query = new EligibilityQuery();
            query.setInsurerNumber("33120015");
            query.setSymbol("大阪");
            query.setNumber("100");
            query.setTargetDate(LocalDate.of(2005, 7, 8));
            for (int i = 0; i < warmupCalls; i++) {
                client.verifyEligibility(query, null, null);
            }
            DataSource dataSource = stack.centerDataSource();
            execute(dataSource, "SET QUERY_STATISTICS_MAX_ENTRIES 1000");
            execute(dataSource, "SET QUERY_STATISTICS TRUE");
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                client.verifyEligibility(query, null, null);
            }
            double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / calls;
            double wallMs = (System.nanoTime() - wall0) / 1e6 / calls;
            report(dataSource, calls);
            LOG.info("process CPU {} ms per call, wall {} ms per call (sequential, {} calls, load {})",
                    String.format("%.2f", cpuMs), String.format("%.2f", wallMs), calls,
                    String.format("%.2f", os.getSystemLoadAverage()));
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void report(DataSource dataSource, int calls) throws SQLException {
        double total = 0;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT"
                     + " FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY EXECUTION_COUNT DESC")) {
            while (rows.next()) {
                String sql = rows.getString(1);
                if (sql.contains("QUERY_STATISTICS")) {
                    continue;
                }
                double perCall = rows.getLong(2) / (double) calls;
                total += perCall;
                LOG.info("{} per call: {}", String.format("%5.2f", perCall),
                        sql.length() > 160 ? sql.substring(0, 160) + "…" : sql);
            }
        }
        LOG.info("{} statements per pre-stored verification ({} calls)", String.format("%.2f", total), calls);
    }
}
