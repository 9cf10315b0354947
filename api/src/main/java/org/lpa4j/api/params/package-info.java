/** Parameters: their declarations, seeded host-side initialisation, and named sets of values. */
package org.lpa4j.api.params;
