package org.lpa4j.cli.conformance;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.conformance.ProviderConformance;

/** {@link ProviderConformance} against the backend the library selects ({@value SelectedBackend#PROPERTY}). */
public class CliProviderConformance extends ProviderConformance {
    @Override
    protected Backend createBackend() {
        return SelectedBackend.open();
    }

    @Override
    protected BackendProvider provider() {
        return SelectedBackend.provider();
    }
}
