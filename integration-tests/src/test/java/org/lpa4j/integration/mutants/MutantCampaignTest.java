package org.lpa4j.integration.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planted-bug campaign, run in CI: the unmutated backend passes every test the campaign runs, every non-equivalent
 * mutant in {@link Mutants} fails at least one suite test, and every equivalent one passes. The kill table is logged and
 * written to {@code target/mutant-kill-table.txt} ({@code scripts/mutant-campaign.sh} runs this test and prints it).
 */
class MutantCampaignTest {
    private static final Logger LOG = LoggerFactory.getLogger(MutantCampaignTest.class);
    /** The campaign must plant at least this many non-equivalent bugs. */
    private static final int MIN_MUTANTS = 40;

    @Test
    void everyPlantedBugIsKilledBySomeSuiteTest_andEveryEquivalentMutantPasses() throws IOException {
        KillTable.Row control = KillTable.run(Mutants.control());
        assertEquals(List.of(), control.killers(), "the unmutated backend must pass every test the campaign runs, or a kill proves nothing");

        List<KillTable.Row> rows = Mutants.all().stream().map(KillTable::run).toList();
        String table = KillTable.format(rows);
        LOG.info("Control run: {} tests passed in {} s.\n{}", control.testsRun(), String.format("%.1f", control.seconds()), table);
        CampaignVerdict.check(rows.stream().map(r -> new CampaignVerdict.Outcome(r.mutant().name(), r.mutant().isEquivalent(), r.killed()))
                .toList(), MIN_MUTANTS, table, "mutant-kill-table.txt");
    }
}
