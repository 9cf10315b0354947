package org.lpa4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.architectures.transformer.Transformer;
import org.lpa4j.architectures.transformer.TransformerTask;
import org.lpa4j.datasets.cache.DataCache;
import org.lpa4j.datasets.text.CharacterCorpus;
import org.lpa4j.datasets.text.CharacterLanguageModel;
import org.lpa4j.datasets.text.MobyDick;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;

/**
 * A program whose runs reuse each other's arrays gives every run the result it would give alone, and a Transformer
 * training with per-epoch validation holds about one run's live arrays, not every array a validation pass computes.
 */
class Nd4jStepArenaTest {
    /**
     * How far the process's resident memory may rise over a training once its first step has run. Measured with this
     * test (bound set to 0): an arena that held every array of a validation pass until the next one rose by 1765-1819
     * MiB; one that reuses an array as soon as no later op of the run reads it, by 375-403 MiB (the Java heap included).
     */
    private static final long MAX_RISE_BYTES = 800L << 20;
    /**
     * How far twenty runs of new batch sizes may raise resident memory. Measured with
     * {@link #runsOfEverNewBatchSizesDoNotKeepTheirArrays} (bound set to 0): an arena that kept every shape it had seen
     * rose by 620 MiB; one that keeps the last two runs' shapes by 156 MiB (the Java heap included).
     */
    private static final long MAX_NEW_SIZES_RISE_BYTES = 350L << 20;
    private static final int WIDE = 64;
    private static final int ROWS = 8000;
    private static final Dense LAYER = new Dense("layer", 4, 8);
    private static final LossFunction LOSS = (ops, p, in) -> ops.mseLoss(ops.tanh(LAYER.forward(ops, p, in.get(0))), in.get(1));
    private static final List<InputSpec> SPECS = List.of(InputSpec.batched("x", DType.FLOAT32, 4), InputSpec.batched("y", DType.FLOAT32, 8));

    @Test
    void runsThatReuseArraysGiveTheSameResultsAsTheFirstRun() {
        List<HostTensor> a = batch(1, 5);
        List<HostTensor> b = batch(2, 5);
        try (Backend backend = new Nd4jBackendProvider().create();
                VariableStore store = backend.createVariables(ParameterSet.initialize(LAYER.parameters(), 3, DType.FLOAT32));
                CompiledGradient gradient = store.compileGradient(SPECS, LOSS, store.names())) {
            GradientResult first = gradient.run(a);
            GradientResult other = gradient.run(b);
            GradientResult otherBatchSize = gradient.run(batch(3, 2));
            GradientResult again = gradient.run(a);
            assertNotEquals(first.loss(), other.loss(), "the two batches must give different losses for the test to mean anything");
            assertNotEquals(first.loss(), otherBatchSize.loss());
            assertEquals(first.loss(), again.loss());
            for (String name : store.names()) {
                assertArrayEquals(first.gradients().get(name).toFloatArray(), again.gradients().get(name).toFloatArray(), name);
            }
        }
    }

    private static List<HostTensor> batch(long seed, int n) {
        return randomBatch(seed, n, 4, 8);
    }

    /** Inputs {@code [n, xWidth]} and targets {@code [n, yWidth]} drawn uniformly from [-1, 1) with seed {@code seed}. */
    private static List<HostTensor> randomBatch(long seed, int n, int xWidth, int yWidth) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * xWidth];
        float[] y = new float[n * yWidth];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) r.nextDouble(-1, 1);
        }
        return List.of(HostTensor.ofFloats(Shape.of(n, xWidth), x), HostTensor.ofFloats(Shape.of(n, yWidth), y));
    }

    @Test
    void aTransformerTrainingHoldsBoundedResidentMemoryThroughValidation(TestReporter reporter) {
        int context = 32;
        // Few training windows (two steps an epoch) but many validation windows: one validation pass computes almost 2 GB of
        // arrays, of which only a few are alive at any time.
        CharacterLanguageModel lm = CharacterCorpus.split(MobyDick.NAME, MobyDick.text(DataCache.locate()), context, 128, 1024, 5);
        int v = lm.vocabulary().size();
        Transformer net = new Transformer(TransformerTask.NEXT_TOKEN, v, context, 32, 3, 2, v);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(2).withBatchSize(64).withLearningRate(1e-3).withSeed(5);
        ResidentMemory memory = new ResidentMemory();
        try (Backend backend = new Nd4jBackendProvider().create();
                TrainingResult r = new LpaTrainer(LpaForm.JOINT, DepthWeighting.UNIFORM).train(backend, net, lm.splits(), config,
                        Metric.BITS_PER_CHARACTER, List.of(memory))) {
            memory.sample();
            assertTrue(Double.isFinite(r.test().at(net.depth())), "the training must have run to a finite test loss");
        }
        reporter.publishEntry("resident memory after the first step, highest later (MiB)", (memory.first >> 20) + ", " + (memory.highest >> 20));
        assertTrue(memory.highest - memory.first <= MAX_RISE_BYTES, "A Transformer training's resident memory rose by "
                + ((memory.highest - memory.first) >> 20) + " MiB after its first step (at most " + (MAX_RISE_BYTES >> 20)
                + " MiB allowed): a run's arrays are held after the run no longer needs them.");
    }

    @Test
    void runsOfEverNewBatchSizesDoNotKeepTheirArrays() {
        // Each batch size's run computes a few dozen MiB of arrays of its own shapes (8,000 rows of 64 floats are 2 MiB); an
        // arena that kept every shape it had seen would hold them all, one that keeps the last two runs' shapes two sets.
        Dense wide = new Dense("wide", WIDE, WIDE);
        LossFunction loss = (ops, p, in) -> ops.mseLoss(ops.tanh(wide.forward(ops, p, in.get(0))), in.get(1));
        List<InputSpec> specs = List.of(InputSpec.batched("x", DType.FLOAT32, WIDE), InputSpec.batched("y", DType.FLOAT32, WIDE));
        try (Backend backend = new Nd4jBackendProvider().create();
                VariableStore store = backend.createVariables(ParameterSet.initialize(wide.parameters(), 3, DType.FLOAT32));
                CompiledGradient gradient = store.compileGradient(specs, loss, store.names())) {
            // Ever smaller batches, so that memory the arena frees can serve the next size: what remains is what it keeps.
            gradient.run(randomBatch(1, ROWS, WIDE, WIDE));
            gradient.run(randomBatch(2, ROWS - 1, WIDE, WIDE));
            long first = Pointer.physicalBytes();
            for (int n = ROWS - 2; n > ROWS - 22; n--) {
                gradient.run(randomBatch(n, n, WIDE, WIDE));
            }
            long rise = Pointer.physicalBytes() - first;
            assertTrue(rise <= MAX_NEW_SIZES_RISE_BYTES, "Twenty runs of new batch sizes raised resident memory by " + (rise >> 20)
                    + " MiB (at most " + (MAX_NEW_SIZES_RISE_BYTES >> 20) + " MiB allowed): the arena keeps the arrays of shapes no"
                    + " recent run asked for.");
        }
    }

    /** The process's resident memory after the first training step, and the highest seen at any later batch or epoch. */
    private static final class ResidentMemory implements TrainingListener {
        private long first = -1;
        private long highest = -1;

        @Override
        public void onBatch(String trainer, int epoch, int batch, double loss) {
            sample();
        }

        @Override
        public void onEpoch(String trainer, int epoch, double meanLoss, double[] validationPerDepth) {
            sample();
        }

        void sample() {
            long now = Pointer.physicalBytes();
            if (first < 0) {
                first = now;
            }
            highest = Math.max(highest, now);
        }
    }
}
