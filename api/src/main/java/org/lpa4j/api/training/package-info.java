/** Progressive training: residual targets, trainers and their registry, listeners, configuration and the per-depth curve. */
package org.lpa4j.api.training;
