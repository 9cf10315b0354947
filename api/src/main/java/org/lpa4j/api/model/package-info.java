/** Residual networks read out at every depth by one shared head, and trained progressive models. */
package org.lpa4j.api.model;
