package org.lpa4j.architectures.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.DepthCost;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.architectures.resnet.ResNet;

/** Per-depth readouts: what they add to each depth's cost, that a saved one is rebuilt exactly, and temperatures fitted from data. */
class AdaptedReadoutsTest {
    /** Not the grid's side (4), so an adapter on the wrong axis shows in the counts. */
    private static final int WIDTH = 3;
    private static final int DEPTH = 3;

    private static ResNet resNet() {
        return new ResNet(1, 8, 8, WIDTH, DEPTH, 10, 2, DType.FLOAT32);
    }

    @Test
    void eachDepthCountsItsOwnAdapter_notTheOtherDepths() {
        DepthCost plain = DepthCost.of(resNet());
        AdaptedReadouts adapted = AdaptedReadouts.withAdapter(resNet());
        DepthCost cost = DepthCost.of(adapted);
        for (int k = 1; k <= DEPTH; k++) {
            assertEquals(plain.parameters(k) + 2L * WIDTH, cost.parameters(k), "parameters at depth " + k);
            assertEquals(plain.multiplyAdds(k), cost.multiplyAdds(k), "the adapter is element-wise: no products at depth " + k);
        }
        assertEquals(resNet().parameters().size() + 2 * DEPTH, adapted.parameters().size());
        assertEquals(java.util.Set.of(AdaptedReadouts.scale(2), AdaptedReadouts.shift(2)), adapted.readoutParameters(2));
        // A map of rank 2 over the channels: 2 x width x 2 more parameters, and its two products at every position of the 4 x 4 grid.
        DepthCost ranked = DepthCost.of(AdaptedReadouts.withAdapter(resNet(), 2));
        for (int k = 1; k <= DEPTH; k++) {
            assertEquals(plain.parameters(k) + 2L * WIDTH + 2L * WIDTH * 2, ranked.parameters(k), "parameters at depth " + k);
            assertEquals(plain.multiplyAdds(k) + 16L * 2 * WIDTH * 2, ranked.multiplyAdds(k), "multiply-adds at depth " + k);
        }
        // A pooling of its own: one weight per position of the 4 x 4 grid per depth, element-wise like the scale.
        AdaptedReadouts pooled = AdaptedReadouts.withAdapter(resNet(), 0, true);
        DepthCost pooledCost = DepthCost.of(pooled);
        for (int k = 1; k <= DEPTH; k++) {
            assertEquals(plain.parameters(k) + 2L * WIDTH + 16, pooledCost.parameters(k), "parameters at depth " + k);
            assertEquals(plain.multiplyAdds(k), pooledCost.multiplyAdds(k), "the pooling weights are element-wise: no products at depth " + k);
        }
        assertEquals(1, adapted.axis(), "an image state is NCHW: the channels are axis 1");
        assertEquals(1, AdaptedReadouts.withAdapter(new org.lpa4j.architectures.fnn.ResidualMlp(2, 5, 2, 1,
                org.lpa4j.api.layers.Activation.TANH, false, DType.FLOAT32)).axis(), "a vector state's channels are its last axis");
    }

