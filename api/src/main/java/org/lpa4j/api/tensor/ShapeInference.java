package org.lpa4j.api.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * The neutral shape and type rules of every primitive op. Backends call these before building the
 * engine op, so every backend infers the same static shape and rejects bad operands with the same
 * message: the op's name, both shapes and what was expected.
 */
public final class ShapeInference {
    private ShapeInference() {
    }

    /** Both operands must have the same element type. */
    public static DType sameDType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new ShapeMismatchException(op + ": operands have different element types " + a.dtype() + " "
                    + a.shape() + " and " + b.dtype() + " " + b.shape() + "; convert one with ops.cast(...).");
        }
        return a.dtype();
    }

    /** The operand must be floating point. */
    public static void requireFloating(String op, Tensor x) {
        if (!x.dtype().isFloating()) {
            throw new ShapeMismatchException(op + ": needs a FLOAT32 or FLOAT64 operand but got " + x.dtype() + " "
                    + x.shape() + "; convert it with ops.cast(...).");
        }
    }

    /** The operand must be INT32 (indices or labels). */
    public static void requireInt(String op, Tensor x) {
        if (x.dtype() != DType.INT32) {
            throw new ShapeMismatchException(op + ": needs INT32 indices but got " + x.dtype() + " " + x.shape() + ".");
        }
    }

    /** NumPy broadcasting: align trailing axes; each pair must be equal or one of them 1. */
    public static Shape broadcast(String op, Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
            int db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
            if (da == db) {
                out[i] = da;
            } else if (da == 1) {
                out[i] = db;
            } else if (db == 1) {
                out[i] = da;
            } else if (da == Shape.UNKNOWN) {
                out[i] = db;
            } else if (db == Shape.UNKNOWN) {
                out[i] = da;
            } else {
                throw new ShapeMismatchException(op + ": cannot broadcast shapes " + a + " and " + b + ": axis " + i
                        + " of the broadcast result has sizes " + da + " and " + db + "; sizes must be equal or one of them 1.");
            }
        }
        return Shape.of(out);
    }

    /**
     * Batched matrix product: both of rank at least 2 and of equal rank, equal leading dimensions, and
     * {@code a[..., m, k] x b[..., k, n] -> [..., m, n]}.
     */
    public static Shape matmul(Shape a, Shape b) {
        if (a.rank() < 2 || b.rank() < 2 || a.rank() != b.rank()) {
            throw new ShapeMismatchException("matmul: cannot multiply " + a + " by " + b
                    + "; both operands need the same rank, at least 2 (reshape a [..., k] input to 2-D first).");
        }
        int ka = a.dim(-1);
        int kb = b.dim(-2);
        if (ka != kb && ka != Shape.UNKNOWN && kb != Shape.UNKNOWN) {
            throw new ShapeMismatchException("matmul: cannot multiply " + a + " by " + b + ": the last axis of the first operand ("
                    + ka + ") must equal the second-to-last axis of the second (" + kb + ").");
        }
        int[] out = a.dims();
        for (int i = 0; i < a.rank() - 2; i++) {
            int da = a.dim(i);
            int db = b.dim(i);
            if (da != db && da != Shape.UNKNOWN && db != Shape.UNKNOWN) {
                throw new ShapeMismatchException("matmul: cannot multiply " + a + " by " + b
                        + ": the leading (batch) dimensions must be equal, but axis " + i + " has " + da + " and " + db + ".");
            }
            out[i] = da == Shape.UNKNOWN ? db : da;
        }
        out[out.length - 1] = b.dim(-1);
        return Shape.of(out);
    }

    /** Reshape to {@code target}; at most one dimension of the target may be -1 and is inferred. */
    public static Shape reshape(Shape input, Shape target) {
        int inferred = -1;
        long known = 1;
        int[] t = target.dims();
        for (int i = 0; i < t.length; i++) {
            if (t[i] == Shape.UNKNOWN) {
                if (inferred >= 0) {
                    throw new ShapeMismatchException("reshape: target " + target + " has more than one -1 dimension; at most one may be inferred.");
                }
                inferred = i;
            } else {
                known *= t[i];
            }
        }
        long size = input.size();
        if (size == Shape.UNKNOWN) {
            if (inferred < 0) {
                throw new ShapeMismatchException("reshape: input " + input + " has an unknown batch dimension, so the target " + target
                        + " must contain one -1 for it.");
            }
            // Whether the element count divides evenly depends on the run-time batch size: the engine checks it then.
            return target;
        }
        if (inferred >= 0) {
            if (known == 0 || size % known != 0) {
                throw new ShapeMismatchException("reshape: cannot reshape " + input + " (" + size + " elements) to " + target + ".");
            }
            t[inferred] = (int) (size / known);
            return Shape.of(t);
        }
        if (known != size) {
            throw new ShapeMismatchException("reshape: cannot reshape " + input + " (" + size + " elements) to " + target + " ("
                    + known + " elements).");
        }
        return target;
    }

    /** Permute axes: output axis i is input axis {@code perm[i]}. */
    public static Shape transpose(Shape x, int... perm) {
        if (perm.length != x.rank()) {
            throw new ShapeMismatchException("transpose: permutation " + Arrays.toString(perm) + " has " + perm.length
                    + " entries but the operand " + x + " has rank " + x.rank() + ".");
        }
        boolean[] seen = new boolean[perm.length];
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            int p = perm[i];
            if (p < 0 || p >= perm.length || seen[p]) {
                throw new ShapeMismatchException("transpose: " + Arrays.toString(perm) + " is not a permutation of the axes of " + x + ".");
            }
            seen[p] = true;
            out[i] = x.dim(p);
        }
        return Shape.of(out);
    }

    /** Concatenate along {@code axis}; all other dimensions must match. */
    public static Shape concat(List<? extends Tensor> xs, int axis) {
        if (xs.isEmpty()) {
            throw new ShapeMismatchException("concat: needs at least one tensor.");
        }
        Shape first = xs.get(0).shape();
        int a = first.normalizeAxis(axis);
        int total = 0;
        for (Tensor t : xs) {
            sameDType("concat", xs.get(0), t);
            Shape s = t.shape();
            if (s.rank() != first.rank()) {
                throw new ShapeMismatchException("concat: cannot concatenate " + first + " and " + s + ": ranks differ.");
            }
            for (int i = 0; i < s.rank(); i++) {
                if (i != a && s.dim(i) != first.dim(i)) {
                    throw new ShapeMismatchException("concat: cannot concatenate " + first + " and " + s + " along axis " + axis
                            + ": axis " + i + " differs.");
                }
            }
            if (s.dim(a) == Shape.UNKNOWN || total == Shape.UNKNOWN) {
                total = Shape.UNKNOWN;
            } else {
                total += s.dim(a);
            }
        }
        return first.withDim(a, total);
    }

    /** The slice {@code [start, start + length)} of {@code axis}. */
    public static Shape slice(Shape x, int axis, int start, int length) {
        int a = x.normalizeAxis(axis);
        int d = x.dim(a);
        if (d == Shape.UNKNOWN) {
            throw new ShapeMismatchException("slice: axis " + axis + " of " + x + " is the run-time batch dimension and cannot be sliced.");
        }
        if (start < 0 || length <= 0 || start + length > d) {
            throw new ShapeMismatchException("slice: [" + start + ", " + (start + length) + ") is not inside axis " + axis + " of " + x
                    + " (size " + d + ").");
        }
        return x.withDim(a, length);
    }

    /** Embedding lookup: {@code table [V, D]} and indices of any shape S give {@code S + [D]}. */
    public static Shape gather(Shape table, Shape indices) {
        if (table.rank() != 2) {
            throw new ShapeMismatchException("gather: the table must have rank 2 [vocabulary, dimension] but has shape " + table + ".");
        }
        int[] idx = indices.dims();
        int[] out = Arrays.copyOf(idx, idx.length + 1);
        out[idx.length] = table.dim(1);
        return Shape.of(out);
    }

    /** Reduction over {@code axes} (all axes when empty), keeping them as size 1 when {@code keepDims}. */
    public static Shape reduce(String op, Shape x, int[] axes, boolean keepDims) {
        boolean[] reduced = reducedAxes(op, x, axes);
        int[] in = x.dims();
        int count = 0;
        for (boolean r : reduced) {
            count += r ? 0 : 1;
        }
        int[] out = new int[keepDims ? in.length : count];
        int j = 0;
        for (int i = 0; i < in.length; i++) {
            if (!reduced[i]) {
                out[j++] = in[i];
            } else if (keepDims) {
                out[j++] = 1;
            }
        }
        return Shape.of(out);
    }

    /** Which axes a reduction covers; an empty {@code axes} means all. Duplicates are an error. */
    public static boolean[] reducedAxes(String op, Shape x, int[] axes) {
        boolean[] reduced = new boolean[x.rank()];
        if (axes.length == 0) {
            Arrays.fill(reduced, true);
            return reduced;
        }
        for (int axis : axes) {
            int a;
            try {
                a = x.normalizeAxis(axis);
            } catch (ShapeMismatchException e) {
                throw new ShapeMismatchException(op + ": " + e.getMessage());
            }
            if (reduced[a]) {
                throw new ShapeMismatchException(op + ": axis " + axis + " appears twice in " + Arrays.toString(axes) + ".");
            }
            reduced[a] = true;
        }
        return reduced;
    }

    /** The axes a reduction covers, normalised and sorted. */
    public static int[] normalizedAxes(String op, Shape x, int[] axes) {
        boolean[] r = reducedAxes(op, x, axes);
        return java.util.stream.IntStream.range(0, r.length).filter(i -> r[i]).toArray();
    }

    /**
     * 2-D cross-correlation in NCHW: {@code x [N, C, H, W]}, {@code kernel [O, C, kh, kw]}, zero padding
     * {@code padH, padW} on both sides, giving {@code [N, O, (H + 2 padH - kh) / strideH + 1, ...]}.
     */
    public static Shape conv2d(Shape x, Shape kernel, int strideH, int strideW, int padH, int padW) {
        if (x.rank() != 4 || kernel.rank() != 4) {
            throw new ShapeMismatchException("conv2d: needs input [N, C, H, W] and kernel [O, C, kh, kw], but got " + x + " and " + kernel + ".");
        }
        if (x.dim(1) != kernel.dim(1)) {
            throw new ShapeMismatchException("conv2d: input " + x + " has " + x.dim(1) + " channels but kernel " + kernel + " expects "
                    + kernel.dim(1) + ".");
        }
        if (strideH <= 0 || strideW <= 0 || padH < 0 || padW < 0) {
            throw new ShapeMismatchException("conv2d: strides must be positive and paddings non-negative, but got stride (" + strideH
                    + ", " + strideW + ") and padding (" + padH + ", " + padW + ").");
        }
        int h = window("conv2d", x, x.dim(2) + 2 * padH, kernel.dim(2), strideH);
        int w = window("conv2d", x, x.dim(3) + 2 * padW, kernel.dim(3), strideW);
        return Shape.of(x.dim(0), kernel.dim(0), h, w);
    }

    /** Max or average pooling in NCHW without padding: {@code [N, C, (H - k) / s + 1, (W - k) / s + 1]}. */
    public static Shape pool2d(String op, Shape x, int kernelH, int kernelW, int strideH, int strideW) {
        if (x.rank() != 4) {
            throw new ShapeMismatchException(op + ": needs input [N, C, H, W] but got " + x + ".");
        }
        if (kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0) {
            throw new ShapeMismatchException(op + ": kernel and stride must be positive, but got kernel (" + kernelH + ", " + kernelW
                    + ") and stride (" + strideH + ", " + strideW + ").");
        }
        int h = window(op, x, x.dim(2), kernelH, strideH);
        int w = window(op, x, x.dim(3), kernelW, strideW);
        return Shape.of(x.dim(0), x.dim(1), h, w);
    }

    private static int window(String op, Shape x, int extent, int k, int stride) {
        if (extent < k) {
            throw new ShapeMismatchException(op + ": the window " + k + " is larger than the (padded) spatial size " + extent + " of " + x + ".");
        }
        return (extent - k) / stride + 1;
    }

    /** One-hot encoding: indices of shape S give {@code S + [depth]}. */
    public static Shape oneHot(Shape indices, int depth) {
        if (depth <= 0) {
            throw new ShapeMismatchException("oneHot: depth must be positive but is " + depth + ".");
        }
        int[] idx = indices.dims();
        int[] out = Arrays.copyOf(idx, idx.length + 1);
        out[idx.length] = depth;
        return Shape.of(out);
    }
}
