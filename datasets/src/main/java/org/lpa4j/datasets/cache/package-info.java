/** Where fetched data sets live: the ignored cache that {@code scripts/fetch-data.sh} fills, and its checks. */
package org.lpa4j.datasets.cache;
