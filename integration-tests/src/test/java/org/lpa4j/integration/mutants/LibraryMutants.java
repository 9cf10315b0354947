package org.lpa4j.integration.mutants;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The catalogue of one-line slips planted in the library's source, by area: saved-model bundles, inference, losses and
 * their gradients, input preprocessing, data checks and run safety. Each names the suite tests that can see it (the
 * campaign runs only those); the equivalent ones say why nothing the suite specifies changes.
 */
final class LibraryMutants {
    private static final String IO = "api/src/main/java/org/lpa4j/api/io/";
    private static final String INFERENCE = "api/src/main/java/org/lpa4j/api/inference/";
    private static final String TARGET = "api/src/main/java/org/lpa4j/api/training/ResidualTarget.java";
    private static final String MODELS = "models/src/main/java/org/lpa4j/models/";
    private static final String CLI = "cli/src/main/java/org/lpa4j/cli/";

    private static final String ATOMIC_TEST = "org.lpa4j.api.io.AtomicDirectoriesTest#";
    private static final String MODELS_TEST = "org.lpa4j.models.ModelsTest#";
    private static final String TARGET_TEST = "org.lpa4j.integration.ResidualTargetTest#teacherLosses_sendNoGradientToTheTeacher_butOneToTheStudents";

    private LibraryMutants() {
    }

    /** Every mutant, the equivalent ones included. */
    static List<SourceMutant> all() {
        List<SourceMutant> m = new ArrayList<>();
        bundle(m);
        runSafety(m);
        inference(m);
        losses(m);
        preprocessing(m);
        dataChecks(m);
        equivalent(m);
        return m;
    }

    /** Every test any mutant runs, once: the control runs them all on the library as it is. */
    static List<String> allTests() {
        Set<String> tests = new LinkedHashSet<>();
        all().forEach(m -> tests.addAll(m.tests()));
        return List.copyOf(tests);
    }

    private static SourceMutant slip(String name, String area, String file, String original, String replacement, String... tests) {
        return new SourceMutant(name, area, file, original, replacement, List.of(tests), null);
    }

    private static void bundle(List<SourceMutant> m) {
        m.add(slip("bundle-shape-check-counts-elements", "bundle", MODELS + "BundleReader.java", "} else if (!w.shape().equals(spec.shape())) {",
                "} else if (w.shape().size() != spec.shape().size()) {", MODELS_TEST + "transposedWeightWithTheSameElementCount_isRefusedOnTheHost"));
        m.add(slip("bundle-nan-at-index-0-passes", "bundle", MODELS + "BundleReader.java", "if (bad >= 0) {", "if (bad > 0) {",
                MODELS_TEST + "damagedWeights_areNotLoaded_evenWithTheNaNAtTheFirstIndex"));
        m.add(slip("bundle-digest-leaves-out-outputs", "bundle", MODELS + "BundleIntegrity.java", "List.of(\"exit_policy\", \"integrity\")",
                "List.of(\"exit_policy\", \"integrity\", \"output\")", MODELS_TEST + "editsThatKeepEveryShape_areCaughtByTheDigest"));
        m.add(slip("bundle-digest-never-compared", "bundle", MODELS + "BundleReader.java", "if (!actual.equals(manifest.integrity().digest())) {",
                "if (actual.isEmpty()) {", MODELS_TEST + "editsThatKeepEveryShape_areCaughtByTheDigest"));
        m.add(slip("bundle-digest-depends-on-key-order", "bundle", MODELS + "BundleIntegrity.java",
                "for (String name : new TreeSet<>(iterable(node.fieldNames()))) {", "for (String name : iterable(node.fieldNames())) {",
                MODELS_TEST + "theDigestIsOfTheManifestsContent_notOfItsLayout"));
        m.add(slip("bundle-probes-never-fail", "bundle", MODELS + "BundleIntegrity.java", "if (!(gap <= tolerance)) {", "if (Double.isNaN(gap)) {",
                MODELS_TEST + "editsWithTheDigestRewrittenToo_areCaughtByTheProbeOutputsOnLoad"));
        m.add(slip("bundle-probes-skip-depth-1", "bundle", MODELS + "BundleIntegrity.java", "for (int d = 0; d < outputs.size(); d++) {",
                "for (int d = 1; d < outputs.size(); d++) {", MODELS_TEST + "editsWithTheDigestRewrittenToo_areCaughtByTheProbeOutputsOnLoad"));
        m.add(slip("bundle-integrity-optional-in-format-3", "bundle", MODELS + "BundleReader.java",
                "if (manifest.formatVersion() < Models.INTEGRITY_FORMAT) {", "if (manifest.integrity() == null) {",
                MODELS_TEST + "olderBundle_withoutDigestOrProbes_stillLoads_butAFormatThreeOneWithoutThemIsRefused"));
    }

