package org.lpa4j.api.backend;

/** The provider discovery chose, and a sentence saying why. */
public record Selection(BackendProvider provider, String reason) {
}
