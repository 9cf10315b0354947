package org.lpa4j.cli.inference;

import org.lpa4j.api.inference.ExitFigures;
import org.lpa4j.api.inference.DepthFigures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lpa4j.api.io.AtomicFiles;

/** A PNG of the test metric against multiply-adds per example: one point per depth, and the exit policy's curve as its threshold moves. */
public final class ExitCostPlot {
    private ExitCostPlot() {
    }

    /** Renders {@code e} to {@code file} atomically. */
    public static void write(Evaluation e, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(e.task() + " - " + e.architecture() + " on " + e.backend())
                .xAxisTitle("multiply-adds per example").yAxisTitle(e.metric()).build();
        List<DepthFigures> depths = e.depths();
        double[] x = depths.stream().mapToDouble(DepthFigures::multiplyAdds).toArray();
        double[] y = depths.stream().mapToDouble(DepthFigures::metric).toArray();
        chart.addSeries("depth 1.." + depths.size(), x, y).setMarker(SeriesMarkers.CIRCLE);
        ExitFigures exit = e.exit();
        if (exit != null && !exit.curve().isEmpty()) {
            double[] cx = exit.curve().stream().mapToDouble(ExitFigures.CurvePoint::meanMultiplyAdds).toArray();
            double[] cy = exit.curve().stream().mapToDouble(ExitFigures.CurvePoint::metric).toArray();
            chart.addSeries("early exit, threshold moving", cx, cy).setMarker(SeriesMarkers.NONE);
            chart.addSeries("calibrated: " + exit.policy(), new double[] {exit.meanMultiplyAdds()}, new double[] {exit.testMetric()})
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.DIAMOND);
        }
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
