/** Tests of the separate models' reference: cutting a network, choosing depths, the reference column. */
package org.lpa4j.trainers.separate;
