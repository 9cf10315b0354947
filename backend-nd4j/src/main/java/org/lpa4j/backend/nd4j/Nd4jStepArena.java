package org.lpa4j.backend.nd4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.BaseNDArray;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The memory of one program's SameDiff runs: every array a run allocates (activations, gradients, outputs) is reused
 * by the next run once {@link #recycle()} says the run's results have been consumed. SameDiff's own cache never sees
 * a gradient run's arrays again (it turns itself off for them), so without this each step allocated about 165 fresh
 * native arrays for the bench network and left them to the garbage collector.
 */
final class Nd4jStepArena extends AbstractMemoryMgr {
    private final Map<Key, ArrayDeque<INDArray>> free = new HashMap<>();
    private final List<INDArray> inUse = new ArrayList<>();

    /** Makes the calling thread's session of {@code exec} allocate from this arena (SameDiff keeps one session per thread). */
    void attach(SameDiff exec) {
        InferenceSession session = exec.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                id -> SameDiff.getInferenceFactory().create(exec));
        if (session.getMmgr() != this) {
            session.setMmgr(this);
        }
    }

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return take(dataType, 'c', shape);
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        if (descriptor.isEmpty()) {
            return Nd4j.create(descriptor);
        }
        return take(descriptor.dataType(), descriptor.getOrder(), descriptor.getShape());
    }

    private INDArray take(DataType dataType, char order, long[] shape) {
        ArrayDeque<INDArray> pool = free.get(new Key(dataType, order, shape));
        INDArray array = pool == null ? null : pool.poll();
        while (array != null && array.wasClosed()) {
            array = pool.poll();
        }
        if (array == null) {
            array = Nd4j.createUninitializedDetached(dataType, order, shape);
        } else {
            // SameDiff tracks arrays by id within a run: a reused array must look new to it.
            ((BaseNDArray) array).assignNewId();
        }
        inUse.add(array);
        return array;
    }

    /** SameDiff's early release within a run is ignored: the arena takes every array back at once in {@link #recycle()}. */
    @Override
    public void release(INDArray array) {
    }

    /** Takes back every array handed out since the last call; the caller no longer uses any of them. */
    void recycle() {
        for (INDArray array : inUse) {
            free.computeIfAbsent(new Key(array.dataType(), array.ordering(), array.shape()), k -> new ArrayDeque<>()).add(array);
        }
        inUse.clear();
    }

    /** Frees every array of the arena. */
    @Override
    public void close() {
        recycle();
        for (ArrayDeque<INDArray> pool : free.values()) {
            for (INDArray array : pool) {
                array.close();
            }
        }
        free.clear();
    }

    /** The pool an array belongs to. */
    private record Key(DataType dataType, char order, List<Long> shape) {
        Key(DataType dataType, char order, long[] shape) {
            this(dataType, order, Arrays.stream(shape).boxed().toList());
        }
    }
}
