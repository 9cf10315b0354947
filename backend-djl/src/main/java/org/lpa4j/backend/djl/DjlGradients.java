package org.lpa4j.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Tensor;

/**
 * One eager loss evaluation with gradients, shared by gradient programs and train steps. The parameters asked for are
 * fresh leaves (detached views of the live arrays), so gradients never accumulate across runs and need no zeroing;
 * every array made during the run is closed with its {@code NDScope}.
 */
final class DjlGradients {
    private DjlGradients() {
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

    /**
     * Runs {@code loss} under a {@code GradientCollector}, back-propagates, hands each gradient of {@code wrt} to
     * {@code sink} (while it is still alive), and returns the loss value. The caller holds {@link DjlBackend#GRADIENT_LOCK}.
     */
    static double run(DjlVariableStore store, List<InputSpec> specs, List<HostTensor> inputs, ByteBuffer[] staging,
                      LossFunction loss, Set<String> wrt, BiConsumer<String, NDArray> sink) {
        try (NDManager runManager = store.manager().newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            DjlOps ops = new DjlOps(runManager);
            Map<String, NDArray> leaves = new LinkedHashMap<>();
            NDArray lossArray;
            Tensor lossTensor;
            try (GradientCollector collector = store.backend().engine().newGradientCollector()) {
                try {
                    lossTensor = loss.apply(ops, store.parameters(ops, wrt, leaves), DjlVariableStore.inputs(ops, specs, inputs, staging));
                    CompileChecks.requireScalarLoss(lossTensor);
                    lossArray = ops.unwrap("loss", lossTensor);
                } finally {
                    ops.end();
                }
                backward(collector, lossArray);
            }
            double value = DjlArrays.scalar(lossArray, lossTensor.dtype());
            for (Map.Entry<String, NDArray> e : leaves.entrySet()) {
                NDArray leaf = e.getValue();
                // A parameter the loss does not use has no gradient: it is zero (of the parameter's own type).
                PtNDArray grad = JniUtils.getGradient((PtNDArray) leaf);
                sink.accept(e.getKey(), grad != null ? grad : leaf.zerosLike());
            }
            return value;
        }
    }
}
