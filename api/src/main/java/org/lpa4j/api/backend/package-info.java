/**
 * Backends and how they are found: the {@link org.lpa4j.api.backend.BackendProvider} SPI, discovery through
 * {@link java.util.ServiceLoader} in {@link org.lpa4j.api.backend.Backends}, capabilities, and the errors.
 */
package org.lpa4j.api.backend;
