package org.lpa4j.api.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * One input of a compiled program: its name, element type and static shape, where only the leading (batch)
 * dimension may be {@link Shape#UNKNOWN}. An input of {@link #rows rows} has a leading size of its own: it is not held
 * to the batch size the other inputs share.
 *
 * @param ownLength whether the leading dimension is this input's own, not the call's batch size
 */
public record InputSpec(String name, DType dtype, Shape shape, boolean ownLength) {
    /** An input whose unknown leading dimension, if any, is the call's batch size. */
    public InputSpec(String name, DType dtype, Shape shape) {
        this(name, dtype, shape, false);
    }

    public InputSpec {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(dtype, "dtype is null");
        Objects.requireNonNull(shape, "shape is null");
        for (int i = 1; i < shape.rank(); i++) {
            if (shape.dim(i) == Shape.UNKNOWN) {
                throw new Lpa4jException("Input '" + name + "' has shape " + shape + ": only the leading (batch) dimension may be -1; "
                        + "lpa4j programs have static shapes otherwise.");
            }
        }
    }

    /** An input whose leading dimension is the run-time batch size: {@code [-1, dims...]}. */
    public static InputSpec batched(String name, DType dtype, int... dims) {
        int[] all = new int[dims.length + 1];
        all[0] = Shape.UNKNOWN;
        System.arraycopy(dims, 0, all, 1, dims.length);
        return new InputSpec(name, dtype, Shape.of(all));
    }

    /**
     * An INT32 vector of row indices of another input, of any length: e.g. the rows of a state that a program selects
     * before it goes on, so that the selection costs no call of its own.
     */
    public static InputSpec rows(String name) {
        return new InputSpec(name, DType.INT32, Shape.of(Shape.UNKNOWN), true);
    }

    /** This spec under another name. */
    public InputSpec withName(String other) {
        return new InputSpec(other, dtype, shape, ownLength);
    }

    /** An input with a fully static shape. */
    public static InputSpec fixed(String name, DType dtype, int... dims) {
        return new InputSpec(name, dtype, Shape.of(dims));
    }

    /** Checks that {@code value} fits this spec, or throws a message naming the input and both shapes. */
    public void check(HostTensor value) {
        if (value == null) {
            throw new NullPointerException("input '" + name + "' is null");
        }
        if (value.dtype() != dtype || !shape.isCompatibleWith(value.shape())) {
            throw new Lpa4jException("Input '" + name + "' expects " + dtype + " " + shape + " but got " + value.dtype() + " "
                    + value.shape() + ".");
        }
    }

    /**
     * Checks a whole argument list against the specs: count, types, shapes, and one common batch size for
     * every batched input (an input of {@link #rows} has its own length).
     */
    public static void checkAll(List<InputSpec> specs, List<HostTensor> values) {
        Objects.requireNonNull(values, "inputs are null");
        if (specs.size() != values.size()) {
            throw countMismatch(specs, values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            specs.get(i).check(values.get(i));
        }
        // Loops rather than streams: this runs before every program call, mostly before the JIT has compiled it.
        List<DType> dtypes = new ArrayList<>(values.size());
        List<Shape> shapes = new ArrayList<>(values.size());
        for (HostTensor value : values) {
            dtypes.add(value.dtype());
            shapes.add(value.shape());
        }
        checkShapes(specs, dtypes, shapes);
    }

    /** {@link #checkAll} for values known by their types and shapes only (e.g. tensors resident in an engine). */
    public static void checkShapes(List<InputSpec> specs, List<DType> dtypes, List<Shape> shapes) {
        if (specs.size() != shapes.size()) {
            throw countMismatch(specs, shapes.size());
        }
        int batch = -1;
        String batchFrom = null;
        for (int i = 0; i < specs.size(); i++) {
            InputSpec spec = specs.get(i);
            if (dtypes.get(i) != spec.dtype || !spec.shape.isCompatibleWith(shapes.get(i))) {
                throw new Lpa4jException("Input '" + spec.name + "' expects " + spec.dtype + " " + spec.shape + " but got " + dtypes.get(i)
                        + " " + shapes.get(i) + ".");
            }
            if (!spec.ownLength && spec.shape().rank() > 0 && spec.shape().dim(0) == Shape.UNKNOWN) {
                int b = shapes.get(i).dim(0);
                if (batch >= 0 && b != batch) {
                    throw new Lpa4jException("Inputs '" + batchFrom + "' and '" + spec.name() + "' have different batch sizes " + batch
                            + " and " + b + "; every batched input of one call must have the same batch size.");
                }
                batch = b;
                batchFrom = spec.name();
            }
        }
    }

    private static Lpa4jException countMismatch(List<InputSpec> specs, int given) {
        return new Lpa4jException("The program takes " + specs.size() + " inputs " + names(specs) + " but " + given + " were given.");
    }

    private static List<String> names(List<InputSpec> specs) {
        return specs.stream().map(InputSpec::name).toList();
    }
}
