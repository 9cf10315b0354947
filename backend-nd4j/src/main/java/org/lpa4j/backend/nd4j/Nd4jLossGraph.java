package org.lpa4j.backend.nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.tensor.HostTensor;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A traced loss and its gradients with SameDiff's gradient function, created once at compile time: what the gradient
 * program and the train step run.
 */
final class Nd4jLossGraph {
    /** The name under which SameDiff keeps the gradient function it runs ({@code SameDiff.GRAD_FN_KEY}, not public). */
    private static final String GRADIENT_FUNCTION = "grad";
    private final Nd4jVariableStore store;
    private final Nd4jTrace trace;
    private final String lossName;
    private final List<String> lossNames;
    private final List<String> wrt;
    private final String[] nodes;
    private final List<String> gradientNodes = new ArrayList<>();
    private final INDArray[] gradients;

    Nd4jLossGraph(Nd4jVariableStore store, List<InputSpec> specs, LossFunction loss, Set<String> wrt) {
        this.store = store;
        this.trace = new Nd4jTrace(store, specs, wrt);
        this.lossName = trace.traceLoss(loss);
        this.lossNames = List.of(lossName);
        this.wrt = List.copyOf(wrt);
        SameDiff sd = trace.sameDiff();
        sd.setLossVariables(lossName);
        this.nodes = new String[this.wrt.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = trace.nodeName(this.wrt.get(i));
            if (nodes[i] != null) {
                gradientNodes.add(nodes[i]);
            }
        }
        this.gradients = new INDArray[nodes.length];
        if (!gradientNodes.isEmpty()) {
            Nd4jQuietStdout.call(() -> {
                sd.createGradFunction();
                return null;
            });
        }
    }

    /** The parameters differentiated, in store order. */
    List<String> wrt() {
        return wrt;
    }

    /**
     * Runs the graph: returns the loss and leaves the gradient of {@code wrt().get(i)} in {@link #gradient(int)} (a zero
     * array for a parameter the loss does not depend on). The arrays are this run's own: callers may overwrite them.
     */
    double evaluate(List<HostTensor> inputs) {
        Map<String, INDArray> feeds = trace.feed(inputs);
        try {
            SameDiff sd = trace.sameDiff();
            Map<String, INDArray> grads;
            INDArray lossValue;
            if (gradientNodes.isEmpty()) {
                trace.arena().attach(sd);
                lossValue = sd.output(feeds, lossNames).get(lossName);
                grads = Map.of();
            } else {
                trace.arena().attach(sd.getFunction(GRADIENT_FUNCTION));
                OutAndGrad r = sd.calculateGradientsAndOutputs(feeds, lossNames, gradientNodes);
                lossValue = r.getOutputs().get(lossName);
                grads = r.getGradients();
            }
            for (int i = 0; i < nodes.length; i++) {
                INDArray g = nodes[i] == null ? null : grads.get(nodes[i]);
                if (g == null) {
                    INDArray p = store.array(wrt.get(i));
                    g = Nd4j.zeros(p.dataType(), p.shape());
                } else if (g.isView() || g.ordering() != 'c') {
                    g = g.dup('c');
                }
                gradients[i] = g;
            }
            return lossValue.getDouble(0);
        } catch (RuntimeException | Error e) {
            clearGradients();
            throw e;
        } finally {
            trace.releaseInputs();
        }
    }

    /** The gradient of {@code wrt().get(i)} from the last {@link #evaluate}. */
    INDArray gradient(int i) {
        return gradients[i];
    }

    /** Hands the last run's arrays, its gradients among them, back to the trace's arena for the next run. */
    void clearGradients() {
        java.util.Arrays.fill(gradients, null);
        trace.arena().recycle();
    }

    /** Closes the trace's native constants and its arena. */
    void close() {
        trace.close();
    }
}
