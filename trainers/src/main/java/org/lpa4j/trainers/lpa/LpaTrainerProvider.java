package org.lpa4j.trainers.lpa;

import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainerOptions;
import org.lpa4j.api.training.TrainerProvider;

/**
 * The {@code lpa} trainer: {@link LpaTrainer} with options {@code form}, {@code weighting}, {@code distillation},
 * {@code distillationTemperature}, {@code gradientBalancing}, {@code uniformEpochs}, {@code layerDropout},
 * {@code labelSmoothing}, {@code weightDecay}, {@code distillationDepths}, {@code distillationReach}, {@code readoutAdapter},
 * {@code readoutRank}, {@code readoutPooling}, {@code temperatureCalibration} and {@code shallowFirstEpochs}, each at the trainer's default when not given.
 */
public final class LpaTrainerProvider implements TrainerProvider {

    @Override
    public String name() {
        return "lpa";
    }

    @Override
    public ProgressiveTrainer create(TrainerOptions options) {
        options.requireOnly(name(), "form", "weighting", "distillation", "distillationTemperature", "gradientBalancing", "uniformEpochs",
                "layerDropout", "labelSmoothing", "weightDecay", "distillationDepths", "distillationReach", "readoutAdapter",
                "readoutRank", "readoutPooling", "temperatureCalibration", "shallowFirstEpochs");
        return new LpaTrainer(options.getEnum("form", LpaForm.class, LpaTrainer.DEFAULT_FORM),
                options.getEnum("weighting", DepthWeighting.class, LpaTrainer.DEFAULT_WEIGHTING))
                .withDistillation(options.getDouble("distillation", 0))
                .withDistillationTemperature(options.getDouble("distillationTemperature", 1))
                .withGradientBalancing(options.getBoolean("gradientBalancing", false))
                .withUniformEpochs(options.getInt("uniformEpochs", 0))
                .withLayerDropout(options.getDouble("layerDropout", 0))
                .withLabelSmoothing(options.getDouble("labelSmoothing", 0))
                .withWeightDecay(options.getDouble("weightDecay", 0))
                .withDistillationDepths(options.getInt("distillationDepths", 0))
                .withDistillationReach(options.getEnum("distillationReach", DistillationReach.class, DistillationReach.ALL))
                .withReadoutAdapter(options.getBoolean("readoutAdapter", false))
                .withReadoutRank(options.getInt("readoutRank", 0))
                .withReadoutPooling(options.getBoolean("readoutPooling", false))
                .withTemperatureCalibration(options.getBoolean("temperatureCalibration", false))
                .withShallowFirstEpochs(options.getInt("shallowFirstEpochs", 0));
    }
}
