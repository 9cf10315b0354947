package org.lpa4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Tensor;

/**
 * An architecture of one's own, {@code tanh-blocks}: a dense stem, then blocks {@code f_l(h) = W_l tanh(h) + b_l}, and one
 * shared linear head that reads out every depth. Registered in {@code META-INF/services/org.lpa4j.api.model.ArchitectureProvider}.
 */
public final class TanhBlocksProvider implements ArchitectureProvider {
    static final String NAME = "tanh-blocks";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String incompatibility(TaskShape shape) {
        return shape.example().length == 1 && !shape.tokens() ? null : "tanh-blocks reads feature vectors";
    }

    @Override
    public ResidualNetwork create(TaskShape shape, ArchitectureOptions options) {
        return new TanhBlocks(shape.example()[0], options.width(), options.depth(), shape.outputs());
    }

    @Override
    public ResidualNetwork rebuild(Hyperparameters h) {
        return new TanhBlocks(h.getInt("inputs"), h.getInt("width"), h.getInt("depth"), h.getInt("outputs"));
    }

    /** The network: its size is all it needs to be rebuilt from a saved model. */
    private static final class TanhBlocks implements ResidualNetwork {
        private final int inputs;
        private final int width;
        private final int outputs;
        private final Dense stem;
        private final List<Dense> blocks = new ArrayList<>();
        private final Dense head;

        TanhBlocks(int inputs, int width, int depth, int outputs) {
            this.inputs = inputs;
            this.width = width;
            this.outputs = outputs;
            this.stem = new Dense("stem", inputs, width);
            for (int l = 1; l <= depth; l++) {
                blocks.add(new Dense("block" + l, width, width));
            }
            this.head = new Dense("head", width, outputs);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Hyperparameters hyperparameters() {
            return Hyperparameters.builder().put("inputs", inputs).put("width", width).put("depth", blocks.size()).put("outputs", outputs).build();
        }

        @Override
        public int depth() {
            return blocks.size();
        }

        @Override
        public InputSpec input() {
            return InputSpec.batched("x", DType.FLOAT32, inputs);
        }

        @Override
        public List<ParameterSpec> parameters() {
            List<ParameterSpec> specs = new ArrayList<>(stem.parameters());
            blocks.forEach(b -> specs.addAll(b.parameters()));
            specs.addAll(head.parameters());
            return specs;
        }

        @Override
        public Set<String> blockParameters(int l) {
            return ParameterSpec.names(blocks.get(l - 1).parameters());
        }

        @Override
        public Tensor stem(Ops ops, Parameters params, Tensor x) {
            return stem.forward(ops, params, x);
        }

        @Override
        public Tensor block(int l, Ops ops, Parameters params, Tensor h) {
            return blocks.get(l - 1).forward(ops, params, ops.tanh(h));
        }

        @Override
        public Tensor head(Ops ops, Parameters params, Tensor h) {
            return head.forward(ops, params, h);
        }
    }
}
