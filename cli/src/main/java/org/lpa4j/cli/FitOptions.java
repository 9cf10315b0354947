package org.lpa4j.cli;

import java.nio.file.Path;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.LearningRateSchedule;
import org.lpa4j.architectures.fnn.Activation;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;

/** Everything one {@code fit} run needs, validated by {@link FitRunner}. */
record FitOptions(String task, String arch, int depth, int width, String trainer, String backend, int epochs, long seed,
                  Path out, double learningRate, int batchSize, int examples, LpaForm form, DepthWeighting weighting,
                  Activation activation, DType dtype, LearningRateSchedule schedule, int patience) {
}
