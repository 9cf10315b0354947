package org.lpa4j.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.io.AtomicFiles;
import org.lpa4j.experiments.DepthReport;
import org.lpa4j.experiments.SeedsReport;

/**
 * A sweep's result: per setting (every axis value but the seed's) the multi-seed report of its complete cells, the
 * mean and spread at every depth over their seeds, as {@code fit --seeds} reports them; and every failed cell with its
 * sentence. {@link #write} writes it as {@value #FILE}.
 *
 * @param settings one entry per setting with at least one complete cell, in the grid's order
 * @param failures the cells that failed, in the grid's order
 * @param cells    every cell of the sweep
 * @param trained  the cells trained by this run
 * @param skipped  the cells complete from an earlier run
 */
public record SweepResult(List<Setting> settings, List<CellOutcome> failures, int cells, int trained, int skipped) {
    /** The result's file name in the sweep's output folder. */
    public static final String FILE = "sweep.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SweepResult {
        settings = List.copyOf(settings);
        failures = List.copyOf(failures);
    }

    /**
     * One setting's report.
     *
     * @param setting  its label, e.g. {@code task=digits, variant=joint}
     * @param settings its settings but the seed
     * @param cells    its cells in the sweep (one per seed)
     * @param report   the mean and spread over its complete cells' seeds, and each seed's report
     */
    public record Setting(String setting, Map<String, Object> settings, int cells, SeedsReport report) {
    }

    /** The result of {@code outcomes}, one per cell of {@code sweep}. */
    static SweepResult of(Sweep sweep, List<CellOutcome> outcomes) {
        List<CellOutcome> ordered = new ArrayList<>(outcomes);
        ordered.sort(Comparator.comparingInt(o -> o.cell().index()));
        Map<String, List<CellOutcome>> bySetting = new LinkedHashMap<>();
        sweep.cells().forEach(c -> bySetting.computeIfAbsent(c.setting(), k -> new ArrayList<>()));
        ordered.forEach(o -> bySetting.get(o.cell().setting()).add(o));
        List<Setting> settings = new ArrayList<>();
        bySetting.forEach((label, list) -> {
            List<DepthReport> runs = list.stream().filter(CellOutcome::complete).map(o -> parse(o.report())).toList();
            if (!runs.isEmpty()) {
                Map<String, Object> s = new LinkedHashMap<>(list.get(0).cell().settings());
                s.remove("seed");
                settings.add(new Setting(label, s, list.size(), SeedsReport.of(runs)));
            }
        });
        return new SweepResult(settings, ordered.stream().filter(o -> !o.complete()).toList(), sweep.cells().size(),
                (int) ordered.stream().filter(o -> o.status() == CellOutcome.Status.DONE).count(),
                (int) ordered.stream().filter(o -> o.status() == CellOutcome.Status.SKIPPED).count());
    }

    /** Writes this result as {@code file} (a temporary file moved into place): every setting's report and every failure. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, this::writeTo);
    }

    /** Writes this result's JSON to {@code out}: every setting's report and every failure. */
    public void writeTo(OutputStream out) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cells", cells);
        json.put("trained", trained);
        json.put("skipped", skipped);
        json.put("failed", failures.size());
        json.put("settings", settings);
        List<Map<String, Object>> failed = new ArrayList<>();
        for (CellOutcome f : failures) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("cell", f.cell().id());
            entry.put("setting", f.cell().setting());
            entry.put("seed", f.cell().seed());
            entry.put("message", f.message());
            failed.add(entry);
        }
        json.put("failures", failed);
        JSON.writeValue(out, json);
    }

    private static DepthReport parse(String report) {
        try {
            return JSON.readValue(report, DepthReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("A cell's report.json could not be read back: " + e.getMessage(), e);
        }
    }
}
