/**
 * The ONNX Runtime backend, inference only: forward programs are traced into ONNX models and run in ONNX Runtime
 * sessions on the CPU; gradients and training are refused with {@code UnsupportedCapabilityException}.
 */
package org.lpa4j.backend.onnxruntime;
