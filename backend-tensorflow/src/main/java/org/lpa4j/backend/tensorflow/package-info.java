/**
 * The TensorFlow backend of lpa4j: TensorFlow Java 1.1.0 (TensorFlow 2.18) in graph mode. A variable store is one
 * graph and one session; functions are traced into it once per compiled program, gradients come from
 * {@code Graph.addGradients}, and optimizers are fused TensorFlow resource kernels fed so that they follow the
 * neutral formulas exactly. Entry point: {@link org.lpa4j.backend.tensorflow.TensorFlowBackendProvider}.
 */
package org.lpa4j.backend.tensorflow;
