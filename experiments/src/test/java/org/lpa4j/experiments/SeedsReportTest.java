package org.lpa4j.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.training.DepthCurve;

/** Means and spreads over seeds, per column and depth; gaps between columns; runs that do not compare the same trainers. */
class SeedsReportTest {

    private static DepthReport run(long seed, double[] lpa, double[] separate, double seconds) {
        DepthCurve l = new DepthCurve("lpa", lpa, seconds, 5);
        DepthCurve s = new DepthCurve("separate", separate, 2 * seconds, 5);
        return new DepthReport("surface:peaks2d", "fnn", "djl", "relative L2 error", true, 2, 8, 5, seed, List.of(l, s), "max error",
                List.of(l, s), List.of(DepthGap.between(l, s)));
    }

    @Test
    void meanAndSampleStandardDeviationPerDepth_overTheSeedsRuns() {
        SeedsReport report = SeedsReport.of(List.of(run(0, new double[] {0.4, 0.2}, new double[] {0.3, Double.NaN}, 1),
                run(1, new double[] {0.6, 0.1}, new double[] {0.5, Double.NaN}, 3), run(2, new double[] {0.5, 0.3}, new double[] {0.1, Double.NaN}, 2)));
        assertEquals(List.of(0L, 1L, 2L), report.seeds());
        DepthSpread lpa = report.trainers().get(0);
        assertEquals("lpa", lpa.trainer());
        assertArrayEquals(new double[] {0.5, 0.2}, lpa.mean(), 1e-12);
        assertArrayEquals(new double[] {0.1, 0.1}, lpa.spread(), 1e-12);
        assertEquals(2.0, lpa.meanWallSeconds(), 1e-12);
        DepthSpread separate = report.trainers().get(1);
        assertEquals(0.3, separate.mean()[0], 1e-12);
        assertEquals(0.2, separate.spread()[0], 1e-12);
        assertTrue(Double.isNaN(separate.mean()[1]), "no separate model of depth 2: no mean either");
        DepthSpread gap = report.gaps().get(0);
        assertEquals("lpa-separate", gap.trainer());
        assertEquals(0.2, gap.mean()[0], 1e-12, "LPA minus separate at depth 1, averaged over the seeds");
        assertEquals(3, report.runs().size());
    }

    @Test
    void oneSeedHasNoSpread() {
        SeedsReport report = SeedsReport.of(List.of(run(7, new double[] {0.4, 0.2}, new double[] {0.3, 0.1}, 1)));
        assertArrayEquals(new double[] {0, 0}, report.trainers().get(0).spread());
    }

    @Test
    void runsComparingDifferentTrainersAreRefused() {
        DepthReport other = new DepthReport("surface:peaks2d", "fnn", "djl", "relative L2 error", true, 2, 8, 5, 1,
                List.of(new DepthCurve("e2e", new double[] {1, 1}, 1, 5)), "max error", List.of());
        Lpa4jException e = assertThrows(Lpa4jException.class,
                () -> SeedsReport.of(List.of(run(0, new double[] {0.4, 0.2}, new double[] {0.3, 0.1}, 1), other)));
        assertTrue(e.getMessage().startsWith("The runs of seeds 0 and 1 compare different trainers"), e.getMessage());
    }
}
