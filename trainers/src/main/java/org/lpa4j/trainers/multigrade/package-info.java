/**
 * Multigrade deep learning (MGDL): a stair network trained grade by grade, each new shallow grade fitting the residual
 * that the frozen earlier grades left, with the prediction after grade k the sum of the first k grade outputs.
 */
package org.lpa4j.trainers.multigrade;
