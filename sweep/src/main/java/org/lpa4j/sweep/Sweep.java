package org.lpa4j.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.experiments.Experiment;
import org.lpa4j.experiments.ExperimentSettings;
import org.lpa4j.experiments.Registries;

/**
 * A grid's cells: every combination of its axes' values (the last axis varying fastest) over its settings, each checked
 * before anything runs: an unknown setting, a setting given twice, a value of the wrong kind, and a task, architecture,
 * trainer, trainer option or backend the registries do not know are each refused with a sentence naming them.
 */
public final class Sweep {
    private final Grid grid;
    private final List<Cell> cells;

    private Sweep(Grid grid, List<Cell> cells) {
        this.grid = grid;
        this.cells = List.copyOf(cells);
    }

    /** The cells of {@code grid}, checked against {@code registries}. */
    public static Sweep of(Grid grid, Registries registries) {
        Objects.requireNonNull(grid, "grid is null");
        Objects.requireNonNull(registries, "registries is null");
        checkNames(grid.settings(), "its settings");
        for (Grid.Axis axis : grid.axes()) {
            for (Grid.Value value : axis.values()) {
                checkNames(value.settings(), "axis " + axis.name() + (value.settings().containsKey(axis.name()) ? "" : " (value " + value.label() + ")"));
            }
        }
        List<Cell> cells = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        int count = 1;
        for (Grid.Axis axis : grid.axes()) {
            count = Math.multiplyExact(count, axis.values().size());
        }
        for (int index = 0; index < count; index++) {
            Cell cell = cell(grid, index);
            Integer same = ids.putIfAbsent(cell.id(), index);
            if (same != null) {
                throw new InvalidSettingException("grid", "Two cells of the grid would share the folder " + cell.id() + "; give the axes' values"
                        + " labels that differ in letters or digits.");
            }
            check(cell, registries);
            cells.add(cell);
        }
        return new Sweep(grid, cells);
    }

    /** The grid. */
    public Grid grid() {
        return grid;
    }

    /** Every cell, in the grid's order. */
    public List<Cell> cells() {
        return cells;
    }

    /** The experiment cell {@code cell} runs (its settings were checked when the sweep was made). */
    public static Experiment experiment(Cell cell) {
        return ExperimentSettings.experiment(cell.settings(), Sweep::named);
    }

    /** The cell at {@code index}: the grid's settings and the index's value of every axis (the last axis fastest). */
    private static Cell cell(Grid grid, int index) {
        Map<String, Object> settings = new LinkedHashMap<>(grid.settings());
        Map<String, String> from = new HashMap<>();
        grid.settings().keySet().forEach(k -> from.put(k, "the grid's settings"));
        List<String> id = new ArrayList<>();
        List<String> setting = new ArrayList<>();
        int rest = index;
        int[] picks = new int[grid.axes().size()];
        for (int a = grid.axes().size() - 1; a >= 0; a--) {
            int size = grid.axes().get(a).values().size();
            picks[a] = rest % size;
            rest /= size;
        }
        for (int a = 0; a < picks.length; a++) {
            Grid.Axis axis = grid.axes().get(a);
            Grid.Value value = axis.values().get(picks[a]);
            for (Map.Entry<String, Object> e : value.settings().entrySet()) {
                String earlier = from.putIfAbsent(e.getKey(), "axis " + axis.name());
                if (earlier != null) {
                    throw new InvalidSettingException(e.getKey(), "The setting " + e.getKey() + " is given both by " + earlier + " and by axis "
                            + axis.name() + "; give each setting in one place.");
                }
                settings.put(e.getKey(), e.getValue());
            }
            id.add(axis.name() + "=" + folderName(value.label()));
            if (!axis.name().equals(Grid.SEED_AXIS)) {
                setting.add(axis.name() + "=" + value.label());
            }
        }
        String seedText = String.valueOf(settings.getOrDefault("seed", ExperimentSettings.defaultOf("seed"))).strip();
        long seed;
        try {
            seed = Long.parseLong(seedText);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException("seed", "The grid gives the seed '" + seedText + "', which is not a whole number; give seeds as"
                    + " whole numbers, e.g. seed: [0, 1, 2].");
        }
        return new Cell(index, id.isEmpty() ? "all" : String.join(",", id), setting.isEmpty() ? "all" : String.join(", ", setting), seed, settings);
    }

    /** Refuses a name that is no setting, and {@code seeds}: a sweep runs each seed as a cell of its own. */
    private static void checkNames(Map<String, Object> settings, String where) {
        for (String name : settings.keySet()) {
            if (name.equals("seeds")) {
                throw new InvalidSettingException("seeds", "The grid gives the setting seeds in " + where + "; a sweep runs each seed as a cell of"
                        + " its own, so give them as an axis instead, e.g. seed: [0, 1, 2].");
            }
            if (!ExperimentSettings.isSetting(name)) {
                throw new InvalidSettingException(name, "The grid names an unknown setting '" + name + "' in " + where + "; the settings are "
                        + String.join(", ", ExperimentSettings.names()) + ", and TRAINER.OPTION for an option of a trainer (e.g. lpa.distillation)."
                        + " An axis of labelled bundles maps each label to settings.");
            }
        }
    }

    /** Builds the cell's experiment and checks its task, architecture, trainers with their options and backend by name. */
    private static void check(Cell cell, Registries registries) {
        try {
            Experiment e = experiment(cell);
            registries.tasks().requireKnown(e.task());
            registries.architectures().require(e.architecture());
            e.trainers().forEach(registries.trainers()::create);
            registries.backends().select(e.backend());
        } catch (Lpa4jException e) {
            throw new InvalidSettingException(e instanceof InvalidSettingException i ? i.setting() : "grid", "In the grid's cell " + cell.id() + ": "
                    + e.getMessage());
        }
    }

    /** How a sentence names setting {@code name} of a grid. */
    static String named(String name) {
        return "'" + name + "'";
    }

    /** {@code label} as a folder name: letters, digits, '.', '_' and '-' kept, anything else '-'. */
    static String folderName(String label) {
        String name = label.replaceAll("[^A-Za-z0-9._-]", "-");
        return name.isEmpty() || name.startsWith(".") ? "v" + name : name;
    }
}
