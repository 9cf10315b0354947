/** Tests of the multigrade trainer's schedules. */
package org.lpa4j.trainers.multigrade;
