package org.lpa4j.cli;

import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.architectures.resnet.ResNet;

/**
 * {@code --arch resnet}: the isotropic ResNet for image tasks; {@code --width} is its channels, {@code --depth} its
 * blocks, and the stem's patch size is {@link ResNet#defaultPatch} (4 for 28x28 images, 2 for the 8x8 digits).
 */
final class ResNetArchitecture implements ArchitectureFactory {
    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public String incompatibility(TaskShape shape) {
        return shape.example().length == 3 && !shape.tokens() ? null : "resnet reads images [channels, height, width]";
    }

    @Override
    public ResidualNetwork create(TaskShape shape, FitOptions o) {
        int[] e = shape.example();
        return new ResNet(e[0], e[1], e[2], o.width(), o.depth(), shape.outputs(), ResNet.defaultPatch(e[1], e[2]), o.dtype());
    }
}
