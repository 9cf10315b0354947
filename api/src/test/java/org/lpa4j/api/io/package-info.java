/** Tests of whole-file and whole-folder writes. */
package org.lpa4j.api.io;
