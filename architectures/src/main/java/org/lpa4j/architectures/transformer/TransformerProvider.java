package org.lpa4j.architectures.transformer;

import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;

/**
 * Registers {@link Transformer} as architecture {@code transformer}, for token-sequence tasks: the options' width is the
 * model dimension, depth the blocks, heads the attention heads; causal with a per-position head for next-token tasks.
 */
public final class TransformerProvider implements ArchitectureProvider {
    @Override
    public String name() {
        return "transformer";
    }

    @Override
    public String incompatibility(TaskShape shape) {
        return shape.tokens() && shape.example().length == 1 ? null : "transformer reads token sequences";
    }

    @Override
    public ResidualNetwork create(TaskShape shape, ArchitectureOptions o) {
        TransformerTask task = shape.output() == OutputKind.NEXT_TOKEN ? TransformerTask.NEXT_TOKEN : TransformerTask.CLASSIFICATION;
        return new Transformer(task, shape.vocabulary(), shape.example()[0], o.width(), o.depth(), o.heads(), shape.outputs());
    }

    @Override
    public ResidualNetwork rebuild(Hyperparameters h) {
        return new Transformer(h.getEnum("task", TransformerTask.class), h.getInt("vocabulary"), h.getInt("context"), h.getInt("width"),
                h.getInt("depth"), h.getInt("heads"), h.getInt("outputs"));
    }
}
