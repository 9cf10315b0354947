package org.lpa4j.conformance.reference;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * One row of the ops table: an operation applied to fixed operands inside a trace, and its plain-Java reference.
 * Floating operands are held in FLOAT64 and rounded to the dtype under test; INT32 operands stay INT32.
 */
public final class OpCase {

    /** How the case applies the op inside a trace; {@code dtype} is the floating type under test. */
    @FunctionalInterface
    public interface OpFunction {
        Tensor apply(Ops ops, List<Tensor> xs, DType dtype);
    }

    /** The reference result from FLOAT64 (or INT32) operands. */
    @FunctionalInterface
    public interface Reference {
        HostTensor apply(List<HostTensor> xs, DType dtype);
    }

    final String op;
    final String label;
    final List<HostTensor> operands;
    final OpFunction function;
    final Reference reference;
    Capability needs;
    boolean checkValues = true;
    boolean checkGradient = true;
    java.util.function.UnaryOperator<DType> outputType = t -> t;

    /** The operation's name in {@code Ops}. */
    public String op() {
        return op;
    }

    /** The operation, traced on a backend's {@code Ops}. */
    public OpFunction function() {
        return function;
    }

    /** Its plain-Java reference. */
    public Reference reference() {
        return reference;
    }

    /** The capability a backend needs to run it, or null. */
    public Capability needs() {
        return needs;
    }

    /** Whether the suite checks its values. */
    public boolean checkValues() {
        return checkValues;
    }

    /** Whether the suite checks its gradient. */
    public boolean checkGradient() {
        return checkGradient;
    }

    OpCase(String op, String label, List<HostTensor> operands, OpFunction function, Reference reference) {
        this.op = op;
        this.label = label;
        this.operands = operands;
        this.function = function;
        this.reference = reference;
    }

    /** The backend must declare {@code capability}, or the case is skipped. */
    OpCase needs(Capability capability) {
        this.needs = capability;
        return this;
    }

    /** The op is not differentiable here (integer result, non-finite values, or no gradient to speak of). */
    OpCase valuesOnly() {
        this.checkGradient = false;
        return this;
    }

    /** Only the gradient is checked (the value involves a rounding the reference does not model). */
    OpCase gradientOnly() {
        this.checkValues = false;
        return this;
    }

    /** The result has this element type whatever the dtype under test. */
    OpCase outputs(DType type) {
        this.outputType = t -> type;
        return this;
    }

    /** The result's element type depends on the dtype under test this way. */
    OpCase outputs(java.util.function.UnaryOperator<DType> rule) {
        this.outputType = rule;
        return this;
    }

    /** The element type the result must have when the floating type under test is {@code dtype}. */
    public DType outputType(DType dtype) {
        return outputType.apply(dtype);
    }

    /** What a failing test shows: op, case, dtype, path and what is checked. */
    public String displayName(DType dtype, boolean neutralDefault, String check) {
        return op + " " + label + " " + dtype + (neutralDefault ? " (neutral default)" : "") + ": " + check;
    }

    /** The operands as the backend receives them for {@code dtype}. */
    public List<HostTensor> operandsAs(DType dtype) {
        List<HostTensor> out = new ArrayList<>();
        for (HostTensor x : operands) {
            out.add(x.dtype() == DType.INT32 ? x : x.cast(dtype));
        }
        return out;
    }

    /** The operands as the reference sees them for {@code dtype}: rounded to it, held in FLOAT64. */
    public List<HostTensor> referenceOperands(DType dtype) {
        List<HostTensor> out = new ArrayList<>();
        for (HostTensor x : operands) {
            out.add(Fixtures.roundTo(x, dtype));
        }
        return out;
    }

    @Override
    public String toString() {
        return op + " " + label;
    }

    // ---------------------------------------------------------------- operand helpers

    public static HostTensor doubles(Shape shape, double... values) {
        return HostTensor.ofDoubles(shape, values);
    }

    public static HostTensor ints(Shape shape, int... values) {
        return HostTensor.ofInts(shape, values);
    }
}
