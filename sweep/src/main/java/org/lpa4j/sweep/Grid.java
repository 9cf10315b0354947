package org.lpa4j.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.InvalidSettingException;

/**
 * A sweep's grid file (YAML, or JSON, which YAML reads too): {@code settings}, the settings every cell shares, and
 * {@code axes}, each an axis of the grid in the order given. An axis named after a setting lists its values (e.g.
 * {@code depth: [2, 4]}); any other axis names labelled bundles of settings (e.g. {@code variant: {joint: {form: JOINT}}}).
 * Settings take the names {@code lpa4j fit} gives its options; this class only reads the file, {@link Sweep} checks them.
 *
 * @param settings the settings of every cell, by name
 * @param axes     the axes, in the file's order
 */
public record Grid(Map<String, Object> settings, List<Axis> axes) {
    /** The axis whose values are seeds: cells that differ only in it are one setting, reported as mean and spread. */
    public static final String SEED_AXIS = "seed";

    public Grid {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        axes = List.copyOf(axes);
    }

    /**
     * One axis: its name and its values, each a label (the folder and table name of the value) and the settings it sets.
     *
     * @param name   the axis's name: a setting's, or a name of its own for bundles
     * @param values the values in the file's order
     */
    public record Axis(String name, List<Value> values) {
        public Axis {
            Objects.requireNonNull(name, "name is null");
            values = List.copyOf(values);
        }
    }

    /**
     * One value of an axis.
     *
     * @param label    how the value is named in folders and tables
     * @param settings the settings it gives, by name
     */
    public record Value(String label, Map<String, Object> settings) {
        public Value {
            Objects.requireNonNull(label, "label is null");
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }
    }

    /** Reads the grid file {@code file}; a file that is missing or not a grid is refused with a sentence saying what to write. */
    public static Grid read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidSettingException("grid", "The grid file " + file + " does not exist; give a YAML or JSON file with settings and axes"
                    + " (docs/sweeps.md shows one).");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JacksonException e) {
            throw new InvalidSettingException("grid", "The grid file " + file + " is not valid YAML or JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")") + ".");
        } catch (IOException e) {
            throw new InvalidSettingException("grid", "The grid file " + file + " could not be read (" + e.getMessage() + ").");
        }
        return of(root, file.toString());
    }

    /** The grid in {@code root}, a parsed grid file named {@code source} in sentences. */
    static Grid of(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new InvalidSettingException("grid", "The grid " + source + " must be a mapping with 'settings' and 'axes'; docs/sweeps.md shows one.");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("settings") && !key.equals("axes")) {
                throw new InvalidSettingException("grid", "The grid " + source + " has a part '" + key + "'; a grid has only 'settings' (every"
                        + " cell's) and 'axes' (what varies).");
            }
        }
        Map<String, Object> settings = root.has("settings") ? settings(root.get("settings"), source, "its settings") : Map.of();
        List<Axis> axes = new ArrayList<>();
        JsonNode axesNode = root.get("axes");
        if (axesNode != null && !axesNode.isNull()) {
            if (!axesNode.isObject()) {
                throw new InvalidSettingException("grid", "The axes of " + source + " must be a mapping of axis names to their values.");
            }
            axesNode.fields().forEachRemaining(e -> axes.add(axis(e.getKey(), e.getValue(), source)));
        }
        return new Grid(settings, axes);
    }

    private static Axis axis(String name, JsonNode node, String source) {
        List<Value> values = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode v : node) {
                Object value = plain(v);
                if (value instanceof Map) {
                    throw new InvalidSettingException(name, "The axis " + name + " of " + source + " lists a mapping; list plain values of the"
                            + " setting " + name + ", or give the axis a mapping of labels to settings.");
                }
                Map<String, Object> s = new LinkedHashMap<>();
                s.put(name, value);
                values.add(new Value(label(value), s));
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> values.add(new Value(e.getKey(), settings(e.getValue(), source, "the value " + e.getKey()
                    + " of axis " + name))));
        } else {
            throw new InvalidSettingException(name, "The axis " + name + " of " + source + " must list its values, e.g. [2, 4], or map labels"
                    + " to settings.");
        }
        if (values.isEmpty()) {
            throw new InvalidSettingException(name, "The axis " + name + " of " + source + " has no values; give at least one.");
        }
        return new Axis(name, values);
    }

    private static Map<String, Object> settings(JsonNode node, String source, String what) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidSettingException("grid", "In " + source + ", " + what + " must be a mapping of setting names to values.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
        return out;
    }

    /** A parsed value as plain Java: text, a number, a boolean, a list, or a map. */
    private static Object plain(JsonNode v) {
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(e -> list.add(plain(e)));
            return list;
        }
        if (v.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.isNull() ? null : v.asText();
    }

    private static String label(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