    private static void runSafety(List<SourceMutant> m) {
        m.add(slip("first-write-straight-into-target", "run safety", IO + "AtomicDirectories.java",
                "Path staging = Files.createDirectory(siblingName(folder, \"partial\"));", "Path staging = Files.createDirectories(folder);",
                ATOMIC_TEST + "content_isWrittenIntoAHiddenSibling_neverStraightIntoTheTarget"));
        m.add(slip("recovery-deletes-instead-of-restoring", "run safety", IO + "AtomicDirectories.java",
                "if (leftover.getFileName().toString().startsWith(prefix + \"replaced-\") && !Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {",
                "if (leftover.getFileName().toString().startsWith(prefix + \"replaced-\") && folder == null) {",
                ATOMIC_TEST + "interruptedReplacement_isRestoredByTheNextWriter_beforeItDecides"));
        m.add(slip("reader-never-restores", "run safety", IO + "AtomicDirectories.java", "Optional<Path> aside = movedAside(missing);",
                "Optional<Path> aside = Optional.empty();", ATOMIC_TEST + "interruptedReplacement_isRestoredByAReaderOfAnythingInside_notDeleted",
                MODELS_TEST + "bundleThatAnInterruptedReplacementMovedAside_isRestoredByTheReader"));
        m.add(slip("overwrite-replaces-any-folder", "run safety", IO + "AtomicDirectories.java",
                "if (Files.isRegularFile(target.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {", "if (Files.isDirectory(target)) {",
                ATOMIC_TEST + "replacing_touchesOnlyAnLpa4jResult_andRefusesFilesLinksSpecialFilesAndFoldersOfOtherFiles"));
        m.add(slip("a-file-taken-for-results", "run safety", IO + "AtomicDirectories.java", "return Occupant.FILE;", "return Occupant.RESULT;",
                ATOMIC_TEST + "replacing_touchesOnlyAnLpa4jResult_andRefusesFilesLinksSpecialFilesAndFoldersOfOtherFiles"));
        m.add(slip("file-writer-replaces-a-folder", "run safety", IO + "AtomicFiles.java",
                "if (occupant != Occupant.NOTHING && occupant != Occupant.FILE) {", "if (occupant == Occupant.SPECIAL_FILE) {",
                ATOMIC_TEST + "replacing_touchesOnlyAnLpa4jResult_andRefusesFilesLinksSpecialFilesAndFoldersOfOtherFiles"));
        m.add(slip("change-in-place-unlocked", "run safety", IO + "AtomicDirectories.java",
                "try (FolderLock lock = FolderLock.take(absolute(folder), true)) {", "try (FolderLock lock = FolderLock.take(absolute(folder), false)) {",
                ATOMIC_TEST + "changesInPlace_areSerialisedUnderTheFoldersLock_andAWholeWriterMeanwhileIsRefused"));
    }

    private static void inference(List<SourceMutant> m) {
        m.add(slip("early-exit-tail-stops-before-the-cap", "inference", INFERENCE + "EarlyExit.java", "for (int k = from; k <= last; k++) {",
                "for (int k = from; k < last; k++) {",
                "org.lpa4j.integration.ProgressiveInferenceTest#batchedEarlyExitRoutesEachRowToItsOwnDepth_likeThePolicyOnTheOnePassReadouts"));
        m.add(slip("calibration-margin-sign-flipped", "inference", INFERENCE + "ExitCalibration.java", "fullValue - unseen", "fullValue + unseen",
                "org.lpa4j.api.inference.ExitCalibrationTest#depthsRightOnTheSameRows_areBoundedByTheRuleOfThree_notByAZeroSpread"));
    }

