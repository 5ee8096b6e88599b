package jp.hokensho.center.bench;

import java.util.List;
import java.util.Optional;

/**
 * The run's figures as a Markdown table, each path against the reference at the same number of callers: throughput
 * ratio (higher is better) and server CPU ratio (lower is better). The reference is issue 10's, the stock endpoint on
 * the JDK's crypto ({@code stock-jdk}) when it ran, else the stock endpoint in the benchmark's JVM ({@code stock});
 * the header names it. A batch has no latencies and no throughput ratio (items per second are not requests per
 * second). The database server's CPU is shown where it was measured (MariaDB on this machine; H2's work is inside
 * the server's CPU): the server CPU ratio leaves it out, since the stock endpoint has no database.
 */
final class ResultTable {
    static final String STOCK_JDK = "stock-jdk";
    static final String STOCK = "stock";

    private ResultTable() {
    }

    static String markdown(List<Measurement> results) {
        String reference = results.stream().anyMatch(m -> baseName(m.path()).equals(STOCK_JDK)) ? STOCK_JDK : STOCK;
        StringBuilder out = new StringBuilder();
        out.append("| path | callers | answers | errors | req/s (items/s) | p50 ms | p90 ms | p99 ms "
                + "| server CPU ms/req | JVM CPU ms/req | DB server CPU ms/req | req/s vs " + reference
                + " | server CPU vs " + reference + " | load 1 min |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : results) {
            // Each row against the reference's run of the same round (suffix " #2") and callers; a batch (one
            // submitter, run in the last round) against the reference's last run.
            boolean batch = m.latencies().length == 0;
            String round = round(m.path());
            Optional<Measurement> stock = batch
                    ? results.stream().filter(s -> baseName(s.path()).equals(reference)).reduce((a, b) -> b)
                    : results.stream().filter(s -> s.path().equals(reference + round) && s.callers() == m.callers())
                    .findFirst();
            out.append(String.format("| %s | %d | %d | %d | %.1f | %s | %s | %s | %.2f | %.2f | %s | %s | %s | %.2f |"
                            + "%n",
                    m.path(), m.callers(), m.count(), m.errors(), m.throughput(), ms(m.percentile(50)),
                    ms(m.percentile(90)), ms(m.percentile(99)), m.serverCpuMillisPerRequest(),
                    m.processCpuMillisPerRequest(), cpuMs(m.databaseCpuMillisPerRequest()),
                    stock.filter(s -> !batch)
                            .map(s -> String.format("%.2fx", m.throughput() / s.throughput())).orElse("–"),
                    stock.map(s -> String.format("%.2fx", m.serverCpuMillisPerRequest()
                            / s.serverCpuMillisPerRequest())).orElse("–"),
                    m.loadAverage()));
        }
        return out.toString();
    }

    private static String baseName(String path) {
        return path.substring(0, path.length() - round(path).length());
    }

    private static String round(String path) {
        int mark = path.lastIndexOf(" #");
        return mark < 0 ? "" : path.substring(mark);
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "–" : String.format("%.1f", value);
    }

    private static String cpuMs(double value) {
        return Double.isNaN(value) ? "–" : String.format("%.2f", value);
    }
}
