/** Tasks as train/validation/test splits: surfaces generated in code, and (later) real data fetched into a cache. */
package org.lpa4j.datasets;