    @Test
    void aSavedAdapterWithTemperaturesIsRebuiltExactly() {
        double[] t = {1.5, 0.8, 1.1};
        AdaptedReadouts network = AdaptedReadouts.withTemperatures(AdaptedReadouts.withAdapter(resNet(), 3, true), t);
        Architectures architectures = Architectures.discover();
        ResidualNetwork again = architectures.rebuild(AdaptedReadouts.NAME, architectures.describe(network));
        AdaptedReadouts rebuilt = (AdaptedReadouts) again;
        assertTrue(rebuilt.affine());
        assertEquals(3, rebuilt.rank());
        assertTrue(rebuilt.pooling());
        assertEquals(network.parameters().stream().map(p -> p.name() + p.shape()).toList(),
                rebuilt.parameters().stream().map(p -> p.name() + p.shape()).toList());
        assertArrayEquals(t, rebuilt.temperatures(), 0);
        assertEquals(network.inner().hyperparameters(), rebuilt.inner().hyperparameters());
        assertEquals(1, rebuilt.axis());
        // A model saved before the axis and rank were recorded read the state's last axis (a column of the grid): kept so.
        java.util.Map<String, Object> old = new java.util.LinkedHashMap<>(architectures.describe(AdaptedReadouts.withAdapter(resNet())).asMap());
        old.remove("axis");
        old.remove("rank");
        old.remove("pooling");
        AdaptedReadouts before = (AdaptedReadouts) architectures.rebuild(AdaptedReadouts.NAME, org.lpa4j.api.model.Hyperparameters.of(old));
        assertEquals(3, before.axis());
        assertTrue(!before.pooling(), "a model saved before the pooling existed has none");
        assertEquals(List.of(4L, 4L), before.parameters().stream().filter(p -> p.name().equals(AdaptedReadouts.scale(1))
                || p.name().equals(AdaptedReadouts.shift(1))).map(p -> p.shape().size()).toList());
        AdaptedReadouts temperaturesOnly = (AdaptedReadouts) architectures.rebuild(AdaptedReadouts.NAME,
                architectures.describe(AdaptedReadouts.withTemperatures(resNet(), t)));
        assertEquals(resNet().parameters().stream().map(p -> p.name() + p.shape()).toList(),
                temperaturesOnly.parameters().stream().map(p -> p.name() + p.shape()).toList());
    }

    @Test
    void wrongTemperaturesAndRanksAreRefusedWithASentence() {
        Lpa4jException count = assertThrows(Lpa4jException.class, () -> AdaptedReadouts.withTemperatures(resNet(), new double[] {1, 1}));
        assertTrue(count.getMessage().contains("one value per depth (3)"), count.getMessage());
        Lpa4jException value = assertThrows(Lpa4jException.class, () -> AdaptedReadouts.withTemperatures(resNet(), new double[] {1, 0, 1}));
        assertTrue(value.getMessage().contains("positive and finite"), value.getMessage());
        Lpa4jException rank = assertThrows(Lpa4jException.class, () -> AdaptedReadouts.withAdapter(resNet(), WIDTH + 1));
        assertTrue(rank.getMessage().contains("0 (scale and shift only) up to the state's 3 channels"), rank.getMessage());
        Lpa4jException pooling = assertThrows(Lpa4jException.class, () -> AdaptedReadouts.withAdapter(new org.lpa4j.architectures.fnn.ResidualMlp(2, 5,
                2, 1, org.lpa4j.api.layers.Activation.TANH, false, DType.FLOAT32), 0, true));
        assertTrue(pooling.getMessage().contains("has no grid (its shape per example is [5]); leave the pooling off"), pooling.getMessage());
    }

    @Test
    void theFittedTemperatureUndoesAKnownSharpening() {
        // Labels drawn from softmax(z); the logits given are 3 z, so the temperature that fits them best is near 3.
        SplittableRandom random = new SplittableRandom(7);
        int n = 4000;
        int classes = 5;
        double[] logits = new double[n * classes];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double[] p = new double[classes];
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double z = random.nextGaussian();
                logits[i * classes + c] = 3 * z;
                p[c] = Math.exp(z);
                sum += p[c];
            }
            double u = random.nextDouble() * sum;
            int label = 0;
            while (label < classes - 1 && (u -= p[label]) > 0) {
                label++;
            }
            labels[i] = label;
        }
        HostTensor z = HostTensor.ofDoubles(Shape.of(n, classes), logits);
        HostTensor y = HostTensor.ofInts(Shape.of(n), labels);
        assertEquals(3, ReadoutTemperatures.fit(z, y), 0.25);
        double[] both = ReadoutTemperatures.fit(List.of(z, z), y);
        assertEquals(both[0], both[1], 0);
    }
}
