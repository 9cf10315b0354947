package org.lpa4j.api.params;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;

/**
 * An ordered, immutable set of named parameter values on the host: what a network is initialised from and
 * what a backend exports after training.
 */
public final class ParameterSet {
    private final Map<String, HostTensor> values;

    private ParameterSet(Map<String, HostTensor> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** A set holding exactly these values, in the map's iteration order. */
    public static ParameterSet of(Map<String, HostTensor> values) {
        Map<String, HostTensor> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            Objects.requireNonNull(name, "parameter name is null");
            Objects.requireNonNull(value, "value of parameter '" + name + "' is null");
            if (!value.dtype().isFloating()) {
                throw new Lpa4jException("Parameter '" + name + "' has element type " + value.dtype() + "; parameters must be FLOAT32 or FLOAT64.");
            }
            copy.put(name, value);
        });
        return new ParameterSet(copy);
    }

    /**
     * Initialises every spec on the host. Each parameter draws from its own generator, seeded from
     * {@code seed} and a stable hash of its name, so adding a parameter never changes the others.
     */
    public static ParameterSet initialize(List<ParameterSpec> specs, long seed, DType dtype) {
        if (!dtype.isFloating()) {
            throw new Lpa4jException("Parameters must be FLOAT32 or FLOAT64, not " + dtype + ".");
        }
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) {
            if (out.containsKey(spec.name())) {
                throw new Lpa4jException("Two parameters are named '" + spec.name() + "'; give each layer a unique name.");
            }
            double[] data = new double[(int) spec.shape().size()];
            spec.initializer().fill(data, spec.shape(), new SplittableRandom(mix(seed, spec.name())));
            out.put(spec.name(), HostTensor.fromDoubles(dtype, spec.shape(), data));
        }
        return new ParameterSet(out);
    }

    private static long mix(long seed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        long z = seed * 0x9E3779B97F4A7C15L + h;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The parameter names, in order. */
    public Set<String> names() {
        return values.keySet();
    }

    /** The values by name, in order (unmodifiable). */
    public Map<String, HostTensor> asMap() {
        return values;
    }

    public int size() {
        return values.size();
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** The value of {@code name}, or an error listing the known names. */
    public HostTensor get(String name) {
        HostTensor v = values.get(name);
        if (v == null) {
            throw new Lpa4jException("No parameter named '" + name + "'; known parameters: " + values.keySet() + ".");
        }
        return v;
    }

    /** The total number of scalar values. */
    public long parameterCount() {
        long n = 0;
        for (HostTensor t : values.values()) {
            n += t.size();
        }
        return n;
    }

    /** A copy with every value converted to {@code dtype}. */
    public ParameterSet cast(DType dtype) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.cast(dtype)));
        return new ParameterSet(out);
    }

    /** A copy with {@code name} added or replaced. */
    public ParameterSet with(String name, HostTensor value) {
        Map<String, HostTensor> out = new LinkedHashMap<>(values);
        out.put(name, value);
        return of(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSet p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "ParameterSet" + values.keySet();
    }
}
