package org.lpa4j.integration.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planted-bug campaign on the library (bundles, inference, losses and their gradients, preprocessing, data checks,
 * run safety), run in CI: the library as it is passes every test the campaign runs, every non-equivalent slip in
 * {@link LibraryMutants} fails at least one of its tests, and every equivalent one passes. The kill table is logged and
 * written to {@code target/library-mutant-kill-table.txt} ({@code scripts/mutant-campaign.sh} prints it).
 */
class LibraryMutantCampaignTest {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryMutantCampaignTest.class);
    /** The campaign must plant at least this many non-equivalent slips. */
    private static final int MIN_MUTANTS = 25;

    @Test
    void everyPlantedSlipIsKilledBySomeTest_andEveryEquivalentOnePasses() throws Exception {
        SourceMutantRunner runner = new SourceMutantRunner(Path.of("target", "library-mutants"));
        SourceMutantRunner.Row control = runner.control(LibraryMutants.allTests());
        assertEquals(List.of(), control.killers(), "the library as it is must pass every test the campaign runs, or a kill proves nothing");
        assertTrue(control.testsRun() >= LibraryMutants.allTests().size(), "every test the catalogue names ran: " + control.testsRun());

        // Each mutant has its own folder and JVM, so two run at once on a machine of two cores or more (the build's
        // tests use one engine thread each); the rows keep the catalogue's order.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        List<SourceMutantRunner.Row> rows = new ArrayList<>();
        try {
            List<Future<SourceMutantRunner.Row>> runs = new ArrayList<>();
            for (SourceMutant m : LibraryMutants.all()) {
                runs.add(pool.submit(() -> runner.run(m)));
            }
            for (Future<SourceMutantRunner.Row> run : runs) {
                rows.add(run.get());
            }
        } finally {
            pool.shutdownNow();
        }
        String table = SourceMutantRunner.format(rows);
        LOG.info("Control run: {} tests passed in {} s.\n{}", control.testsRun(), String.format("%.1f", control.seconds()), table);
        CampaignVerdict.check(rows.stream().map(r -> new CampaignVerdict.Outcome(r.mutant().name(), r.mutant().isEquivalent(), r.killed()))
                .toList(), MIN_MUTANTS, table, "library-mutant-kill-table.txt");
    }
}
