package org.lpa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.architectures.transformer.Transformer;
import org.lpa4j.architectures.transformer.TransformerTask;
import org.lpa4j.datasets.cache.DataCache;
import org.lpa4j.datasets.text.CharacterLanguageModel;
import org.lpa4j.datasets.text.MobyDick;
import org.lpa4j.trainers.lpa.LpaTrainer;

/**
 * Text on this backend: a tiny causal {@link Transformer} trained with LPA on a slice of Moby Dick has a test loss
 * (bits per character) that does not rise with depth (within {@link #MONOTONE_TOLERANCE}) and beats the uniform guess
 * at the last depth; its causal mask holds: changing a later token never changes an earlier position's output; and it
 * has the residual structure ({@link ResidualStructure}). Override {@link #network(int)}, {@link #data()},
 * {@link #config()} or {@link #lpaTrainer()} to check your own.
 */
public class TextConformance extends BackendConformance {
    /** b_l <= (1 + tol) b_{l-1}: a depth may be at most 2% worse than the one before (mini-batch noise). */
    public static final double MONOTONE_TOLERANCE = 0.02;
    /** The last depth must beat {@code log2(V)} bits, the uniform guess over the vocabulary, by at least this much. */
    public static final double MIN_GAIN_OVER_UNIFORM_BITS = 1.0;
    /** Earlier positions' logits may differ by at most this when a later token changes (FLOAT32 round-off only). */
    public static final double CAUSAL_TOLERANCE = 1e-5;

    private static final int CONTEXT = 16;
    private static final int WIDTH = 32;
    private static final int HEADS = 2;
    private static final int DEPTH = 3;
    private static final int EXAMPLES = 384;
    private static final long SEED = 11;

    /**
     * The architecture under test for a vocabulary of {@code vocabulary} characters: it reads {@code [batch, context]}
     * token ids and gives {@code [batch, context, vocabulary]} logits. By default a causal Transformer of width 32, 2
     * heads and 3 blocks over a context of 16.
     */
    protected ResidualNetwork network(int vocabulary) {
        return new Transformer(TransformerTask.NEXT_TOKEN, vocabulary, CONTEXT, WIDTH, DEPTH, HEADS, vocabulary);
    }

    /** The data: by default 384 windows of 16 characters drawn from Moby Dick in the data cache. */
    protected CharacterLanguageModel data() {
        return MobyDick.load(DataCache.locate(), CONTEXT, EXAMPLES, SEED);
    }

    /** The training setup: by default {@link #epochs()} epochs, batch 32, learning rate 1e-2, seed 11. */
    protected TrainingConfig config() {
        return TrainingConfig.defaults().withEpochs(epochs()).withBatchSize(32).withLearningRate(1e-2).withSeed(SEED);
    }

    /** The LPA trainer under test: by default the library's default, {@code new LpaTrainer()} (uniform weights for cross-entropy). */
    protected ProgressiveTrainer lpaTrainer() {
        return new LpaTrainer();
    }

    @Test
    void required_network_readoutLDependsOnExactlyBlocks1ToL_throughResidualConnections() {
        ResidualStructure.check(backend(), network(29), config().seed());
    }

    @Test
    void required_lpa_bitsPerCharacterDoNotRiseWithDepth(TestReporter reporter) {
        CharacterLanguageModel lm = data();
        int v = lm.vocabulary().size();
        DepthCurve bits;
        try (TrainingResult r = lpaTrainer().train(backend(), network(v), lm.splits(), config(), Metric.BITS_PER_CHARACTER, List.of())) {
            bits = r.test();
        }
        reporter.publishEntry("lpa bits per character by depth", Arrays.toString(bits.values()));
        for (int l = 2; l <= bits.depth(); l++) {
            assertTrue(bits.at(l) <= (1 + MONOTONE_TOLERANCE) * bits.at(l - 1), "LPA's test bits per character rose from depth " + (l - 1)
                    + " to " + l + " by more than " + MONOTONE_TOLERANCE + ": " + Arrays.toString(bits.values()));
        }
        double uniform = Math.log(v) / Math.log(2);
        assertTrue(bits.at(bits.depth()) <= uniform - MIN_GAIN_OVER_UNIFORM_BITS, "LPA's last depth should beat the uniform guess of "
                + uniform + " bits by " + MIN_GAIN_OVER_UNIFORM_BITS + ": " + Arrays.toString(bits.values()));
    }

    /** Training epochs of the monotonicity check; a slow backend may not lower it below what makes the check meaningful. */
    protected int epochs() {
        return 4;
    }

    @Test
    void required_causalMask_laterTokensNeverChangeEarlierOutputs() {
        int vocabulary = 29;
        ResidualNetwork net = network(vocabulary);
        int context = net.input().shape().dim(1);
        int depth = net.depth();
        int changedFrom = context / 2;
        int[] a = new int[2 * context];
        for (int t = 0; t < context; t++) {
            a[t] = (7 * t + 3) % vocabulary;
            a[context + t] = t < changedFrom ? a[t] : (a[t] + 1 + t) % vocabulary;
        }
        HostTensor tokens = HostTensor.ofInts(Shape.of(2, context), a);
        try (VariableStore store = backend().createVariables(ParameterSet.initialize(net.parameters(), SEED, DType.FLOAT32));
             CompiledForward forward = store.compileForward(List.of(net.input()), (ops, p, in) -> net.readouts(ops, p, in.get(0), depth, false))) {
            List<HostTensor> readouts = forward.run(List.of(tokens));
            assertEquals(depth, readouts.size());
            for (int k = 1; k <= depth; k++) {
                float[] logits = readouts.get(k - 1).toFloatArray();
                assertEquals(2 * context * vocabulary, logits.length, "depth " + k + " gives logits [2, T, V]");
                int row = context * vocabulary;
                double before = 0;
                for (int i = 0; i < changedFrom * vocabulary; i++) {
                    before = Math.max(before, Math.abs(logits[i] - logits[row + i]));
                }
                assertTrue(before <= CAUSAL_TOLERANCE, "depth " + k + ": positions before " + changedFrom + " changed by " + before
                        + " when only later tokens changed; the causal mask leaks");
                double after = 0;
                for (int i = changedFrom * vocabulary; i < row; i++) {
                    after = Math.max(after, Math.abs(logits[i] - logits[row + i]));
                }
                assertTrue(after > 100 * CAUSAL_TOLERANCE, "depth " + k + ": the changed positions should change the output, but moved only "
                        + after);
            }
        }
    }
}
