/** Residual architectures written only against the public api; one sub-package per family. */
package org.lpa4j.architectures;
