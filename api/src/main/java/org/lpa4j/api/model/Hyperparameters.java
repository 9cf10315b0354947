package org.lpa4j.api.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;

/**
 * The values that rebuild one network of a registered architecture, each JSON-friendly: a whole number (held as a
 * {@code long}), a real number ({@code double}), a boolean, a string, or a list of these (lists may nest). A network
 * describes itself with {@link ResidualNetwork#hyperparameters()}; its {@link ArchitectureProvider} rebuilds it from them.
 */
public final class Hyperparameters {
    private final Map<String, Object> values;

    private Hyperparameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** A builder that keeps the order in which values are put. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The hyperparameters held by a parsed JSON object: whole numbers of any Java type become {@code long}, other numbers
     * {@code double}; any other kind of value is refused with a sentence naming it.
     */
    public static Hyperparameters of(Map<String, ?> values) {
        Objects.requireNonNull(values, "values is null");
        Builder b = builder();
        values.forEach(b::put);
        return b.build();
    }

    /** The values by name, in order (unmodifiable). */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The whole number {@code name}, which must fit an {@code int}. */
    public int getInt(String name) {
        Object v = require(name);
        if (!(v instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw wrongKind(name, v, "a whole number");
        }
        return (int) (long) l;
    }

    /** The number {@code name} (a whole number is accepted too). */
    public double getDouble(String name) {
        Object v = require(name);
        if (!(v instanceof Number n)) {
            throw wrongKind(name, v, "a number");
        }
        return n.doubleValue();
    }

    /** The boolean {@code name}. */
    public boolean getBoolean(String name) {
        Object v = require(name);
        if (!(v instanceof Boolean b)) {
            throw wrongKind(name, v, "true or false");
        }
        return b;
    }

    /** The string {@code name}. */
    public String getString(String name) {
        Object v = require(name);
        if (!(v instanceof String s)) {
            throw wrongKind(name, v, "a string");
        }
        return s;
    }

    /** The enum constant named by the string {@code name}; an unknown constant is a sentence listing the known ones. */
    public <E extends Enum<E>> E getEnum(String name, Class<E> type) {
        String s = getString(name);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        throw new Lpa4jException("Hyperparameter '" + name + "' is '" + s + "', which is not one of " + List.of(type.getEnumConstants()) + ".");
    }

    /** The list {@code name} (unmodifiable; its elements are hyperparameter values). */
    public List<?> getList(String name) {
        Object v = require(name);
        if (!(v instanceof List<?> l)) {
            throw wrongKind(name, v, "a list");
        }
        return l;
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new Lpa4jException("Hyperparameter '" + name + "' is missing; present: " + values.keySet() + ".");
        }
        return v;
    }

    private static Lpa4jException wrongKind(String name, Object v, String expected) {
        return new Lpa4jException("Hyperparameter '" + name + "' must be " + expected + " but is " + v + ".");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hyperparameters h && h.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Collects hyperparameters in order; {@link #build} checks nothing further, each {@code put} checks its value. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds {@code name = value}: a number, boolean, string, enum constant (kept by name) or list of these. */
        public Builder put(String name, Object value) {
            Objects.requireNonNull(name, "name is null");
            if (values.containsKey(name)) {
                throw new Lpa4jException("Hyperparameter '" + name + "' is given twice.");
            }
            values.put(name, normalise(name, value));
            return this;
        }

        public Hyperparameters build() {
            return new Hyperparameters(new LinkedHashMap<>(values));
        }

        private static Object normalise(String name, Object value) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                if (!Double.isFinite(d)) {
                    throw new Lpa4jException("Hyperparameter '" + name + "' is " + d + "; hyperparameters must be finite numbers.");
                }
                return d;
            }
            if (value instanceof Number n) {
                return normalise(name, n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 0x1p53
                        ? (Object) n.longValue() : (Object) n.doubleValue());
            }
            if (value instanceof Boolean || value instanceof String) {
                return value;
            }
            if (value instanceof Enum<?> e) {
                return e.name();
            }
            if (value instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (Object element : list) {
                    out.add(normalise(name, element));
                }
                return Collections.unmodifiableList(out);
            }
            throw new Lpa4jException("Hyperparameter '" + name + "' is " + (value == null ? "null" : "a " + value.getClass().getSimpleName())
                    + "; a hyperparameter must be a number, boolean, string, enum constant or a list of these.");
        }
    }
}
