/** The residual multilayer perceptron for function fitting. */
package org.lpa4j.architectures.fnn;
