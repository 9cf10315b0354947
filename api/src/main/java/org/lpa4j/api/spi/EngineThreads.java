package org.lpa4j.api.spi;

import org.lpa4j.api.backend.BackendException;

/**
 * How many threads one engine op may use, read from a backend's system property: 1 unless set. Engines that make every
 * worker of an op wait at a barrier slow down many times over when another process holds a core, so lpa4j runs each op
 * on one thread by default; on an otherwise idle machine a user may ask for more.
 */
public final class EngineThreads {
    private EngineThreads() {
    }

    /** The thread count in system property {@code property}: 1 when unset, a sentence naming the property when not a count. */
    public static int fromProperty(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted values.
        }
        throw new BackendException("The system property " + property + " is '" + value + "', which is not a thread count; "
                + "set it to a whole number of at least 1 (e.g. 2 on an otherwise idle machine), or leave it unset for 1.");
    }
}
