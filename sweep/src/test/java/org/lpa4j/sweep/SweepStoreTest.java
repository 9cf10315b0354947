package org.lpa4j.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.experiments.ExperimentOutput;

/** The two stores of a sweep's output: a cell written as a whole through Hadoop's file system API ({@code file://}) and read back by both. */
class SweepStoreTest {
    /** Writes a cell folder as a whole with a report and a nested file, as an experiment's output is written. */
    private static SweepStore.CellWriter cell(String report) {
        return folder -> AtomicDirectories.write(folder, false, staging -> {
            Files.writeString(staging.resolve(ExperimentOutput.REPORT_FILE), report);
            Files.createDirectories(staging.resolve("lpa"));
            Files.writeString(staging.resolve("lpa/model.bin"), "weights of " + report);
        });
    }

    @Test
    void aUriWithASchemeIsAHadoopStoreAndAPathIsLocal(@TempDir Path dir) {
        assertTrue(SweepStore.at(dir.toUri().toString(), new Configuration()) instanceof HadoopSweepStore);
        assertTrue(SweepStore.at(dir.toString(), new Configuration()) instanceof LocalSweepStore);
        assertTrue(SweepStore.isUri("hdfs://namenode:8020/sweeps/x") && SweepStore.isUri("s3a://bucket/x") && SweepStore.isUri("file:/tmp/x"));
        assertFalse(SweepStore.isUri("out/sweep") || SweepStore.isUri("C:/out") || SweepStore.isUri("/tmp/x:y"));
        Lpa4jException unknown = assertThrows(Lpa4jException.class, () -> SweepStore.at("nosuchfs://bucket/sweep", new Configuration()));
        assertTrue(unknown.getMessage().startsWith("The sweep's output nosuchfs://bucket/sweep is not a file system this process can open ("),
                unknown.getMessage());
    }

    @Test
    void aCellWrittenThroughHadoopIsCompleteOnceAndReadsAlikeThroughBothStores(@TempDir Path dir) throws IOException {
        SweepStore hadoop = SweepStore.at("file://" + dir, new Configuration());
        assertNull(hadoop.completeReport("seed=0"));
        assertTrue(hadoop.writeCell("seed=0", cell("{\"first\":1}")));
        assertFalse(hadoop.writeCell("seed=0", cell("{\"second\":2}")), "a second attempt finds the first one's complete cell");
        assertEquals("{\"first\":1}", hadoop.completeReport("seed=0"));
        assertEquals("{\"first\":1}", new LocalSweepStore(dir).completeReport("seed=0"), "the same folder read as a local path");
        Path cell = dir.resolve("cells/seed=0");
        assertEquals("weights of {\"first\":1}", Files.readString(cell.resolve("lpa/model.bin")));
        assertEquals(List.of(".lpa4j-result", "lpa", "lpa/model.bin", "report.json"), listing(cell), "no .crc side files, no staging left");
        assertEquals(List.of("seed=0"), names(dir.resolve("cells")));
        String marker = Files.readString(cell.resolve(AtomicDirectories.MARKER), StandardCharsets.UTF_8);
        assertTrue(marker.contains("\tlpa/model.bin\n") && marker.contains("11\treport.json\n"), marker);

        hadoop.writeFile("plots/a.png", o -> o.write(1));
        hadoop.writeFile("plots/a.png", o -> o.write(2));
        assertEquals(List.of("a.png"), names(dir.resolve("plots")), "a file is replaced as a whole, its temporary gone");
        assertEquals(2, Files.readAllBytes(dir.resolve("plots/a.png"))[0]);
    }

    @Test
    void aCutShortCopyIsNeitherCompleteNorReplacedAndAKilledWritersStagingIsRemoved(@TempDir Path dir) throws IOException {
        SweepStore hadoop = SweepStore.at("file://" + dir, new Configuration());
        hadoop.writeCell("seed=1", cell("{}"));
        Files.delete(dir.resolve("cells/seed=1/lpa/model.bin"));   // as an object store's rename cut short leaves it
        assertNull(hadoop.completeReport("seed=1"), "a file the marker lists is missing: not complete");
        Lpa4jException refused = assertThrows(Lpa4jException.class, () -> hadoop.writeCell("seed=1", cell("{}")));
        assertTrue(refused.getMessage().contains("is there but is not a complete lpa4j result") && refused.getMessage().contains("Delete it"),
                refused.getMessage());
        assertTrue(Files.exists(dir.resolve("cells/seed=1/report.json")), "kept");

        Files.createDirectories(dir.resolve("cells/.seed=2.partial-1234/lpa"));   // a writer killed while copying
        hadoop.prepare();
        assertEquals(List.of("seed=1"), names(dir.resolve("cells")));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
