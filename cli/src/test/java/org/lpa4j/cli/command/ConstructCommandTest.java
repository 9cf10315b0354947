package org.lpa4j.cli.command;

import org.lpa4j.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lpa4j construct} end to end on a real engine: table, report and plot, and its answers to bad input. */
class ConstructCommandTest {

    @Test
    void constructPrintsEveryDepthWithinItsBound(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("construct", "--function", "lipschitz", "--dim", "1", "--base", "2", "--depth", "2", "--backend", "tensorflow",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.size(dir.resolve("depth.png")) > 0, "the plot is written");
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertEquals(2, report.get("decodedDepth").asInt(), r.out());
        JsonNode rows = report.get("rows");
        for (int l = 1; l <= 2; l++) {
            JsonNode row = rows.get(l);
            assertEquals(l, row.get("level").asInt());
            assertTrue(row.get("networkError").asDouble() <= row.get("certifiedBound").asDouble(),
                    "depth " + l + ": the network's error exceeds its certified bound\n" + r.out());
            assertEquals(2 * 2 + 1 + 2, row.get("width").asInt(), "width 2dN + d + 2");
        }
    }

    @Test
    void badInputGetsASentenceAndExitCode2(@TempDir Path dir) {
        CliRun base = CliRun.of("construct", "--function", "lipschitz", "--base", "1", "--out", dir.toString());
        assertEquals(2, base.code());
        assertTrue(base.err().contains("base N must be at least 2"), base.err());
        CliRun function = CliRun.of("construct", "--function", "cosine", "--out", dir.toString());
        assertEquals(2, function.code());
        assertTrue(function.err().contains("lipschitz"), "the error names the known functions: " + function.err());
    }
}
