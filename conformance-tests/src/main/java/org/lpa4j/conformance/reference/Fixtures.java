package org.lpa4j.conformance.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * The suite's shared fixture: seeded test data and the few steps every test repeats (an empty store, a
 * one-shot forward run). Every generator takes an explicit seed, so a failure reproduces exactly.
 */
public final class Fixtures {
    /** The seed of every generator unless a test says otherwise. */
    public static final long SEED = 20240611L;

    private Fixtures() {
    }

    /** {@code shape.size()} values uniform on {@code [low, high)} from {@code seed}. */
    public static double[] uniform(long seed, Shape shape, double low, double high) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = low + (high - low) * r.nextDouble();
        }
        return v;
    }

    /** Values whose magnitude is uniform on {@code [low, high)} with a random sign: away from the kink at 0. */
    public static double[] awayFromZero(long seed, Shape shape, double low, double high) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            double m = low + (high - low) * r.nextDouble();
            v[i] = r.nextBoolean() ? m : -m;
        }
        return v;
    }

    /** Distinct values {@code 0.37 k} in a seeded random order, so a maximum never ties. */
    public static double[] distinct(long seed, Shape shape) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) shape.size();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.37 * (i - n / 2.0);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }

    /** Integers uniform on {@code [0, bound)}. */
    public static int[] indices(long seed, Shape shape, int bound) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] v = new int[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(bound);
        }
        return v;
    }

    /** A FLOAT64 tensor uniform on {@code [-1, 1)}. */
    public static HostTensor random(long seed, int... dims) {
        Shape s = Shape.of(dims);
        return HostTensor.ofDoubles(s, uniform(seed, s, -1, 1));
    }

    /** A store holding no parameters, for programs that only read their inputs. */
    public static VariableStore emptyStore(org.lpa4j.api.backend.Backend backend) {
        return backend.createVariables(ParameterSet.of(Map.of()));
    }

    /** Compiles {@code function}, runs it once on {@code inputs} and closes it. */
    public static List<HostTensor> runOnce(VariableStore store, List<InputSpec> specs, ForwardFunction function, List<HostTensor> inputs) {
        try (CompiledForward program = store.compileForward(specs, function)) {
            return program.run(inputs);
        }
    }

    /** Fixed-shape input specs named {@code x0, x1, ...} matching {@code values}. */
    public static List<InputSpec> specsOf(List<HostTensor> values) {
        List<InputSpec> specs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            specs.add(new InputSpec("x" + i, values.get(i).dtype(), values.get(i).shape()));
        }
        return specs;
    }

    /** Named values as a parameter set, in the given order. */
    public static ParameterSet parameters(Map<String, HostTensor> values) {
        return ParameterSet.of(new LinkedHashMap<>(values));
    }

    /** {@code value} rounded to {@code dtype} and back to FLOAT64: what the backend actually receives. */
    public static HostTensor roundTo(HostTensor value, DType dtype) {
        if (value.dtype() == DType.INT32) {
            return value;
        }
        return value.cast(dtype).cast(DType.FLOAT64);
    }
}
