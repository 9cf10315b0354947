package org.lpa4j.cli;

import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.architectures.transformer.Transformer;
import org.lpa4j.architectures.transformer.TransformerTask;

/**
 * {@code --arch transformer}: the pre-norm Transformer for token-sequence tasks; {@code --width} is the model dimension,
 * {@code --depth} the blocks, {@code --heads} the attention heads; causal with a per-position head for next-token tasks.
 */
final class TransformerArchitecture implements ArchitectureFactory {
    @Override
    public String name() {
        return "transformer";
    }

    @Override
    public String incompatibility(TaskShape shape) {
        return shape.tokens() && shape.example().length == 1 ? null : "transformer reads token sequences";
    }

    @Override
    public ResidualNetwork create(TaskShape shape, FitOptions o) {
        TransformerTask task = shape.output() == OutputKind.NEXT_TOKEN ? TransformerTask.NEXT_TOKEN : TransformerTask.CLASSIFICATION;
        return new Transformer(task, shape.vocabulary(), shape.example()[0], o.width(), o.depth(), o.heads(), shape.outputs());
    }
}
