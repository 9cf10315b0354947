/** Tests of tensors and shape rules. */
package org.lpa4j.api.tensor;
