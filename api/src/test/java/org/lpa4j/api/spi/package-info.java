/** Tests of the backend base: the engine thread policy. */
package org.lpa4j.api.spi;
