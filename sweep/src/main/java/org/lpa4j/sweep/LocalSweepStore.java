package org.lpa4j.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.api.io.AtomicFiles;
import org.lpa4j.api.io.Occupant;
import org.lpa4j.experiments.ExperimentOutput;

/**
 * A sweep's output on a path of this machine's file system (or a shared one mounted at the same path everywhere): each
 * cell is written through {@link AtomicDirectories}, the one place lpa4j writes a folder as a whole, under its OS lock,
 * which also cleans up after a killed writer of the same cell.
 */
final class LocalSweepStore implements SweepStore {
    private final Path root;

    LocalSweepStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String location() {
        return root.toString();
    }

    private Path folder(String id) {
        return root.resolve(CELLS).resolve(id);
    }

    @Override
    public String completeReport(String id) throws IOException {
        Path dir = folder(id);
        Path report = dir.resolve(ExperimentOutput.REPORT_FILE);
        return AtomicDirectories.occupant(dir) == Occupant.RESULT && Files.isRegularFile(report) ? Files.readString(report) : null;
    }

    @Override
    public boolean writeCell(String id, CellWriter writer) throws IOException {
        try {
            writer.writeTo(folder(id));
            return true;
        } catch (InvalidSettingException e) {
            if (e.setting().equals("replace") && completeReport(id) != null) {
                return false;   // another attempt wrote the cell first; its result stands
            }
            throw e;
        }
    }

    @Override
    public void writeFile(String name, AtomicFiles.Content content) throws IOException {
        AtomicFiles.write(root.resolve(name), content);
    }

    @Override
    public void prepare() {
        // AtomicDirectories removes a killed writer's staging folder when the cell is next written.
    }
}
