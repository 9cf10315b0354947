/** Tests of the training vocabulary's host-side records: per-depth gaps, spreads and multi-seed reports. */
package org.lpa4j.api.training;
