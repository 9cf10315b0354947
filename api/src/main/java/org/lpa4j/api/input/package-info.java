/**
 * How a raw input becomes a network input: an {@link org.lpa4j.api.input.InputPreprocessing} is recorded by a task as
 * it prepares its training data, saved with a model and applied to new raw inputs ({@link org.lpa4j.api.input.RawImages},
 * texts split by {@link org.lpa4j.api.input.WordTokenizer}, rows of features), so a saved model reads its task's raw form.
 */
package org.lpa4j.api.input;
