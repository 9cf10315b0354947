package org.lpa4j.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.data.Metric;

/** Outside a terminal, progress is plain lines a log can hold: no carriage returns, at most about fifty lines per trainer. */
class ProgressListenerTest {

    @Test
    void withoutATerminal_progressIsOneLinePerEpochOrPerFewPercent() {
        assertEquals(List.of("LPA epoch 1", "LPA epoch 2", "LPA epoch 3"), linesOf(3).stream().map(l -> l.substring(0, l.indexOf(" loss"))).toList());
        List<String> long_ = linesOf(1000);
        assertTrue(long_.size() <= ProgressListener.MAX_LOG_LINES + 1, long_.size() + " lines");
        assertTrue(long_.get(long_.size() - 1).startsWith("LPA epoch 1000 loss"), long_.get(long_.size() - 1));
        assertTrue(long_.get(0).contains("of 1000"), long_.get(0));
    }

    @Test
    void trainingsThatTakeTurns_eachHaveTheirLines_andTheirOwnTime() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             ProgressListener progress = new ProgressListener(Metric.RELATIVE_L2, false, log)) {
            progress.onTrainingBegin("lpa", 2, 1);
            progress.onTrainingBegin("e2e", 2, 1);
            for (int e = 1; e <= 2; e++) {
                for (String t : List.of("lpa", "e2e")) {
                    Thread.sleep(t.equals("lpa") ? 200 : 5);
                    progress.onBatch(t, e, 1, 0.5);
                    progress.onEpoch(t, e, 0.5, new double[] {0.3, 0.2});
                }
            }
            progress.onTrainingEnd("lpa", 2, 1.0);
            progress.onTrainingEnd("e2e", 2, 1.0);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("LPA epoch 1", "E2E epoch 1", "LPA epoch 2", "E2E epoch 2"), lines.stream().map(l -> l.substring(0, l.indexOf(" loss"))).toList());
        double e2e = Double.parseDouble(lines.get(3).replaceAll(".*, ([0-9.]+) s$", "$1"));
        assertTrue(e2e < 0.2, "E2E's time leaves out LPA's turns: " + lines);
    }

    private static List<String> linesOf(int epochs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             ProgressListener progress = new ProgressListener(Metric.RELATIVE_L2, false, log)) {
            progress.onTrainingBegin("lpa", epochs, 4);
            for (int e = 1; e <= epochs; e++) {
                for (int b = 0; b < 4; b++) {
                    progress.onBatch("lpa", e, b, 0.5);
                }
                progress.onEpoch("lpa", e, 0.5, new double[] {0.3, 0.2});
            }
            progress.onTrainingEnd("lpa", epochs, 1.0);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "no carriage-return frames in a log");
        return text.lines().toList();
    }
}
