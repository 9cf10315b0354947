package org.lpa4j.cli;

import java.nio.file.Path;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.LearningRateSchedule;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;

/**
 * Everything one {@code fit} run needs, validated by {@link FitRunner}. The saved models it writes record what they
 * need to be rebuilt themselves (their manifests), so these options are not written anywhere.
 *
 * @param examples generated examples (surfaces)
 * @param limit    at most this many training examples of a fetched data set; 0 = all
 * @param heads    attention heads (transformer)
 * @param context  tokens per example (text tasks)
 * @param gradeTolerance with {@code --trainer mgdl}: add grades only while the validation error improves and is above
 *                 this; null trains every grade
 * @param overwrite whether an existing {@code out} folder is replaced as a whole (otherwise it is kept and the run refused)
 */
record FitOptions(String task, String arch, int depth, int width, String trainer, String backend, int epochs, long seed,
                  Path out, double learningRate, int batchSize, int examples, LpaForm form, DepthWeighting weighting,
                  Activation activation, DType dtype, LearningRateSchedule schedule, int patience, int limit, int heads,
                  int context, Double gradeTolerance, boolean overwrite) {
}
