/** Tests of the data splits. */
package org.lpa4j.api.data;
