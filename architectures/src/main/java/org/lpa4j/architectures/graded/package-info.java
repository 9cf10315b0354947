/**
 * The graded network of multigrade learning (architecture {@code graded}): grades of shallow MLPs, each reading the previous grade's last hidden layer, whose
 * outputs add up to the prediction after every grade.
 */
package org.lpa4j.architectures.graded;
