/** The benchmark: the neutral API's train step against the same step written by hand on each engine. */
package org.lpa4j.bench;
