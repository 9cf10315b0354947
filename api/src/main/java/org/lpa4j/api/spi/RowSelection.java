package org.lpa4j.api.spi;

import java.util.List;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Shape;

/**
 * The program a graph engine runs to select rows of a resident tensor on the engine: {@code x [B, tail...]} and INT32
 * {@code rows [n]} give {@code x[rows] [n, tail...]} (a flat view, a gather of its rows, the shape back). Its two inputs
 * have different leading sizes, so a backend runs it outside the batch checks of a compiled program.
 */
public final class RowSelection {
    private RowSelection() {
    }

    /** The inputs: the floating tensor, then the rows. */
    public static List<InputSpec> inputs(String x, String rows, DType dtype, int[] tail) {
        return List.of(InputSpec.batched(x, dtype, tail), InputSpec.batched(rows, DType.INT32));
    }

    /** The function selecting rows of a floating {@code [B, tail...]} tensor. */
    public static ForwardFunction function(int[] tail) {
        int width = 1;
        for (int d : tail) {
            width *= d;
        }
        int[] back = new int[tail.length + 1];
        back[0] = -1;
        System.arraycopy(tail, 0, back, 1, tail.length);
        Shape flat = Shape.of(-1, width);
        Shape restored = Shape.of(back);
        return (ops, p, in) -> List.of(ops.reshape(ops.gather(ops.reshape(in.get(0), flat), in.get(1)), restored));
    }
}
