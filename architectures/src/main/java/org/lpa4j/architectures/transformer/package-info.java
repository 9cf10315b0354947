/** The pre-norm Transformer over token ids, for next-token prediction and for sequence classification. */
package org.lpa4j.architectures.transformer;
