/**
 * Experiments as library calls: an {@link org.lpa4j.experiments.Experiment} (task, architecture, trainers by name, seeds,
 * backend, training configuration) that an {@link org.lpa4j.experiments.ExperimentRunner} runs into an
 * {@link org.lpa4j.experiments.ExperimentResult}: per seed a {@link org.lpa4j.experiments.DepthReport}, their
 * {@link org.lpa4j.experiments.SeedsReport summary}, and the trained models with their provenance, written as a whole.
 */
package org.lpa4j.experiments;
