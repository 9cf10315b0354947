package org.lpa4j.api.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.lpa4j.api.InvalidSettingException;

/**
 * The options a {@link TrainerProvider} builds its trainer from, by name: numbers, booleans, enum constants, lists, or
 * their text as a command line gives it. The typed getters convert and say which option is wrong and why.
 */
public final class TrainerOptions {
    private static final TrainerOptions NONE = new TrainerOptions(Map.of());

    private final Map<String, Object> values;

    private TrainerOptions(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No options: every one at the trainer's default. */
    public static TrainerOptions none() {
        return NONE;
    }

    /** The options {@code values} gives (a null value is refused). */
    public static TrainerOptions of(Map<String, ?> values) {
        Objects.requireNonNull(values, "values is null");
        values.forEach((k, v) -> Objects.requireNonNull(v, () -> "option " + k + " is null"));
        return new TrainerOptions(new LinkedHashMap<>(values));
    }

    /** These options with {@code name} set to {@code value}. */
    public TrainerOptions with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(values);
        more.put(Objects.requireNonNull(name, "name is null"), Objects.requireNonNull(value, "value is null"));
        return new TrainerOptions(more);
    }

    /** Every option given, by name, in the order given. */
    public Map<String, Object> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Refuses any option of {@code trainer} that is not one of {@code known}, naming the ones it takes. */
    public void requireOnly(String trainer, String... known) {
        Set<String> allowed = Set.of(known);
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidSettingException(name, "The " + trainer + " trainer has no option '" + name + "'; "
                        + (known.length == 0 ? "it takes none." : "it takes " + String.join(", ", new TreeSet<>(allowed)) + "."));
            }
        }
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The number {@code name}, or {@code otherwise} when it is not given. */
    public double getDouble(String name, double otherwise) {
        Object v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().strip());
        } catch (NumberFormatException e) {
            throw wrong(name, v, "a number");
        }
    }

    /** The whole number {@code name}, or {@code otherwise} when it is not given. */
    public int getInt(String name, int otherwise) {
        Object v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Long) {
            long l = ((Number) v).longValue();
            if (l == (int) l) {
                return (int) l;
            }
        }
        try {
            return Integer.parseInt(v.toString().strip());
        } catch (NumberFormatException e) {
            throw wrong(name, v, "a whole number");
        }
    }

    /** The flag {@code name} ({@code true} or {@code false}), or {@code otherwise} when it is not given. */
    public boolean getBoolean(String name, boolean otherwise) {
        Object v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().strip().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return s.equals("true");
        }
        throw wrong(name, v, "true or false");
    }

    /** The constant of {@code type} that {@code name} names (any case), or {@code otherwise} when it is not given. */
    public <E extends Enum<E>> E getEnum(String name, Class<E> type, E otherwise) {
        Object v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.toString().strip())) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        throw wrong(name, v, "one of " + String.join(", ", names));
    }

    /** The whole numbers {@code name} lists (a list, an array or comma-separated text), empty when it is not given. */
    public int[] getInts(String name) {
        Object v = values.get(name);
        if (v == null) {
            return new int[0];
        }
        List<?> items = v instanceof int[] a ? java.util.Arrays.stream(a).boxed().toList()
                : v instanceof List<?> l ? l : List.of(v.toString().split(",", -1));
        int[] out = new int[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = TrainerOptions.of(Map.of(name, items.get(i))).getInt(name, 0);
        }
        return out;
    }

    private static InvalidSettingException wrong(String name, Object value, String expected) {
        return new InvalidSettingException(name, "The trainer option " + name + " must be " + expected + " but is '" + value + "'.");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainerOptions other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
