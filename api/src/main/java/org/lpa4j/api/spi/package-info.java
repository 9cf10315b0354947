/**
 * The service-provider side of the api: the base every backend extends, so that the checks that are not about an
 * engine (liveness, ownership, shapes, argument validation, locking, life cycle) are written once and every backend
 * fails with the same sentences. A backend keeps only what talks to its engine:
 * <ul>
 *   <li>{@link org.lpa4j.api.spi.AbstractBackend}: {@code newStore} and releasing the engine;</li>
 *   <li>{@link org.lpa4j.api.spi.AbstractVariableStore}: copying values in and out, and the three program factories;</li>
 *   <li>{@link org.lpa4j.api.spi.AbstractCompiledForward}, {@link org.lpa4j.api.spi.AbstractCompiledGradient},
 *       {@link org.lpa4j.api.spi.AbstractCompiledTrainStep}: {@code execute} on checked inputs under the store's lock;</li>
 *   <li>{@link org.lpa4j.api.spi.AbstractOps}: one {@code ...Node} hook per primitive, on operands already checked,
 *       with the output shape inferred; its tensors are {@link org.lpa4j.api.spi.BackendTensor}s and its parameters a
 *       {@link org.lpa4j.api.spi.TraceParameters}.</li>
 * </ul>
 * The conformance suite's {@code MisuseConformance} asserts the shared sentences word for word on every backend.
 *
 * <h2>How to add a primitive op</h2>
 * An element-wise op of one floating operand (say {@code cos}) touches these files, and the compiler finds the
 * backends for you:
 * <ol>
 *   <li>{@code api/.../ops/Ops.java}: the abstract method and its exact semantics;</li>
 *   <li>{@code api/.../spi/AbstractOps.java}: a constant in {@link org.lpa4j.api.spi.AbstractOps.Unary} and the final
 *       method ({@code return unary(Unary.COS, x);});</li>
 *   <li>{@code backend-nd4j/.../Nd4jOps.java}, {@code backend-djl/.../DjlOps.java},
 *       {@code backend-tensorflow/.../TensorFlowOps.java}: one case of {@code unaryNode}'s switch (a switch expression
 *       without {@code default}, so a backend without the case does not compile);</li>
 *   <li>{@code conformance-tests/.../OpCases.java} (values and finite-difference gradients),
 *       {@code ReferenceOps.java} (the plain-Java reference) and {@code PrimitiveOnlyOps.java} (which forwards the
 *       primitives).</li>
 * </ol>
 * A binary element-wise op, a reduction or a pooling is the same with {@code Elementwise}, {@code Reduction} or
 * {@code Pooling}. An op of a new kind needs its shape rule in {@code api/.../tensor/ShapeInference.java} and a new
 * abstract {@code ...Node} hook in {@code AbstractOps} instead of the enum constant. A composite (written on the
 * primitives) is a default method of {@code Ops} only; a backend MAY override it with a native op of identical
 * semantics through {@code AbstractOps.sameShape} or {@code sameShapeFloating}, which keep the checks.
 */
package org.lpa4j.api.spi;
