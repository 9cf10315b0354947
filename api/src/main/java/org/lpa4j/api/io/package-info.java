/** File output that never leaves half-written files. */
package org.lpa4j.api.io;
