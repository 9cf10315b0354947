package org.lpa4j.trainers.separate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.training.Checkpointing;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.trainers.e2e.E2ETrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "N separate models" reference: for each chosen depth k, the network cut after k blocks and trained end to end
 * with the same settings, so that depth k of an LPA-trained network can be compared with a model built for depth k alone.
 */
public final class SeparateDepthsTrainer {
    /** The name of the reference's column in reports. */
    public static final String NAME = "separate";
    private static final Logger LOG = LoggerFactory.getLogger(SeparateDepthsTrainer.class);

    private final int[] depths;
    private final E2ETrainer endToEnd = new E2ETrainer();

    /** A reference of the given depths (each at least 1, in any order, no repeats); none given means every depth of the network. */
    public SeparateDepthsTrainer(int... depths) {
        this.depths = IntStream.of(depths).sorted().distinct().toArray();
        if (this.depths.length != depths.length || (this.depths.length > 0 && this.depths[0] < 1)) {
            throw new Lpa4jException("The separate models' depths must be distinct and at least 1, but are " + Arrays.toString(depths) + ".");
        }
    }

    /** The depths trained for {@code network}: the chosen ones, or 1..depth when none were chosen; a depth beyond the network's is refused. */
    public int[] depthsFor(ResidualNetwork network) {
        if (depths.length == 0) {
            return IntStream.rangeClosed(1, network.depth()).toArray();
        }
        if (depths[depths.length - 1] > network.depth()) {
            throw new Lpa4jException("A separate model of depth " + depths[depths.length - 1] + " was asked for, but the network has "
                    + network.depth() + " blocks; choose depths between 1 and " + network.depth() + ".");
        }
        return depths.clone();
    }

    /** {@code network} cut after its first {@code k} blocks (the same stem, blocks and head; a description, not weights). */
    public static ResidualNetwork truncate(ResidualNetwork network, int k) {
        return k == network.depth() ? network : new TruncatedNetwork(network, k);
    }

    /**
     * Trains one end-to-end model per depth of {@link #depthsFor}, each from its own seeded initialisation with
     * {@code config}; the caller closes the returned models.
     */
    public SeparateModels train(Backend backend, ResidualNetwork network, DataSplits data, TrainingConfig config, Metric metric,
                                List<TrainingListener> listeners) {
        return train(backend, network, data, config, metric, listeners, null);
    }

    /**
     * {@link #train(Backend, ResidualNetwork, DataSplits, TrainingConfig, Metric, List)} with {@code checkpoints} (null:
     * none), one part per depth ({@code depth-k}): a resumed training takes a finished depth's model from its checkpoint
     * and continues the depth it was training.
     */
    public SeparateModels train(Backend backend, ResidualNetwork network, DataSplits data, TrainingConfig config, Metric metric,
                                List<TrainingListener> listeners, Checkpointing checkpoints) {
        Objects.requireNonNull(network, "network is null");
        List<TrainingResult> results = new ArrayList<>();
        try {
            for (int k : depthsFor(network)) {
                LOG.info("separate end-to-end model of depth {} of {}", k, network.depth());
                results.add(endToEnd.train(backend, truncate(network, k), data, config, metric, listeners,
                        checkpoints == null ? null : checkpoints.part("depth-" + k).resumingIfStored()));
            }
        } catch (RuntimeException e) {
            results.forEach(TrainingResult::close);
            throw e;
        }
        return new SeparateModels(network.depth(), results);
    }

    /**
     * The reference as one column of a per-depth report: at depth k the deepest test metric of the model trained for k,
     * NaN at depths no model was trained for; its time and epochs are the models' total and most.
     */
    public static DepthCurve column(int networkDepth, List<DepthCurve> separateCurves) {
        double[] values = new double[networkDepth];
        Arrays.fill(values, Double.NaN);
        double seconds = 0;
        int epochs = 0;
        for (DepthCurve c : separateCurves) {
            values[c.depth() - 1] = c.at(c.depth());
            seconds += c.wallSeconds();
            epochs = Math.max(epochs, c.epochsRun());
        }
        return new DepthCurve(NAME, values, seconds, epochs);
    }
}
