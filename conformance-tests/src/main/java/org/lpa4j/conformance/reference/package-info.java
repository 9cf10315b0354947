/**
 * The suite's reference code, independent of every backend: the plain-Java result of each {@code Ops} operation
 * ({@link org.lpa4j.conformance.reference.ReferenceOps}), the table of op cases with their edge cases ({@link
 * org.lpa4j.conformance.reference.OpCases}, {@link org.lpa4j.conformance.reference.BatchCase}), central finite differences,
 * and the seeded fixtures. The suites in {@code org.lpa4j.conformance} check backends against these; nothing here
 * depends on a suite.
 */
package org.lpa4j.conformance.reference;
