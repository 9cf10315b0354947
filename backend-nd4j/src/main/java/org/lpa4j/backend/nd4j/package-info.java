/**
 * The nd4j backend: ND4J SameDiff 1.0.0-M2.1 on the native CPU backend. Each compiled program traces its function once
 * into its own SameDiff graph: inputs become placeholders with a {@code -1} batch dimension, differentiated parameters
 * become SameDiff variables backed by the store's own arrays, and read-only parameters become placeholders fed with those
 * same arrays, so every program of a store shares one set of native parameter arrays. Gradients come from SameDiff's
 * gradient function (created once per program); optimizers update the arrays in place with ND4J ops.
 */
package org.lpa4j.backend.nd4j;
