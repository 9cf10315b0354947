/** Deterministic, seeded surface-fitting tasks on {@code [0,1]^d}. */
package org.lpa4j.datasets.surfaces;
