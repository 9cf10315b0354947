package org.lpa4j.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The time-left estimate weighs the cells left by their size, so big cells at the end are not estimated at the small ones' pace. */
class TimeLeftTest {
    @Test
    void bigCellsLeftAreEstimatedAtTheirSizeAndRunningCellsByWhatRemains() {
        // Two small cells (size 1), then two ten times bigger, one slot: the small ones took 2 s each, so 1 unit = 2 s.
        TimeLeft left = new TimeLeft(new double[] {1, 1, 10, 10}, 1);
        assertNull(left.at(0), "nothing trained yet: unknown");
        left.started(0, 0);
        left.finished(0, 2);
        left.started(1, 2);
        left.finished(1, 2);
        assertEquals(Duration.ofSeconds(40), left.at(4), "two cells of 10 units at 2 s per unit (the mean time per cell would say 4 s)");
        left.started(2, 4);
        assertEquals(Duration.ofSeconds(35), left.at(9), "the running cell has 15 of its 20 s left, the last one 20");
        left.finished(2, 30);   // 34 s for 12 units now: the big cell was slower per unit than the small ones
        assertEquals(Duration.ofMillis(Math.round(10 * 34.0 / 12 * 1000)), left.at(34));
    }

    @Test
    void cellsCompleteFromAnEarlierRunDoNotSetThePaceAndSlotsShareTheWork() {
        TimeLeft left = new TimeLeft(new double[] {4, 4, 4, 4, 4}, 2);
        left.finished(0, Double.NaN);   // read from an earlier run in no time
        assertNull(left.at(1));
        left.finished(1, 8);            // 2 s per unit
        assertEquals(Duration.ofSeconds(12), left.at(8), "three cells of 8 s: 24 s of work on two slots");
    }

    @Test
    void aCellsSizeIsItsEpochsTimesDepthTimesTrainers() {
        Cell cell = new Cell(0, "x", "x", 0, Map.of("task", "surface:peaks2d", "epochs", 30, "depth", 3, "trainer", "lpa,e2e"));
        assertEquals(30 * 3 * 2, TimeLeft.size(cell));
    }
}
