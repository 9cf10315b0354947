package org.lpa4j.cli.command;

import org.lpa4j.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.experiments.DepthReport;
import org.lpa4j.cli.output.ReportWriter;
import org.lpa4j.datasets.cache.DataCache;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.Models;

/** {@code fit --task moby|spam --arch transformer} and {@code generate} end to end on a tiny slice, and their errors. */
class TextCommandsTest {
    private static final String PROMPT = "Call me Ishmael";


    @Test
    void fitMobyThenGenerateAtEveryDepth(@TempDir Path dir) throws IOException {
        CliRun fit = CliRun.of("fit", "--task", "moby", "--arch", "transformer", "--depth", "2", "--width", "16", "--heads", "2", "--context", "16",
                "--limit", "64", "--epochs", "1", "--batch-size", "32", "--trainer", "lpa", "--backend", "tensorflow", "--out", dir.toString());
        assertEquals(0, fit.code(), fit.err());
        DepthReport report = new ReportWriter().read(dir.resolve("report.json"));
        assertEquals("bits per character", report.metric());
        assertEquals("accuracy", report.secondaryMetric());
        assertEquals(2, report.trainers().get(0).values().length);
        ModelManifest saved = Models.inspect(dir.resolve("lpa"));
        assertEquals(OutputKind.NEXT_TOKEN, saved.output().kind());
        assertEquals(saved.output().size(), saved.output().labels().size(), "the character vocabulary travels in the saved model");

        CliRun all = CliRun.of("generate", "--model", dir.toString(), "--every-depth", "--prompt", PROMPT, "--length", "20", "--seed", "3",
                "--backend", "tensorflow");
        assertEquals(0, all.code(), all.err());
        List<String> lines = all.out().lines().toList();
        assertEquals("--- depth 1 of 2 ---", lines.get(0));
        assertEquals("--- depth 2 of 2 ---", lines.get(2));
        for (String sample : List.of(lines.get(1), lines.get(3))) {
            assertTrue(sample.startsWith(PROMPT), sample);
            assertEquals(PROMPT.length() + 20, sample.codePointCount(0, sample.length()), sample);
        }
        CliRun again = CliRun.of("generate", "--model", dir.toString(), "--depth", "2", "--prompt", PROMPT, "--length", "20", "--seed", "3",
                "--backend", "tensorflow");
        assertEquals(lines.get(3), again.out().lines().toList().get(1), "the same seed gives the same sample");

        CliRun speculative = CliRun.of("generate", "--model", dir.toString(), "--draft-depth", "1", "--draft-length", "3", "--prompt", PROMPT,
                "--length", "20", "--backend", "tensorflow");
        assertEquals(0, speculative.code(), speculative.err());
        List<String> spoken = speculative.out().lines().toList();
        assertEquals("--- greedy, depth 2 of 2, drafted at depth 1 ---", spoken.get(0));
        assertEquals(PROMPT.length() + 20, spoken.get(1).codePointCount(0, spoken.get(1).length()), spoken.get(1));
        assertTrue(spoken.get(2).contains("acceptance rate") && spoken.get(2).endsWith("text identical to full-depth greedy: yes"), spoken.get(2));
        assertTrue(CliRun.of("generate", "--model", dir.toString(), "--draft-depth", "2", "--prompt", PROMPT).err()
                .startsWith("error: The draft depth must be in 1..1"));

        CliRun whole = CliRun.of("generate", "--model", dir.toString(), "--prompt", PROMPT, "--length", "20", "--seed", "3", "--backend",
                "tensorflow");
        assertEquals(List.of(lines.get(2), lines.get(3)), whole.out().lines().toList(), "without --depth, the whole model's readout");
        assertTrue(CliRun.of("generate", "--model", dir.toString(), "--depth", "all", "--prompt", PROMPT).err()
                .contains("write 'generate --every-depth' instead of '--depth all'."));
        assertEquals("error: --depth 1 samples from one depth and --every-depth from each; give one of them.\n",
                CliRun.of("generate", "--model", dir.toString(), "--depth", "1", "--every-depth", "--prompt", PROMPT).err());
        assertEquals("error: --depth 3 is outside 1..2 of this model.\n",
                CliRun.of("generate", "--model", dir.toString(), "--depth", "3", "--prompt", PROMPT).err());
        assertEquals("error: The text has characters the model never saw in training: # ~. Use only characters of the training text.\n",
                CliRun.of("generate", "--model", dir.toString(), "--prompt", "a~b#").err());
        CliRun bundle = CliRun.of("generate", "--model", dir.resolve("lpa").toString(), "--depth", "2", "--prompt", PROMPT, "--length",
                "20", "--seed", "3", "--backend", "tensorflow");
        assertEquals(0, bundle.code(), bundle.err());
        assertEquals(lines.get(3), bundle.out().lines().toList().get(1), "the saved model's own folder gives the same sample");
        assertTrue(CliRun.of("generate", "--model", dir.resolve("nope").toString(), "--prompt", PROMPT).err()
                .contains("is neither a saved model (it has no model.json) nor the --out folder of a fit"));
        assertTrue(CliRun.of("generate", "--model", dir.toString(), "--trainer", "e2e", "--prompt", PROMPT).err()
                .contains("has no saved model of trainer 'e2e'"));

        Path manifest = dir.resolve("lpa").resolve(Models.MANIFEST_FILE);
        ObjectMapper json = new ObjectMapper();
        ObjectNode edited = (ObjectNode) json.readTree(manifest.toFile());
        ((ArrayNode) edited.get("output").get("labels")).remove(5);
        json.writeValue(manifest.toFile(), edited);
        CliRun mismatch = CliRun.of("generate", "--model", dir.toString(), "--prompt", PROMPT);
        assertEquals(2, mismatch.code());
        assertTrue(mismatch.err().contains("the vocabulary does not match the model"), mismatch.err());
        Files.writeString(manifest, "{\"format_version\": 1, \"architec", StandardCharsets.UTF_8);
        CliRun corrupt = CliRun.of("generate", "--model", dir.toString(), "--prompt", PROMPT);
        assertEquals(2, corrupt.code());
        assertTrue(corrupt.err().contains("is not valid JSON"), corrupt.err());
    }

