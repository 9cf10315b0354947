package org.lpa4j.trainers.separate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.training.Checkpointing;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.trainers.e2e.E2ETrainer;

/**
 * The "N separate models" reference: for each chosen depth k, the network cut after k blocks and trained end to end
 * with the same settings, so that depth k of an LPA-trained network can be compared with a model built for depth k alone.
 * An experiment trains one model per network of {@link #networks}, the deepest shared with E2E when both run.
 */
public final class SeparateDepthsTrainer implements ProgressiveTrainer {
    /** The name of the reference's column in reports. */
    public static final String NAME = "separate";

    private final int[] depths;
    private final E2ETrainer endToEnd = new E2ETrainer();

    /** A reference of the given depths (each at least 1, in any order, no repeats); none given means every depth of the network. */
    public SeparateDepthsTrainer(int... depths) {
        this.depths = IntStream.of(depths).sorted().distinct().toArray();
        if (this.depths.length != depths.length || (this.depths.length > 0 && this.depths[0] < 1)) {
            throw new InvalidSettingException("depths", "The separate models' depths must be distinct and at least 1, but are " + Arrays.toString(depths) + ".");
        }
    }

    /** The depths trained for {@code network}: the chosen ones, or 1..depth when none were chosen; a depth beyond the network's is refused. */
    public int[] depthsFor(ResidualNetwork network) {
        if (depths.length == 0) {
            return IntStream.rangeClosed(1, network.depth()).toArray();
        }
        if (depths[depths.length - 1] > network.depth()) {
            throw new InvalidSettingException("depths", "A separate model of depth " + depths[depths.length - 1] + " was asked for, but the network has "
                    + network.depth() + " blocks; choose depths between 1 and " + network.depth() + ".");
        }
        return depths.clone();
    }

    /** Every run of this trainer writes and resumes checkpoints. */
    @Override
    public boolean writesCheckpoints() {
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The network cut after each depth of {@link #depthsFor}: one end-to-end model each. */
    @Override
    public List<ResidualNetwork> networks(ResidualNetwork network) {
        return IntStream.of(depthsFor(network)).mapToObj(k -> truncate(network, k)).toList();
    }

    /** Each model is trained end to end, as {@code e2e} trains. */
    @Override
    public String trainsLike() {
        return endToEnd.name();
    }

    /** The chosen depths, when some were chosen. */
    @Override
    public Map<String, Object> options() {
        return depths.length == 0 ? Map.of() : Map.of("depths", IntStream.of(depths).boxed().toList());
    }

    /** One end-to-end model of {@code network} (one of {@link #networks}), with {@code config}. */
    @Override
    public TrainingResult train(Backend backend, ResidualNetwork network, DataSplits data, TrainingConfig config, Metric metric,
                                List<TrainingListener> listeners) {
        return endToEnd.train(backend, network, data, config, metric, listeners);
    }

    /**
     * One end-to-end model of {@code network} with {@code checkpoints} (null: none); whoever trains several of
     * {@link #networks} gives each its own part, so a resumed training takes a finished
     * depth's model from its checkpoint and continues the depth it was training.
     */
    @Override
    public TrainingResult train(Backend backend, ResidualNetwork network, DataSplits data, TrainingConfig config, Metric metric,
                                List<TrainingListener> listeners, Checkpointing checkpoints) {
        return endToEnd.train(backend, network, data, config, metric, listeners, checkpoints);
    }

    /** {@code network} cut after its first {@code k} blocks (the same stem, blocks and head; a description, not weights). */
    public static ResidualNetwork truncate(ResidualNetwork network, int k) {
        return k == network.depth() ? network : new TruncatedNetwork(network, k);
    }
}
