/**
 * Multigrade deep learning (MGDL): a network of grades ({@link org.lpa4j.api.model.GradedNetwork}, e.g. the graded
 * network) trained grade by grade, each new shallow grade fitting the residual that the frozen earlier grades left,
 * with the prediction after grade k the sum of the first k grade outputs.
 */
package org.lpa4j.trainers.multigrade;
