/**
 * The "N separate models" reference: one network trained end to end for each depth, the architecture truncated to that
 * many blocks, against which every depth of one LPA-trained network is measured.
 */
package org.lpa4j.trainers.separate;
