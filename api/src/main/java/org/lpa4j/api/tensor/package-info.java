/** Tensor handles, host tensors, shapes, element types and the neutral shape rules every backend applies. */
package org.lpa4j.api.tensor;
