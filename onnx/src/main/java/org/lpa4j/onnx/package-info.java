/**
 * ONNX export by tracing: {@link org.lpa4j.onnx.OnnxTrace} records any trace-compatible function as an ONNX model
 * (opset 17, IR 8, weights as initializers, a symbolic batch dimension), and {@link org.lpa4j.onnx.OnnxExport} writes a
 * saved model as one file per depth and the stem, block and head pieces an early-exit server chains.
 */
package org.lpa4j.onnx;
