/** Supervised data on the host, its splits, and the per-depth quality metrics. */
package org.lpa4j.api.data;
