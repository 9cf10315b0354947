package org.lpa4j.cli.output;

import org.lpa4j.api.training.DepthReport;
import java.io.IOException;
import java.nio.file.Path;
import org.lpa4j.api.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lpa4j.api.training.DepthCurve;

/** A PNG of the test metric against depth, one line per trainer, logarithmic when lower is better. */
public final class DepthPlot {

    /** Renders {@code report} to {@code file} atomically. */
    public void write(DepthReport report, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title(report.task() + " - " + report.architecture() + " on " + report.backend())
                .xAxisTitle("depth").yAxisTitle(report.metric()).build();
        chart.getStyler().setYAxisLogarithmic(report.lowerIsBetter());
        chart.getStyler().setXAxisDecimalPattern("0");
        for (DepthCurve c : report.trainers()) {
            double[] x = new double[c.depth()];
            double[] y = c.values();
            for (int l = 1; l <= c.depth(); l++) {
                x[l - 1] = l;
                y[l - 1] = report.lowerIsBetter() ? Math.max(y[l - 1], 1e-12) : y[l - 1];
            }
            chart.addSeries(c.trainer().toUpperCase(java.util.Locale.ROOT), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
