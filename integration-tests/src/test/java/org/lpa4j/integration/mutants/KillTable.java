package org.lpa4j.integration.mutants;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs mutants against the suite and tabulates which suite tests killed each one. */
final class KillTable {
    /** How many killing tests a row names before it only counts the rest. */
    private static final int NAMED = 3;

    private KillTable() {
    }

    /** One mutant's result: the tests that failed on it (a killed mutant has at least one), and the seconds it took. */
    record Row(Mutant mutant, List<String> killers, int testsRun, double seconds) {
        boolean killed() {
            return !killers.isEmpty();
        }
    }

    /** Runs the suite classes and ops of {@code mutant} on it. */
    static Row run(Mutant mutant) {
        long start = System.nanoTime();
        MutantSuites.use(mutant);
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(MutantSuites.selectors(mutant).toArray(
                new org.junit.platform.engine.DiscoverySelector[0])).execute();
        List<String> killers = new ArrayList<>();
        results.containerEvents().failed().stream().map(e -> "(whole " + describe(e) + ")").forEach(killers::add);
        results.testEvents().failed().stream().map(KillTable::describe).forEach(killers::add);
        return new Row(mutant, killers, (int) results.testEvents().finished().count(), (System.nanoTime() - start) / 1e9);
    }

    private static String describe(Event e) {
        String suite = e.getTestDescriptor().getUniqueId().getSegments().stream().filter(s -> s.getType().equals("class")).findFirst()
                .map(s -> s.getValue().substring(s.getValue().lastIndexOf('$') + 1)).orElse("");
        String method = e.getTestDescriptor().getUniqueId().getSegments().stream()
                .filter(s -> s.getType().equals("method") || s.getType().equals("test-factory")).findFirst()
                .map(s -> s.getValue().replaceAll(".*#", "").replaceAll("\\(.*", "")).orElse("");
        String why = e.getPayload(org.junit.platform.engine.TestExecutionResult.class).flatMap(r -> r.getThrowable())
                .map(t -> t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).lines().findFirst().orElse("")).orElse("");
        return suite + (method.isEmpty() ? "" : "." + method) + " [" + e.getTestDescriptor().getDisplayName() + "] "
                + (why.length() > 160 ? why.substring(0, 160) + "..." : why);
    }

    /** The table as text: one line per mutant with what it plants, then the tests that killed it. */
    static String format(List<Row> rows) {
        StringBuilder s = new StringBuilder();
        long counted = rows.stream().filter(r -> !r.mutant().isEquivalent()).count();
        long killed = rows.stream().filter(r -> !r.mutant().isEquivalent() && r.killed()).count();
        s.append(String.format("Mutant campaign on %s: %d of %d mutants killed; %d equivalent mutants (not counted)%n", MutantSuites.REAL_BACKEND,
                killed, counted, rows.size() - counted));
        s.append(String.format("%-46s %-16s %-8s %6s  %s%n", "mutant", "kind", "verdict", "tests", "what it plants / killed by"));
        for (Row r : rows) {
            Mutant m = r.mutant();
            String verdict = m.isEquivalent() ? (r.killed() ? "REJECTED" : "accepted") : r.killed() ? "killed" : "SURVIVED";
            s.append(String.format("%-46s %-16s %-8s %6d  %s%n", m.name(), m.kind(), verdict, r.testsRun(), m.plants()));
            if (m.isEquivalent()) {
                s.append(String.format("%80s equivalent: %s%n", "", m.equivalentBecause()));
            }
            for (int i = 0; i < Math.min(NAMED, r.killers().size()); i++) {
                s.append(String.format("%80s %s%n", "", r.killers().get(i)));
            }
            if (r.killers().size() > NAMED) {
                s.append(String.format("%80s ... and %d more failing tests%n", "", r.killers().size() - NAMED));
            }
        }
        return s.toString();
    }
}
