package org.lpa4j.api.backend;

/** A provider listed in {@code META-INF/services} that could not be instantiated, and why. */
public record ProviderFailure(String provider, String reason) {
}
