/** The isotropic convolutional residual network for image classification, with one shared head at every depth. */
package org.lpa4j.architectures.resnet;
