/**
 * Sweeps as Spark jobs: a {@link org.lpa4j.sweep.Grid} of settings becomes a {@link org.lpa4j.sweep.Sweep} of cells,
 * each one experiment of one seed; a {@link org.lpa4j.sweep.SweepRunner} runs them as Spark tasks (embedded in
 * {@code local[N]}, or on a cluster), each cell's folder written as a whole into a {@link org.lpa4j.sweep.SweepStore} (a
 * local path, or any Hadoop file system), and gathers their reports into a {@link org.lpa4j.sweep.SweepResult} of mean
 * and spread per setting and depth. The only package with Spark.
 */
package org.lpa4j.sweep;
