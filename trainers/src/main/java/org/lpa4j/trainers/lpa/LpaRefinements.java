package org.lpa4j.trainers.lpa;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.InvalidSettingException;

/**
 * The LPA options that shape each depth's loss beyond its weight: label smoothing, an L2 weight penalty, and where
 * self-distillation applies (the shallow depths only, the head or the trunk only). All off in {@link #NONE}.
 *
 * @param labelSmoothing    the share of a classifier's target moved to the uniform distribution, in [0, 1)
 * @param weightDecay       the L2 penalty {@code decay / 2 * sum ||W||^2} on parameters of rank 2 or more, 0 or positive
 * @param distillationDepths the depths {@code 1..n} that mix in the teacher; 0 means every depth but the last
 * @param distillationReach which parameters the teacher term trains
 * @param readoutAdapter    whether each depth's state passes its own scale and shift before the shared head
 * @param readoutRank       the rank of each depth's map over the channels that the adapter adds (0: scale and shift only)
 * @param readoutPooling    whether the adapter also gives each depth a weight per position of an image state's grid (its own pooling)
 * @param temperatureCalibration whether a classifier's every depth gets a temperature fitted on the validation split after training
 * @param shallowFirstEpochs the first epochs whose depth weights decrease with depth ({@link DepthWeighting#DECREASING}), 0 or positive
 */
public record LpaRefinements(double labelSmoothing, double weightDecay, int distillationDepths, DistillationReach distillationReach,
                             boolean readoutAdapter, int readoutRank, boolean readoutPooling, boolean temperatureCalibration,
                             int shallowFirstEpochs) {
    /** Every refinement off. */
    public static final LpaRefinements NONE = new LpaRefinements(0, 0, 0, DistillationReach.ALL, false, 0, false, false, 0);

    public LpaRefinements {
        Objects.requireNonNull(distillationReach, "distillationReach is null");
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new InvalidSettingException("labelSmoothing", "Label smoothing must be at least 0 and below 1 (the share of the target"
                    + " moved to the uniform distribution over the classes), but is " + labelSmoothing + ".");
        }
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new InvalidSettingException("weightDecay", "The weight decay must be 0 or positive and finite (e.g. 1e-4), but is " + weightDecay + ".");
        }
        if (readoutRank < 0) {
            throw new InvalidSettingException("readoutRank", "The rank of the per-depth readout map must be 0 (scale and shift only) or"
                    + " positive, but is " + readoutRank + ".");
        }
        if (shallowFirstEpochs < 0) {
            throw new InvalidSettingException("shallowFirstEpochs", "The number of epochs with weights decreasing with depth must be 0 or"
                    + " positive, but is " + shallowFirstEpochs + ".");
        }
        if (distillationDepths < 0) {
            throw new InvalidSettingException("distillationDepths", "The number of shallow depths that distillation applies to must be 0 (every"
                    + " depth but the last) or positive, but is " + distillationDepths + ".");
        }
    }

    LpaRefinements withLabelSmoothing(double eps) {
        return new LpaRefinements(eps, weightDecay, distillationDepths, distillationReach, readoutAdapter, readoutRank, readoutPooling, temperatureCalibration, shallowFirstEpochs);
    }

    LpaRefinements withWeightDecay(double decay) {
        return new LpaRefinements(labelSmoothing, decay, distillationDepths, distillationReach, readoutAdapter, readoutRank, readoutPooling, temperatureCalibration, shallowFirstEpochs);
    }

    LpaRefinements withDistillationDepths(int depths) {
        return new LpaRefinements(labelSmoothing, weightDecay, depths, distillationReach, readoutAdapter, readoutRank, readoutPooling, temperatureCalibration, shallowFirstEpochs);
    }

    LpaRefinements withDistillationReach(DistillationReach reach) {
        return new LpaRefinements(labelSmoothing, weightDecay, distillationDepths, reach, readoutAdapter, readoutRank, readoutPooling, temperatureCalibration, shallowFirstEpochs);
    }

    LpaRefinements withReadoutAdapter(boolean on) {
        return new LpaRefinements(labelSmoothing, weightDecay, distillationDepths, distillationReach, on, readoutRank, readoutPooling, temperatureCalibration, shallowFirstEpochs);
    }

    LpaRefinements withReadoutRank(int rank) {
        return new LpaRefinements(labelSmoothing, weightDecay, distillationDepths, distillationReach, readoutAdapter, rank, readoutPooling, temperatureCalibration, shallowFirstEpochs);
    }

    LpaRefinements withReadoutPooling(boolean on) {
        return new LpaRefinements(labelSmoothing, weightDecay, distillationDepths, distillationReach, readoutAdapter, readoutRank, on, temperatureCalibration, shallowFirstEpochs);
    }

    LpaRefinements withTemperatureCalibration(boolean on) {
        return new LpaRefinements(labelSmoothing, weightDecay, distillationDepths, distillationReach, readoutAdapter, readoutRank, readoutPooling, on, shallowFirstEpochs);
    }

    LpaRefinements withShallowFirstEpochs(int epochs) {
        return new LpaRefinements(labelSmoothing, weightDecay, distillationDepths, distillationReach, readoutAdapter, readoutRank, readoutPooling,
                temperatureCalibration, epochs);
    }

    /** The depths of a network of {@code depth} blocks whose loss mixes in the teacher: {@code 1..n}, never the last. */
    int distilledDepths(int depth) {
        return distillationDepths == 0 ? depth - 1 : Math.min(distillationDepths, depth - 1);
    }

    /** Each value by the name of its {@code LpaTrainer.with...} method without the prefix. */
    Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("labelSmoothing", labelSmoothing);
        options.put("weightDecay", weightDecay);
        options.put("distillationDepths", distillationDepths);
        options.put("distillationReach", distillationReach.name());
        options.put("readoutAdapter", readoutAdapter);
        options.put("readoutRank", readoutRank);
        options.put("readoutPooling", readoutPooling);
        options.put("temperatureCalibration", temperatureCalibration);
        options.put("shallowFirstEpochs", shallowFirstEpochs);
        return options;
    }
}
