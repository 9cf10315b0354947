/** The differentiable operations: a small set of primitives every backend implements, and composites built on them. */
package org.lpa4j.api.ops;
