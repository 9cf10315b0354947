package org.lpa4j.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lpa4j.api.Lpa4jException;

/** The rotation on its own: the order of turns, one task at a time, waits counted, a failure that stops the others. */
@Timeout(10)
class TakingTurnsTest {

    /** A task that records "name:step" for each of its {@code steps} and passes its turn after each. */
    private static Function<TakingTurns.Turn, Long> steps(String name, int steps, List<String> log, int[] running) {
        return turn -> {
            for (int s = 1; s <= steps; s++) {
                synchronized (running) {
                    assertEquals(0, running[0], "one task at a time");
                    running[0]++;
                }
                log.add(name + ":" + s + ":" + Thread.currentThread().getName());
                synchronized (running) {
                    running[0]--;
                }
                turn.pass();
            }
            return turn.waitedNanos();
        };
    }

    @Test
    void tasksTakeTurnsInOrder_aFinishedOneLeaves_andEachCountsItsWaits() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        int[] running = new int[1];
        List<Long> waited = new TakingTurns().run(List.of(steps("a", 3, log, running), steps("b", 1, log, running), steps("c", 2, log, running)),
                List.of("ta", "tb", "tc"));
        assertEquals(List.of("a:1:ta", "b:1:tb", "c:1:tc", "a:2:ta", "c:2:tc", "a:3:ta"), log);
        assertTrue(waited.get(0) > 0 && waited.get(2) > 0, "a and c waited for turns: " + waited);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().matches("t[abc]")), "no thread left behind");
    }

    @Test
    void onlyTheTasksOwnThreadCanPassItsTurn() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Function<TakingTurns.Turn, Long> helper = turn -> {
            Thread other = new Thread(turn::pass);
            other.start();
            try {
                other.join(5000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            log.add(other.isAlive() ? "blocked" : "returned");
            turn.pass();
            log.add("a again");
            return 0L;
        };
        new TakingTurns().run(List.of(helper, steps("b", 1, log, new int[1])), List.of("ta", "tb"));
        assertEquals(List.of("returned", "b:1:tb", "a again"), log);
    }

    @Test
    void aFailureStopsTheOthersAtTheirNextTurn_andIsRethrownAsItWas() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        int[] running = new int[1];
        Lpa4jException boom = new Lpa4jException("The training diverged at epoch 2; lower the learning rate.");
        List<String> unwound = Collections.synchronizedList(new ArrayList<>());
        Function<TakingTurns.Turn, Long> failing = turn -> {
            turn.pass();
            throw boom;
        };
        Function<TakingTurns.Turn, Long> long1 = steps("a", 100, log, running);
        Function<TakingTurns.Turn, Long> unwinding = turn -> {
            try {
                return long1.apply(turn);
            } catch (TakingTurns.Stopped e) {
                unwound.add("a");
                throw e;
            }
        };
        Lpa4jException thrown = assertThrows(Lpa4jException.class, () -> new TakingTurns().run(List.of(unwinding, failing), List.of("ta", "tf")));
        assertSame(boom, thrown);
        assertEquals(List.of("a:1:ta", "a:2:ta"), log, "a stopped at its next turn after the failure");
        assertEquals(List.of("a"), unwound, "the stopped task unwound (closing what it holds)");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().matches("t[af]")), "no thread left behind");
    }
}
