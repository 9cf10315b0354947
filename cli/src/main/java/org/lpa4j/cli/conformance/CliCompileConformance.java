package org.lpa4j.cli.conformance;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.CompileConformance;

/** {@link CompileConformance} against the backend the library selects ({@value SelectedBackend#PROPERTY}). */
public class CliCompileConformance extends CompileConformance {
    @Override
    protected Backend createBackend() {
        return SelectedBackend.open();
    }
}
