package org.lpa4j.architectures.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.DType;

class TransformerTest {

    @Test
    void parametersAreStemBlocksAndOneSharedHead() {
        int v = 30;
        int t = 12;
        int d = 16;
        int depth = 3;
        int classes = 2;
        Transformer net = new Transformer(TransformerTask.CLASSIFICATION, v, t, d, depth, 4, classes);
        long count = net.parameters().stream().mapToLong(s -> s.shape().size()).sum();
        long perBlock = 2 * (2L * d) + 4 * ((long) d * d + d) + ((long) d * 4 * d + 4 * d) + (4L * d * d + d);
        assertEquals((long) v * d + (long) t * d + depth * perBlock + 2L * d + (long) d * classes + classes, count);
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
        assertEquals(DType.INT32, net.input().dtype());
        assertEquals(t, net.input().shape().dim(1));
    }

    @Test
    void badSizesAreClearErrors() {
        Lpa4jException heads = assertThrows(Lpa4jException.class, () -> new Transformer(TransformerTask.NEXT_TOKEN, 10, 8, 30, 2, 4, 10));
        assertEquals("Transformer: the width 30 must be divisible by the number of heads 4; choose a width that is a multiple of the heads.",
                heads.getMessage());
        assertThrows(Lpa4jException.class, () -> new Transformer(TransformerTask.NEXT_TOKEN, 10, 0, 32, 2, 4, 10));
    }
}
