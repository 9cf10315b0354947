package org.lpa4j.architectures.resnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.DType;

class ResNetTest {

    @Test
    void parametersAreAPatchStemTwoConvolutionsPerBlockAndOneSharedHead() {
        int c = 1;
        int w = 12;
        int depth = 3;
        int classes = 10;
        int p = 4;
        ResNet net = new ResNet(c, 28, 28, w, depth, classes, p, DType.FLOAT32);
        long k = ResNet.BLOCK_KERNEL;
        long perBlock = 2 * ((long) w * w * k * k + w);
        long expected = (long) w * c * p * p + w + depth * perBlock + (long) w * classes + classes;
        assertEquals(expected, net.parameters().stream().mapToLong(s -> s.shape().size()).sum());
        Set<String> seen = new HashSet<>();
        for (int l = 1; l <= depth; l++) {
            for (String name : net.blockParameters(l)) {
                assertTrue(name.startsWith("block" + l + "."), name);
                assertTrue(seen.add(name), "block parameters are disjoint: " + name);
            }
        }
        Set<String> all = new HashSet<>();
        net.parameters().stream().map(ParameterSpec::name).forEach(all::add);
        assertTrue(all.containsAll(seen));
        assertEquals(4, net.input().shape().rank(), "NCHW input");
        assertEquals(28, net.input().shape().dim(3));
    }

    @Test
    void defaultPatchLeavesAGridOfAtLeastFour() {
        assertEquals(4, ResNet.defaultPatch(28, 28));
        assertEquals(2, ResNet.defaultPatch(8, 8));
        assertEquals(1, ResNet.defaultPatch(7, 7));
        assertEquals(3, ResNet.defaultPatch(30, 27));
    }

    @Test
    void badSizesGetASentence() {
        Lpa4jException patch = assertThrows(Lpa4jException.class, () -> new ResNet(1, 28, 28, 8, 2, 10, 5, DType.FLOAT32));
        assertEquals("ResNet: the stem's patch size 5 must divide the image size 28x28; choose a patch size that divides both sides.",
                patch.getMessage());
        assertTrue(assertThrows(Lpa4jException.class, () -> new ResNet(1, 8, 8, 0, 2, 10, 2, DType.FLOAT32)).getMessage()
                .contains("width must be positive but is 0"));
        assertTrue(assertThrows(Lpa4jException.class, () -> new ResNet(1, 8, 8, 8, 2, 10, 2, DType.INT32)).getMessage()
                .contains("FLOAT32 or FLOAT64"));
        ResNet net = new ResNet(1, 8, 8, 8, 2, 10, 2, DType.FLOAT32);
        assertTrue(assertThrows(Lpa4jException.class, () -> net.blockParameters(3)).getMessage().contains("blocks are numbered 1..2"));
    }
}
