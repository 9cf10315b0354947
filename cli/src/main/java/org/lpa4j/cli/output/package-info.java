/** What a run shows and leaves behind: the progress bar, the per-depth table, report.json and the PNG plot. */
package org.lpa4j.cli.output;
