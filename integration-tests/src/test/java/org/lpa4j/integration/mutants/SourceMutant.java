package org.lpa4j.integration.mutants;

import java.util.List;
import java.util.Objects;

/**
 * One planted bug in the library's source (not the backend's): a one-line slip in one file, the suite tests that can
 * see it ({@code fully.qualified.TestClass#method}, or a whole class), and for an equivalent mutant the reason it
 * changes nothing the suite specifies. The {@code original} text must occur exactly once in the file.
 */
record SourceMutant(String name, String area, String file, String original, String replacement, List<String> tests,
        String equivalentBecause) {

    SourceMutant {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(area, "area is null");
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(original, "original is null");
        Objects.requireNonNull(replacement, "replacement is null");
        tests = List.copyOf(tests);
        if (original.equals(replacement)) {
            throw new IllegalArgumentException(name + " changes nothing");
        }
    }

    /** Whether the suite must accept this mutant rather than kill it. */
    boolean isEquivalent() {
        return equivalentBecause != null;
    }

    /** The simple name of the class the file declares. */
    String className() {
        String simple = file.substring(file.lastIndexOf('/') + 1);
        return simple.substring(0, simple.length() - ".java".length());
    }
}
