/** Tests of the generated tasks: the multigrade reference data. */
package org.lpa4j.datasets.surfaces;
