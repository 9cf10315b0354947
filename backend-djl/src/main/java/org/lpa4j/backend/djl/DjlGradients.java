package org.lpa4j.backend.djl;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.spi.BackendTensor;
import org.lpa4j.api.tensor.HostTensor;

/**
 * One eager loss evaluation with gradients, shared by gradient programs and train steps. The parameters asked for are
 * the live arrays themselves, as leaves whose gradient buffers persist: each run zeroes them before its backward pass
 * (as DJL's {@code GradientCollector.zeroGradients} does), so gradients never accumulate across runs; every array made during the run is closed with its {@code NDScope}.
 */
final class DjlGradients {
    private final DjlVariableStore store;
    private final List<InputSpec> specs;
    private final LossFunction loss;
    private final Set<String> wrt;
    /** One reusable direct buffer per input (see {@link DjlArrays}); runs are serialised on the store, so one set suffices. */
    private final ByteBuffer[] staging;

    DjlGradients(DjlVariableStore store, List<InputSpec> specs, LossFunction loss, Set<String> wrt) {
        this.store = store;
        this.specs = specs;
        this.loss = loss;
        this.wrt = wrt;
        this.staging = new ByteBuffer[specs.size()];
    }

    /**
     * Back-propagates from {@code loss}. A loss that does not depend on any parameter asked for has no graph: PyTorch
     * then refuses, and every gradient is zero (DJL returns zeros for a leaf without a gradient).
     */
    private static void backward(GradientCollector collector, NDArray loss) {
        try {
            collector.backward(loss);
        } catch (EngineException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.contains("does not require grad")) {
                throw e;
            }
        }
    }

    /** Zeroes, in place, the gradient an earlier run left in each of {@code leaves} (a leaf never differentiated has none). */
    private static void zeroGradients(Iterable<NDArray> leaves) {
        for (NDArray leaf : leaves) {
            PtNDArray grad = JniUtils.getGradient((PtNDArray) leaf);
            if (grad != null) {
                grad.subi(grad);
            }
        }
    }

    /**
     * Runs the loss under a {@code GradientCollector} (holding {@link DjlBackend#GRADIENT_LOCK}), back-propagates, hands
     * each gradient of {@code wrt} to {@code sink} (while it is still alive), and returns the loss value.
     */
    double run(List<HostTensor> inputs, BiConsumer<String, NDArray> sink) {
        DjlBackend.GRADIENT_LOCK.lock();
        try (NDManager runManager = store.manager().newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            DjlOps ops = new DjlOps(runManager);
            Map<String, NDArray> leaves = new HashMap<>();
            BackendTensor<NDArray> value;
            try (GradientCollector collector = store.backend().engine().newGradientCollector()) {
                value = ops.callLoss(loss, store.parameters(ops, wrt, leaves), DjlVariableStore.inputs(ops, specs, inputs, staging));
                zeroGradients(leaves.values());
                backward(collector, value.node());
            }
            double result = DjlArrays.scalar(value.node(), value.dtype());
            for (String name : wrt) {
                NDArray leaf = leaves.get(name);
                // A parameter the loss does not use has no gradient (or the zeros the last run left): zero of its own type.
                PtNDArray grad = leaf == null ? null : JniUtils.getGradient((PtNDArray) leaf);
                sink.accept(name, grad != null ? grad : runManager.zeros(store.value(name).getShape(), store.value(name).getDataType()));
            }
            return result;
        } finally {
            DjlBackend.GRADIENT_LOCK.unlock();
        }
    }
}
