/**
 * The file formats and printing of the commands that use a saved model: {@code evaluate}'s table, JSON record and cost
 * plot (the figures themselves are computed by the library's {@code org.lpa4j.api.inference.ModelEvaluation}),
 * {@code predict}'s inputs read from files and its CSV, and {@code generate}'s text lines (the tokens are sampled by the
 * library's {@code org.lpa4j.api.inference.TokenSampler}).
 */
package org.lpa4j.cli.inference;
