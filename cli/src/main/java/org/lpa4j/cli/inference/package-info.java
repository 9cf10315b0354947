/**
 * What the commands that use a saved model compute and print: {@code evaluate} (per-depth quality, cost and latency,
 * and the calibrated exit policy with its measured speedup), {@code predict} (new inputs read from files, one
 * prediction and exit depth per row) and {@code generate} (text sampled from one readout).
 */
package org.lpa4j.cli.inference;
