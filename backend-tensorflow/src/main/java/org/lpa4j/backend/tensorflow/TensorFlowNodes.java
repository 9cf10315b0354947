package org.lpa4j.backend.tensorflow;

import java.util.List;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Tensor;
import org.tensorflow.op.Scope;
import org.tensorflow.types.TInt32;

/**
 * Adds raw TensorFlow nodes to a graph through one {@link Scope} (which gives unique names and control
 * dependencies). Working on untyped {@link Output}s keeps the backend free of TensorFlow Java's generic op
 * classes, since lpa4j chooses element types at run time.
 */
final class TensorFlowNodes {
    private static final java.util.concurrent.atomic.AtomicLong VARIABLES = new java.util.concurrent.atomic.AtomicLong();

    private final Scope scope;

    TensorFlowNodes(Scope scope) {
        this.scope = scope;
    }

    Scope scope() {
        return scope;
    }

    /** Nodes built in a sub-scope called {@code name}. */
    TensorFlowNodes sub(String name) {
        return new TensorFlowNodes(scope.withSubScope(name));
    }

    /** Nodes that all run after {@code ops}. */
    TensorFlowNodes after(List<Operation> ops) {
        return new TensorFlowNodes(scope.withControlDependencyOps(ops));
    }

    /** A builder for a node of {@code type}, named after the type. */
    OperationBuilder builder(String type) {
        return scope.opBuilder(type, type);
    }

    /** The first output of a node of {@code type} with the given inputs and no attributes. */
    Output<?> op(String type, Output<?>... inputs) {
        OperationBuilder b = builder(type);
        for (Output<?> in : inputs) {
            b.addInput(in);
        }
        return b.build().output(0);
    }

    /** A node with no outputs that runs after all of {@code ops}. */
    Operation group(String name, List<Operation> ops) {
        OperationBuilder b = scope.opBuilder("NoOp", name);
        for (Operation op : ops) {
            b.addControlInput(op);
        }
        return b.build();
    }

    /** A constant holding a copy of {@code value}. */
    Output<?> constant(HostTensor value) {
        try (Tensor t = TensorFlowHostCopy.toNative(value)) {
            return builder("Const").setAttr("value", t).setAttr("dtype", t.dataType()).build().output(0);
        }
    }

    /** A rank-0 constant. */
    Output<?> scalar(double value, DType dtype) {
        return constant(HostTensor.scalar(dtype, value));
    }

    /** An INT32 vector constant (axes, shapes, permutations). */
    Output<?> ints(int... values) {
        // Built directly (not through HostTensor), since an empty vector is valid here: no axes, a scalar's shape.
        try (Tensor t = TInt32.vectorOf(values)) {
            return builder("Const").setAttr("value", t).setAttr("dtype", t.dataType()).build().output(0);
        }
    }

    /** An INT32 scalar constant. */
    Output<?> intScalar(int value) {
        return constant(HostTensor.ofInts(Shape.scalar(), value));
    }

    /** A placeholder of the given type and shape (unknown dimensions stay unknown). */
    Output<?> placeholder(DType dtype, Shape shape) {
        return builder("Placeholder").setAttr("dtype", TensorFlowHostCopy.dataType(dtype))
                .setAttr("shape", TensorFlowHostCopy.shape(shape)).build().output(0);
    }

    /** {@code x} converted to {@code dtype}. */
    Output<?> cast(Output<?> x, DType dtype) {
        return builder("Cast").addInput(x).setAttr("DstT", TensorFlowHostCopy.dataType(dtype)).build().output(0);
    }

    /** A reduction ({@code Sum}, {@code Mean}, {@code Max}) over normalised {@code axes}. */
    Output<?> reduce(String type, Output<?> x, int[] axes, boolean keepDims) {
        return builder(type).addInput(x).addInput(ints(axes)).setAttr("keep_dims", keepDims).build().output(0);
    }

    /** The permutation {@code perm} of the axes of {@code x}. */
    Output<?> transpose(Output<?> x, int... perm) {
        return op("Transpose", x, ints(perm));
    }

    /** A resource variable handle of the given type and static shape. */
    Output<?> variable(String name, DType dtype, Shape shape) {
        OperationBuilder b = scope.opBuilder("VarHandleOp", opName(name));
        String unique = "lpa4j_variable_" + VARIABLES.incrementAndGet();
        return b.setAttr("dtype", TensorFlowHostCopy.dataType(dtype)).setAttr("shape", TensorFlowHostCopy.shape(shape))
                .setAttr("shared_name", unique).build().output(0);
    }

    /** {@code name} with every character TensorFlow does not allow in a node name replaced by {@code _}. */
    static String opName(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_.\\-]", "_");
        return clean.isEmpty() || !Character.isLetterOrDigit(clean.charAt(0)) ? "v" + clean : clean;
    }

    /** The current value of a resource variable. */
    Output<?> read(Output<?> handle, DType dtype) {
        return builder("ReadVariableOp").addInput(handle).setAttr("dtype", TensorFlowHostCopy.dataType(dtype)).build().output(0);
    }

    /** Assigns {@code value} to a resource variable. */
    Operation assign(Output<?> handle, Output<?> value) {
        return builder("AssignVariableOp").addInput(handle).addInput(value).setAttr("dtype", value.dataType()).build();
    }

    /** Destroys a resource variable, releasing its memory. */
    Operation destroy(Output<?> handle) {
        return builder("DestroyResourceOp").addInput(handle).setAttr("ignore_lookup_error", true).build();
    }
}
