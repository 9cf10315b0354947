package org.lpa4j.architectures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lpa4j.api.model.DepthCost;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.architectures.resnet.ResNet;
import org.lpa4j.architectures.transformer.Transformer;
import org.lpa4j.architectures.transformer.TransformerTask;

/** The multiply-adds and parameters per depth that DepthCost counts, against the textbook formulas of each architecture. */
class DepthCostTest {

    @Test
    void resNetCostsTheStemTheHeadAndTwo3x3ConvolutionsPerBlock() {
        int channels = 1;
        int side = 8;
        int width = 4;
        int patch = 2;
        int classes = 10;
        int depth = 3;
        DepthCost cost = DepthCost.of(new ResNet(channels, side, side, width, depth, classes, patch, DType.FLOAT32));
        long grid = (long) (side / patch) * (side / patch);
        long stem = grid * width * channels * patch * patch;
        long block = 2 * grid * width * width * ResNet.BLOCK_KERNEL * ResNet.BLOCK_KERNEL;
        long head = (long) width * classes;
        long stemParams = (long) width * channels * patch * patch + width;
        long blockParams = 2 * ((long) width * width * ResNet.BLOCK_KERNEL * ResNet.BLOCK_KERNEL + width);
        long headParams = (long) width * classes + classes;
        for (int k = 1; k <= depth; k++) {
            assertEquals(stem + k * block + head, cost.multiplyAdds(k), "multiply-adds at depth " + k);
            assertEquals(stemParams + k * blockParams + headParams, cost.parameters(k), "parameters at depth " + k);
        }
        assertEquals((double) (stem + block + head) / (stem + depth * block + head), cost.relativeCost(1), 1e-12);
    }

    @Test
    void aTransformerBlockCostsItsProjectionsItsAttentionAndItsMlp() {
        int vocabulary = 11;
        int context = 6;
        int width = 8;
        int depth = 2;
        DepthCost cost = DepthCost.of(new Transformer(TransformerTask.NEXT_TOKEN, vocabulary, context, width, depth, 2, vocabulary));
        long projections = 4L * context * width * width;
        long attention = 2L * context * context * width;
        long mlp = 2L * context * width * Transformer.MLP_EXPANSION * width;
        long head = (long) context * width * vocabulary;
        for (int k = 1; k <= depth; k++) {
            assertEquals(head + k * (projections + attention + mlp), cost.multiplyAdds(k), "multiply-adds at depth " + k);
        }
    }
}
