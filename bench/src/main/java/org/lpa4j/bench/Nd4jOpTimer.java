package org.lpa4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** A SameDiff listener that keeps the duration of every op it sees, in nanoseconds, by op name. */
final class Nd4jOpTimer extends BaseListener {
    private final Map<String, List<Long>> nanos = new TreeMap<>();
    private long start;

    /** Each op name's durations, in the order the ops ran. */
    Map<String, List<Long>> nanos() {
        return nanos;
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext context) {
        start = System.nanoTime();
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext context, INDArray[] outputs) {
        nanos.computeIfAbsent(op.getOp().opName(), k -> new ArrayList<>()).add(System.nanoTime() - start);
    }
}
