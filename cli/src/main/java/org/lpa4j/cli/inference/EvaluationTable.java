package org.lpa4j.cli.inference;

import org.lpa4j.api.inference.ModelEvaluation;
import org.lpa4j.api.inference.ExitFigures;
import org.lpa4j.api.inference.DepthFigures;
import java.util.Locale;

/** The text {@code evaluate} prints: a table per depth, then the calibrated exit policy and its figures. */
public final class EvaluationTable {
    private EvaluationTable() {
    }

    public static String format(Evaluation e) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: %s on %s, %s (%s), %d test examples%n%n", e.model(), e.architecture(), e.task(), e.backend(),
                e.engineVersion(), e.testExamples()));
        boolean ece = e.depths().get(0).calibrationError() != null;
        s.append("| depth | ").append(e.metric()).append(" | ").append(e.secondMetric()).append(ece ? " | calibration error" : "")
                .append(" | parameters | multiply-adds / example | us / example, batch 1 | us / example, batch ").append(ModelEvaluation.LARGE_BATCH)
                .append(" |\n|---|---|---|").append(ece ? "---|" : "").append("---|---|---|---|\n");
        for (DepthFigures d : e.depths()) {
            s.append(String.format(Locale.ROOT, "| %d | %.4f | %.4f |%s %,d | %,d | %.1f | %.2f |%n", d.depth(), d.metric(), d.secondMetric(),
                    ece ? String.format(Locale.ROOT, " %.4f |", d.calibrationError()) : "", d.parameters(), d.multiplyAdds(),
                    d.microsPerExampleBatch1(), d.microsPerExampleBatch256()));
        }
        ExitFigures x = e.exit();
        if (x == null) {
            s.append('\n').append(e.exitNote()).append('\n');
            return s.toString();
        }
        s.append(String.format(Locale.ROOT, "%nCalibrated exit policy (validation split, accepted loss %s): %s%n", x.acceptedLoss(), x.policy()));
        s.append(String.format(Locale.ROOT, "  validation %s %.4f (loss bound at the 95%% quantile of the bootstrap: %.4g)%n", e.metric(),
                x.validationMetric(), x.validationLossBound()));
        s.append(String.format(Locale.ROOT, "  test %s %.4f against %.4f at full depth%n", e.metric(), x.testMetric(), x.fullDepthTestMetric()));
        s.append(String.format(Locale.ROOT, "  mean exit depth %.3f of %d: %.2fx fewer blocks; mean multiply-adds per example %,.0f%n",
                x.meanDepth(), e.depths().size(), x.fewerBlocks(), x.meanMultiplyAdds()));
        s.append("  rows leaving at depth 1..").append(e.depths().size()).append(": ");
        for (int k = 0; k < x.histogram().length; k++) {
            s.append(k == 0 ? "" : ", ").append(x.histogram()[k]);
        }
        s.append(String.format(Locale.ROOT, "%n  measured speedup over the full depth: %.2fx at batch 1, %.2fx at batch %d (quartiles %.2fx-%.2fx)%n",
                x.speedupBatch1(), x.speedupBatch256(), ModelEvaluation.LARGE_BATCH, x.speedupBatch256Q1(), x.speedupBatch256Q3()));
        return s.toString();
    }
}
