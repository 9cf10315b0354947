package org.lpa4j.backend.nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.HostTensor;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A program that evaluates a loss and its gradients with SameDiff's gradient function, created once at compile time.
 * The gradient program and the train step build on it.
 */
abstract class Nd4jLossProgram extends Nd4jProgram {
    /** The name under which SameDiff keeps the gradient function it runs ({@code SameDiff.GRAD_FN_KEY}, not public). */
    private static final String GRADIENT_FUNCTION = "grad";
    private final String lossName;
    private final List<String> lossNames;
    /** The parameters to differentiate, in store order. */
    protected final List<String> wrt;
    private final String[] nodes;
    private final List<String> gradientNodes = new ArrayList<>();
    private final INDArray[] gradients;

    Nd4jLossProgram(Nd4jVariableStore store, List<InputSpec> specs, Nd4jTrace trace, String lossName, Set<String> wrt,
                    String what) {
        super(store, specs, trace, what);
        this.wrt = List.copyOf(wrt);
        this.lossName = lossName;
        this.lossNames = List.of(lossName);
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

    /**
     * Runs the graph: returns the loss and leaves the gradient of {@code wrt.get(i)} in {@link #gradient(int)} (a zero
     * array for a parameter the loss does not depend on). The arrays are this run's own: callers may overwrite them.
     */
    protected final double evaluate(List<HostTensor> inputs) {
        Map<String, INDArray> feeds = feed(inputs);
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
            releaseInputs();
        }
    }

    /** The gradient of {@code wrt.get(i)} from the last {@link #evaluate}. */
    protected final INDArray gradient(int i) {
        return gradients[i];
    }

    /** Hands the last run's arrays, its gradients among them, back to the trace's arena for the next run. */
    protected final void clearGradients() {
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = null;
        }
        trace.arena().recycle();
    }
}
