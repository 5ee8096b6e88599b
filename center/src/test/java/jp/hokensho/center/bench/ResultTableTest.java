package jp.hokensho.center.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ratio columns' reference: the stock endpoint on the JDK's crypto when it ran, named in the header. */
class ResultTableTest {

    @Test
    void stockJdkIsTheReferenceWhenItRanAndTheInProcessStockIsSetAgainstIt() {
        String table = ResultTable.markdown(List.of(single("stock-jdk #2", 100, 10), single("stock #2", 150, 5),
                single("pre-stored #2", 50, 20), batch(400, 2)));

        assertTrue(table.startsWith("| path |"), table);
        assertTrue(table.lines().findFirst().orElseThrow()
                .contains("| req/s vs stock-jdk | server CPU vs stock-jdk |"), table);
        assertEquals("1.00x | 1.00x", ratios(table, "stock-jdk #2"));
        assertEquals("1.50x | 0.50x", ratios(table, "stock #2"));
        assertEquals("0.50x | 2.00x", ratios(table, "pre-stored #2"));
        assertEquals("– | 0.20x", ratios(table, "batch 400"));
    }

    @Test
    void withoutStockJdkTheInProcessStockIsTheReference() {
        String table = ResultTable.markdown(List.of(single("stock #1", 100, 10), single("pre-stored #1", 80, 15)));

        assertTrue(table.lines().findFirst().orElseThrow().contains("| req/s vs stock | server CPU vs stock |"), table);
        assertEquals("0.80x | 1.50x", ratios(table, "pre-stored #1"));
    }

    /** A 10-second run of 16 callers with {@code perSecond} answers, each costing {@code cpuMillis} of server CPU. */
    private static Measurement single(String path, int perSecond, int cpuMillis) {
        long answers = perSecond * 10L;
        long[] latencies = new long[(int) answers];
        java.util.Arrays.fill(latencies, 1_000_000L);
        return new Measurement(path, 16, latencies, answers, 10, 0,
                new ServerCpuMeter.Cpu(answers * cpuMillis * 1_000_000L, answers * cpuMillis * 2_000_000L), 1.0);
    }

    private static Measurement batch(int items, int cpuMillis) {
        return new Measurement("batch " + items, 1, new long[0], items, 1, 0,
                new ServerCpuMeter.Cpu(items * cpuMillis * 1_000_000L, 0), 1.0);
    }

    /** The two ratio cells of the row of {@code path}. */
    private static String ratios(String table, String path) {
        String[] cells = cells(table, path);
        return cells[11] + " | " + cells[12];
    }

    @Test
    void theDatabaseServersCpuIsShownWhereItWasMeasuredAndLeftOutOfTheRatio() {
        long answers = 1000;
        long[] latencies = new long[(int) answers];
        java.util.Arrays.fill(latencies, 1_000_000L);
        Measurement onMariaDb = new Measurement("pre-stored #2", 16, latencies, answers, 10, 0,
                new ServerCpuMeter.Cpu(answers * 5_000_000L, answers * 10_000_000L, answers * 1_500_000L), 1.0);
        String table = ResultTable.markdown(List.of(single("stock-jdk #2", 100, 10), onMariaDb));

        assertTrue(table.lines().findFirst().orElseThrow()
                .contains("| JVM CPU ms/req | DB server CPU ms/req |"), table);
        assertEquals("1.50", cells(table, "pre-stored #2")[10]);
        assertEquals("–", cells(table, "stock-jdk #2")[10]);
        assertEquals("1.00x | 0.50x", ratios(table, "pre-stored #2"));
    }

    private static String[] cells(String table, String path) {
        return table.lines().filter(line -> line.startsWith("| " + path + " |")).findFirst().orElseThrow()
                .split(" \\| ");
    }
}
