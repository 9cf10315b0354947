package org.lpa4j.integration.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The verdict every campaign asserts: enough mutants planted, none survived, no equivalent one rejected; the table saved first. */
final class CampaignVerdict {
    private CampaignVerdict() {
    }

    /** One mutant's outcome as the verdict sees it. */
    record Outcome(String name, boolean equivalent, boolean killed) {
    }

    /** Writes {@code table} to {@code target/FILE}, then asserts the verdict over {@code outcomes}. */
    static void check(List<Outcome> outcomes, int minMutants, String table, String file) throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", file), table);
        assertTrue(outcomes.stream().filter(o -> !o.equivalent()).count() >= minMutants, "the campaign needs at least " + minMutants
                + " non-equivalent mutants");
        List<String> survivors = outcomes.stream().filter(o -> !o.equivalent() && !o.killed()).map(Outcome::name).toList();
        assertEquals(List.of(), survivors, "mutants the suite did not catch:\n" + table);
        List<String> rejected = outcomes.stream().filter(o -> o.equivalent() && o.killed()).map(Outcome::name).toList();
        assertEquals(List.of(), rejected, "equivalent mutants the suite wrongly rejected:\n" + table);
    }
}
