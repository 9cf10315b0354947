/** Tests of the multigrade trainer's host-side pieces: grade specs, the learning-rate decay and the stair network's shape. */
package org.lpa4j.trainers.multigrade;
