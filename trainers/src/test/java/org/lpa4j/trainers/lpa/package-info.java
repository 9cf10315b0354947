/** Tests of the LPA trainer's host-side logic. */
package org.lpa4j.trainers.lpa;
