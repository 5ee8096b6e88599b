package jp.hokensho.center.report;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** The usage report as a PNG bar chart: one group of bars per institution, one bar per result category. */
public final class UsageChart {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;
    /** Installed by fonts-noto-cjk; without a CJK font Japanese labels are drawn as boxes. */
    private static final String JAPANESE_FONT = "Noto Sans CJK JP";

    private UsageChart() {
    }

    public static void write(UsageReport report, String title, OutputStream out) throws IOException {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (InstitutionUsage institution : report.institutions()) {
            UsageCounts total = institution.total();
            for (var result : ResultLabels.ORDER) {
                dataset.addValue(total.count(result), ResultLabels.label(result), institution.name());
            }
        }
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        String family = fontFamily();
        theme.setExtraLargeFont(new Font(family, Font.BOLD, 20));
        theme.setLargeFont(new Font(family, Font.BOLD, 14));
        theme.setRegularFont(new Font(family, Font.PLAIN, 12));
        theme.setSmallFont(new Font(family, Font.PLAIN, 10));
        JFreeChart chart = ChartFactory.createBarChart(title, "医療機関", "件数", dataset, PlotOrientation.VERTICAL,
                true, false, false);
        // Applied to this chart only: ChartFactory's theme is global to the JVM.
        theme.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(new Font(family, Font.PLAIN, 11));
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }

    static String fontFamily() {
        return Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .contains(JAPANESE_FONT) ? JAPANESE_FONT : Font.SANS_SERIF;
    }
}
