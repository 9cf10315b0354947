package org.lpa4j.cli.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lpa4j.api.io.AtomicFiles;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.experiments.DepthReport;
import org.lpa4j.experiments.DepthSpread;
import org.lpa4j.experiments.SeedsReport;

/**
 * A PNG of the test metric against depth, one line per trainer (a column with values at some depths only, such as the
 * separate models, is drawn through those), logarithmic when lower is better; over several seeds the mean with error
 * bars of one sample standard deviation.
 */
public final class DepthPlot {

    /** Renders one seed's {@code report} to {@code file} atomically. */
    public void write(DepthReport report, Path file) throws IOException {
        XYChart chart = chart(report.task() + " - " + report.architecture() + " on " + report.backend(), report.metric(), report.lowerIsBetter());
        for (DepthCurve c : report.trainers()) {
            add(chart, c.trainer(), c.values(), null, report.lowerIsBetter());
        }
        save(chart, file);
    }

    /** Renders the means and spreads of several seeds to {@code file} atomically. */
    public void write(SeedsReport report, Path file) throws IOException {
        XYChart chart = chart(report.task() + " - " + report.architecture() + " on " + report.backend() + ", " + report.seeds().size() + " seeds",
                report.metric(), report.lowerIsBetter());
        for (DepthSpread c : report.trainers()) {
            add(chart, c.trainer(), c.mean(), c.spread(), report.lowerIsBetter());
        }
        save(chart, file);
    }

    private static XYChart chart(String title, String metric, boolean logarithmic) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("depth").yAxisTitle(metric).build();
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setXAxisDecimalPattern("0");
        return chart;
    }

    /**
     * One series through the depths where {@code values} is a number; with {@code errors}, bars of that half-height (on a
     * logarithmic axis cut above zero, where a bar cannot reach).
     */
    private static void add(XYChart chart, String trainer, double[] values, double[] errors, boolean logarithmic) {
        int[] depths = IntStream.range(0, values.length).filter(i -> !Double.isNaN(values[i])).toArray();
        double[] x = new double[depths.length];
        double[] y = new double[depths.length];
        double[] e = new double[depths.length];
        for (int i = 0; i < depths.length; i++) {
            x[i] = depths[i] + 1;
            y[i] = logarithmic ? Math.max(values[depths[i]], 1e-12) : values[depths[i]];
            e[i] = errors == null ? 0 : logarithmic ? Math.min(errors[depths[i]], 0.999 * y[i]) : errors[depths[i]];
        }
        String name = trainer.toUpperCase(Locale.ROOT);
        (errors == null ? chart.addSeries(name, x, y) : chart.addSeries(name, x, y, e)).setMarker(SeriesMarkers.CIRCLE);
    }

    private static void save(XYChart chart, Path file) throws IOException {
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
