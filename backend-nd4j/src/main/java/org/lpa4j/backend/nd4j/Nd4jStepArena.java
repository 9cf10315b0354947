package org.lpa4j.backend.nd4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * by the next run once {@link #recycle()} says the run's results have been consumed, and an array SameDiff releases
 * within a run (an inference run does so as soon as no later op reads it) is reused by the same run. The arena keeps
 * only the shapes its last two runs asked for, so its memory is bounded by two runs' arrays, whatever batch sizes
 * came before. SameDiff's own cache never sees a gradient run's arrays again (it turns itself off for
 * them), so without this each step allocated about 165 fresh native arrays for the bench network and left them to the
 * garbage collector.
 */
final class Nd4jStepArena extends AbstractMemoryMgr {
    private final Map<Key, ArrayDeque<INDArray>> free = new HashMap<>();
    /** The arrays handed out since the last {@link #recycle()}, in order, so the next run gets them back in the same order. */
    private final List<INDArray> handedOut = new ArrayList<>();
    /** Those of them not taken back yet, by identity (an INDArray's equals compares values). */
    private final Set<INDArray> inUse = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The shapes asked for since the last {@link #recycle()}. */
    private Set<Key> asked = new HashSet<>();
    /** The shapes the run before asked for. */
    private Set<Key> askedBefore = new HashSet<>();

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
        Key key = new Key(dataType, order, shape);
        asked.add(key);
        ArrayDeque<INDArray> pool = free.get(key);
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
        handedOut.add(array);
        inUse.add(array);
        return array;
    }

    /**
     * Takes back, for the rest of the run, an array that SameDiff says no later op of the run reads. Only an array this
     * arena handed out is taken: anything else (a fed input, a parameter) belongs to someone else.
     */
    @Override
    public void release(INDArray array) {
        if (inUse.remove(array)) {
            giveBack(array);
        }
    }

    /**
     * Takes back every array handed out since the last call (the caller no longer uses any of them) and frees those of
     * shapes that neither this run nor the one before asked for (two, so that a last, smaller batch of an epoch does not
     * make the next epoch allocate its full batches afresh).
     */
    void recycle() {
        for (INDArray array : handedOut) {
            if (inUse.remove(array)) {
                giveBack(array);
            }
        }
        handedOut.clear();
        for (Iterator<Map.Entry<Key, ArrayDeque<INDArray>>> it = free.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, ArrayDeque<INDArray>> pool = it.next();
            if (!asked.contains(pool.getKey()) && !askedBefore.contains(pool.getKey())) {
                pool.getValue().forEach(INDArray::close);
                it.remove();
            }
        }
        Set<Key> cleared = askedBefore;
        cleared.clear();
        askedBefore = asked;
        asked = cleared;
    }

    private void giveBack(INDArray array) {
        free.computeIfAbsent(new Key(array.dataType(), array.ordering(), array.shape()), k -> new ArrayDeque<>()).add(array);
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
