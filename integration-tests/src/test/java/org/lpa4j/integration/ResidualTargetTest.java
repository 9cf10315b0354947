package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.training.ResidualTarget;

/** Residual targets: the host losses (used for per-depth validation losses) equal the engine's. */
class ResidualTargetTest {

    @Test
    void hostLossesEqualTheEngines() {
        try (Backend b = Backends.open("djl"); VariableStore store = b.createVariables(ParameterSet.of(java.util.Map.of()))) {
            HostTensor y = HostTensor.ofDoubles(Shape.of(2, 1), 1.0, -2.0);
            HostTensor prev = HostTensor.ofDoubles(Shape.of(2, 1), 0.25, 0.5);
            HostTensor labels = HostTensor.ofInts(Shape.of(1), 2);
            HostTensor logits = HostTensor.ofDoubles(Shape.of(1, 3), 0, Math.log(2), Math.log(5));
            try (CompiledForward f = store.compileForward(List.of(InputSpec.batched("y", DType.INT32), InputSpec.batched("z", DType.FLOAT64, 3)),
                    (ops, p, in) -> List.of(ResidualTarget.crossEntropy().loss(ops, in.get(1), in.get(0))))) {
                assertEquals(f.run(List.of(labels, logits)).get(0).scalarValue(), ResidualTarget.crossEntropy().hostLoss(logits, labels), 1e-12);
            }
            try (CompiledForward f = store.compileForward(List.of(InputSpec.batched("y", DType.FLOAT64, 1), InputSpec.batched("p", DType.FLOAT64, 1)),
                    (ops, p, in) -> List.of(ResidualTarget.meanSquaredError().loss(ops, in.get(1), in.get(0))))) {
                assertEquals(f.run(List.of(y, prev)).get(0).scalarValue(), ResidualTarget.meanSquaredError().hostLoss(prev, y), 1e-12);
            }
        }
    }
}
