package org.lpa4j.sweep;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One cell of a sweep: one experiment of one seed, as its settings (the names {@code lpa4j fit} uses), the folder it is
 * written to under the sweep's output, and the setting it belongs to (the cell's axis values but the seed's).
 *
 * @param index    its place in the sweep, from 0
 * @param id       its folder's name under {@code cells/}, made of its axis values
 * @param setting  the label of its setting: every axis value but the seed's, e.g. {@code task=digits, variant=joint}
 * @param seed     its seed
 * @param settings every setting it gives, by name
 */
public record Cell(int index, String id, String setting, long seed, Map<String, Object> settings) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Cell {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(setting, "setting is null");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