    private static void losses(List<SourceMutant> m) {
        m.add(slip("ce-stacked-teacher-not-detached", "losses", TARGET,
                "return crossEntropyPerDepth(ops, StackedReadouts.byDepth(ops, stacked, k), ops.softmax(ops.stopGradient(teacher), -1));",
                "return crossEntropyPerDepth(ops, StackedReadouts.byDepth(ops, stacked, k), ops.softmax(teacher, -1));", TARGET_TEST));
        m.add(slip("ce-teacher-not-detached", "losses", TARGET,
                "return ops.softmaxCrossEntropyWithProbabilities(readout, ops.softmax(ops.stopGradient(teacher), -1));",
                "return ops.softmaxCrossEntropyWithProbabilities(readout, ops.softmax(teacher, -1));", TARGET_TEST));
        m.add(slip("mse-stacked-teacher-not-detached", "losses", TARGET, "return depthLosses(ops, stacked, k, ops.stopGradient(teacher));",
                "return depthLosses(ops, stacked, k, teacher);", TARGET_TEST));
        m.add(slip("mse-teacher-not-detached", "losses", TARGET, "return ops.mseLoss(readout, ops.stopGradient(teacher));",
                "return ops.mseLoss(readout, teacher);", TARGET_TEST));
    }

    private static void preprocessing(List<SourceMutant> m) {
        m.add(slip("colour-to-grey-channels-swapped", "preprocessing", CLI + "inference/ImageFiles.java",
                "0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff)",
                "0.299 * (rgb & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * ((rgb >> 16) & 0xff)", "org.lpa4j.cli.inference.ImageFilesTest"));
        m.add(slip("text-check-tenfold-lax", "preprocessing", CLI + "inference/TextLines.java", "controls * 100L > bytes.length",
                "controls * 10L > bytes.length", "org.lpa4j.cli.inference.TextLinesTest"));
        m.add(slip("text-check-ignores-latin1-controls", "preprocessing", CLI + "inference/TextLines.java", "|| !utf8 && b >= 0x80 && b < 0xa0",
                "|| utf8 && b >= 0x80 && b < 0xa0", "org.lpa4j.cli.inference.TextLinesTest"));
    }

    private static void dataChecks(List<SourceMutant> m) {
        m.add(slip("cache-trusts-a-changed-file", "data checks", "datasets/src/main/java/org/lpa4j/datasets/cache/DataCache.java",
                "if (stamp.equals(VERIFIED.get(file))) {", "if (VERIFIED.containsKey(file)) {",
                "org.lpa4j.datasets.cache.DataCacheTest#aFileVerifiedEarlierInThisProcess_isCheckedAgainOnceItChanges"));
        m.add(slip("fingerprint-checked-for-format-1-only", "data checks", CLI + "option/SavedModelTask.java",
                "if (p.datasetSha256() != null && !p.datasetSha256().equals(sha)) {",
                "if (p.taskOptions() == null && p.datasetSha256() != null && !p.datasetSha256().equals(sha)) {",
                "org.lpa4j.cli.option.SavedModelTaskTest"));
        m.add(slip("fingerprint-leaves-out-the-training-split", "data checks", MODELS + "DataFingerprint.java",
                "new TensorDataset[] {data.train(), data.validation(), data.test()}", "new TensorDataset[] {data.validation(), data.test()}",
                MODELS_TEST + "dataFingerprint_changesWithTheData"));
    }

    private static void equivalent(List<SourceMutant> m) {
        m.add(new SourceMutant("fingerprint-hashed-in-smaller-chunks", "data checks", MODELS + "DataFingerprint.java",
                "private static final int CHUNK = 8192;", "private static final int CHUNK = 7;", List.of(MODELS_TEST + "dataFingerprint_changesWithTheData"),
                "the chunk only sets how many values go into one MessageDigest.update; SHA-256 of the concatenation is the same however it is split"));
        m.add(new SourceMutant("lock-token-not-forced-to-disk", "run safety", IO + "FolderLock.java", "channel.force(false);", ";",
                List.of(ATOMIC_TEST + "changesInPlace_areSerialisedUnderTheFoldersLock_andAWholeWriterMeanwhileIsRefused"),
                "the token is read back through the same operating system's page cache; forcing it to disk only matters after a crash, when"
                        + " the lock has gone with its process anyway"));
    }
}
