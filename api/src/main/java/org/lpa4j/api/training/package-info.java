/** Progressive training: residual targets, trainers, listeners, configuration and the per-depth report. */
package org.lpa4j.api.training;
