package org.lpa4j.cli.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lpa4j.api.io.AtomicFiles;

/** A PNG of the construction's measured L^p errors and their certified bounds against depth, on a logarithmic axis. */
public final class ConstructionPlot {

    /** Renders {@code report} to {@code file} atomically. */
    public void write(ConstructionReport report, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title(report.function() + ", d=" + report.dim() + ", N=" + report.base() + " on " + report.backend())
                .xAxisTitle("depth l").yAxisTitle("L^" + report.p() + " error").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0");
        add(chart, report, "network ||f - Phi_l||", ConstructionRow::networkError);
        add(chart, report, "certified (2d+1) w(N^-l)", ConstructionRow::certifiedBound);
        add(chart, report, "host E_l f error", r -> r.level() == 0 ? null : r.cellAverageError());
        add(chart, report, "E_l f bound 2d w(N^-l)", ConstructionRow::cellAverageBound);
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static void add(XYChart chart, ConstructionReport report, String name, Function<ConstructionRow, Double> value) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (ConstructionRow r : report.rows()) {
            Double v = value.apply(r);
            if (v != null && !v.isNaN()) {
                x.add((double) r.level());
                y.add(Math.max(v, 1e-16));
            }
        }
        if (!x.isEmpty()) {
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
    }
}