    @Test
    void fitSpamReportsAccuracyAndCannotGenerate(@TempDir Path dir) throws IOException {
        DataCache cache = DataCache.locate();
        Assumptions.assumeTrue(Files.isDirectory(cache.dataset("spam").resolve("spam-2")),
                "skipped: the spam data set is not in the data cache " + cache.root() + "; fetch it with scripts/fetch-data.sh spam");
        CliRun fit = CliRun.of("fit", "--task", "spam", "--arch", "transformer", "--depth", "2", "--width", "16", "--heads", "2", "--context", "32",
                "--limit", "64", "--epochs", "1", "--batch-size", "32", "--trainer", "lpa", "--backend", "tensorflow", "--out", dir.toString());
        assertEquals(0, fit.code(), fit.err());
        DepthReport report = new ReportWriter().read(dir.resolve("report.json"));
        assertEquals("accuracy", report.metric());
        assertEquals("cross-entropy", report.secondaryMetric());
        assertEquals(List.of("ham", "spam"), Models.inspect(dir.resolve("lpa")).output().labels());
        assertTrue(CliRun.of("generate", "--model", dir.toString(), "--prompt", PROMPT).err().contains("generate needs a character model"));
        byte[] random = new byte[4096];
        new java.util.Random(3).nextBytes(random);
        Path binary = Files.write(dir.resolveSibling(dir.getFileName() + "-mails.txt"), random);
        CliRun noise = CliRun.of("predict", "--model", dir.resolve("lpa").toString(), "--input", binary.toString(), "--depth", "2", "--out",
                dir.resolveSibling(dir.getFileName() + "-noise.csv").toString(), "--backend", "tensorflow");
        assertEquals(2, noise.code(), noise.out());
        assertTrue(noise.err().startsWith("error: The input file " + binary + " is not text:"), noise.err());
        assertTrue(Files.notExists(dir.resolveSibling(dir.getFileName() + "-noise.csv")), "no predictions of random bytes");
        assertTrue(CliRun.of("fit", "--task", "spam", "--arch", "fnn", "--out", dir.toString()).err()
                .contains("(fnn reads feature vectors). Architectures that can: transformer."));
        assertEquals("error: The context must be between 1 and 2048 tokens but is 0. (the context is set with --context)\n",
                CliRun.of("fit", "--task", "spam", "--arch", "transformer", "--context", "0", "--out", dir.toString()).err());
    }

    @Test
    void generateRefusesLengthsThatWouldOverflowOrRunForHours(@TempDir Path dir) {
        CliRun huge = CliRun.of("generate", "--model", dir.toString(), "--prompt", "Call me", "--length", "2147483647");
        assertEquals(2, huge.code());
        assertEquals("error: The text to generate must be between 1 and 1000000 tokens long but is 2147483647. (the length is set with"
                + " --length)\n", huge.err());
        assertEquals("error: The sampling temperature must be a positive number but is 0.0. (the temperature is set with --temperature)\n",
                CliRun.of("generate", "--model", dir.toString(), "--prompt", "Call me", "--temperature", "0").err());
        CliRun draft = CliRun.of("generate", "--model", dir.toString(), "--prompt", "Call me", "--draft-depth", "1", "--draft-length", "2147483647");
        assertEquals(2, draft.code());
        assertEquals("error: --draft-length must be between 1 and 256 tokens but is 2147483647.\n", draft.err());
    }
}
