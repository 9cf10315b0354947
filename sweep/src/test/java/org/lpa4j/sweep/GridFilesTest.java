package org.lpa4j.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lpa4j.experiments.Registries;

/** The grid files the docs run ({@code grids/}) are sweeps the library accepts, each with the cells the docs say. */
class GridFilesTest {
    private static final Path GRIDS = Path.of("..", "grids");

    @Test
    void everyGridFileIsAcceptedUpFront() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(GRIDS)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        Registries registries = Registries.discover();
        for (Path file : files) {
            Sweep sweep = Sweep.of(Grid.read(file), registries);
            assertFalse(sweep.cells().isEmpty(), file.toString());
        }
        Sweep forms = Sweep.of(Grid.read(GRIDS.resolve("lpa-forms.yaml")), registries);
        assertEquals(5 * 5 * 5, forms.cells().size(), "5 tasks x 4 LPA variants and the reference x 5 seeds");
        assertEquals(25, forms.cells().stream().map(Cell::setting).distinct().count());
    }
}
