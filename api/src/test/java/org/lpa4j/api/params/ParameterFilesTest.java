package org.lpa4j.api.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.tensor.DType;

/** The weights file: exact round trip, atomic write, and clear errors for damaged files. */
class ParameterFilesTest {

    private final ParameterSet values = ParameterSet.initialize(new Dense("d", 3, 4).parameters(), 9, DType.FLOAT32);

    @Test
    void roundTripIsExact(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.bin");
        ParameterFiles.write(values, f);
        assertEquals(values, ParameterFiles.read(f));
        ParameterSet f64 = values.cast(DType.FLOAT64);
        ParameterFiles.write(f64, f);
        assertEquals(f64, ParameterFiles.read(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void truncatedAndFlippedFilesAreReportedAsCorrupted(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.bin");
        ParameterFiles.write(values, f);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length / 2));
        Lpa4jException e = assertThrows(Lpa4jException.class, () -> ParameterFiles.read(f));
        assertTrue(e.getMessage().startsWith("Weights file " + f + " is corrupted: "), e.getMessage());
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 20] ^= 0x10;
        Files.write(f, flipped);
        assertEquals("Weights file " + f + " is corrupted: its checksum does not match its contents. Re-create it with "
                + "'lpa4j fit --out DIR'.", assertThrows(Lpa4jException.class, () -> ParameterFiles.read(f)).getMessage());
        Files.writeString(f, "hello");
        assertEquals("Weights file " + f + " is corrupted: it does not start with the lpa4j weights header. Re-create it with "
                + "'lpa4j fit --out DIR'.", assertThrows(Lpa4jException.class, () -> ParameterFiles.read(f)).getMessage());
    }
}
