package org.lpa4j.architectures.resnet;

import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;

/**
 * Registers {@link ResNet} as architecture {@code resnet}, for image tasks: the options' width is its channels, its depth
 * the blocks, and the stem's patch size is {@link ResNet#defaultPatch} (4 for 28x28 images, 2 for the 8x8 digits).
 */
public final class ResNetProvider implements ArchitectureProvider {
    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public String incompatibility(TaskShape shape) {
        return shape.example().length == 3 && !shape.tokens() ? null : "resnet reads images [channels, height, width]";
    }

    @Override
    public ResidualNetwork create(TaskShape shape, ArchitectureOptions o) {
        int[] e = shape.example();
        return new ResNet(e[0], e[1], e[2], o.width(), o.depth(), shape.outputs(), ResNet.defaultPatch(e[1], e[2]), o.dtype());
    }

    @Override
    public ResidualNetwork rebuild(Hyperparameters h) {
        return new ResNet(h.getInt("channels"), h.getInt("height"), h.getInt("imageWidth"), h.getInt("width"), h.getInt("depth"),
                h.getInt("classes"), h.getInt("patch"), h.getEnum("dtype", DType.class));
    }
}
