package org.lpa4j.backend.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.HostTensor;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.RunOptions;

/**
 * How a compiled program runs its part of the graph: one session run per call, the (checked) inputs fed to its
 * placeholders, every native tensor closed afterwards. Running adds no node to the graph.
 */
final class TensorFlowRun {
    /**
     * The options of a forward run: its ops run one after another in the calling thread ({@code inter_op_thread_pool = -1})
     * instead of being handed to the inter-op pool op by op; each op still spreads over the intra-op threads. A forward
     * program is a chain of ops, so the pool had nothing to run side by side, and each hand-over cost a thread wake-up
     * (measured in docs/serving.md). Training runs, whose gradients have independent branches, keep the pool.
     */
    private static final RunOptions IN_CALLER_THREAD = RunOptions.newBuilder().setInterOpThreadPool(-1).build();

    private final Session session;
    private final String kind;
    private final List<Output<?>> placeholders;

    TensorFlowRun(Session session, String kind, List<Output<?>> placeholders) {
        this.session = session;
        this.kind = kind;
        this.placeholders = List.copyOf(placeholders);
    }

    /**
     * Feeds {@code inputs} and, when {@code extraPlaceholder} is not null, {@code extraValue}; fetches {@code fetches}
     * and runs {@code target} when not null. The caller closes the result.
     */
    Result run(List<HostTensor> inputs, List<Output<?>> fetches, Operation target, Output<?> extraPlaceholder, HostTensor extraValue) {
        List<Tensor> fed = new ArrayList<>(inputs.size() + 1);
        try {
            Session.Runner runner = session.runner();
            for (int i = 0; i < placeholders.size(); i++) {
                Tensor t = TensorFlowHostCopy.toNative(inputs.get(i));
                fed.add(t);
                runner.feed(placeholders.get(i), t);
            }
            if (extraPlaceholder != null) {
                Tensor t = TensorFlowHostCopy.toNative(extraValue);
                fed.add(t);
                runner.feed(extraPlaceholder, t);
            }
            fetches.forEach(runner::fetch);
            if (target != null) {
                runner.addTarget(target);
            }
            return runner.run();
        } catch (TensorFlowException e) {
            throw new Lpa4jException("TensorFlow could not run this " + kind + ": " + e.getMessage()
                    + " Check the input values (for example that indices lie inside the table).", e);
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    /**
     * A forward run: feeds native {@code inputs} (the caller keeps them open and owns them) and fetches {@code fetches}, its
     * ops running in the calling thread; the caller closes the result.
     */
    Result runNative(List<Tensor> inputs, List<Output<?>> fetches) {
        try {
            Session.Runner runner = session.runner().setOptions(IN_CALLER_THREAD);
            for (int i = 0; i < placeholders.size(); i++) {
                runner.feed(placeholders.get(i), inputs.get(i));
            }
            fetches.forEach(runner::fetch);
            return runner.run();
        } catch (TensorFlowException e) {
            throw new Lpa4jException("TensorFlow could not run this " + kind + ": " + e.getMessage()
                    + " Check the input values (for example that indices lie inside the table).", e);
        }
    }
}
