package org.lpa4j.api.spi;

import org.lpa4j.api.backend.BackendException;

/**
 * The threads an engine may use, the one policy every backend follows: {@code intraOp} threads work on one op, and
 * {@code interOp} threads run independent ops at the same time. Both are the machine's cores (as the JVM counts them,
 * so a container's CPU limit counts) unless {@value #PROPERTY} says otherwise, as each engine's own default would;
 * a backend's own property (e.g. {@code lpa4j.djl.threads}) wins over {@value #PROPERTY} for that engine alone.
 *
 * @param intraOp the threads one op may use
 * @param interOp the ops that may run at the same time (an engine that runs one op after another ignores it)
 * @param source  where the count came from, for a log line: a property and its value, or the machine's cores
 */
public record EngineThreads(int intraOp, int interOp, String source) {
    /** The system property that sets every engine's thread count, e.g. {@code -Dlpa4j.threads=1} on a shared machine. */
    public static final String PROPERTY = "lpa4j.threads";

    /** The policy for an engine without a property of its own: {@value #PROPERTY}, else the machine's cores. */
    public static EngineThreads resolve() {
        return resolve(null);
    }

    /**
     * The policy for the engine whose own property is {@code engineProperty} (null for none): that property if set,
     * else {@value #PROPERTY}, else the machine's cores; a value that is not a whole number of at least 1 is a sentence
     * naming the property.
     */
    public static EngineThreads resolve(String engineProperty) {
        for (String property : engineProperty == null ? new String[] {PROPERTY} : new String[] {engineProperty, PROPERTY}) {
            Integer threads = fromProperty(property);
            if (threads != null) {
                return new EngineThreads(threads, threads, "-D" + property + "=" + threads);
            }
        }
        int cores = machineCores();
        return new EngineThreads(cores, cores, "the machine's " + cores + " core(s)");
    }

    /**
     * Sets {@value #PROPERTY} to {@code threads}, for every engine opened after this call (a command's {@code --threads});
     * a count below 1 is refused with a sentence.
     */
    public static void useEverywhere(int threads) {
        if (threads < 1) {
            throw new BackendException("An engine needs at least 1 thread, but " + threads + " were asked for; give a whole number of at least 1, or "
                    + "leave the count out to use all " + machineCores() + " core(s) of this machine.");
        }
        System.setProperty(PROPERTY, Integer.toString(threads));
    }

    /** The cores this process may use: what {@link Runtime#availableProcessors()} reports, a container's limit included. */
    public static int machineCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The thread count in system property {@code property}: null when unset, a sentence naming the property when not a count. */
    private static Integer fromProperty(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return null;
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
                + "set it to a whole number of at least 1 (1 on a machine that other busy processes share), or leave it unset "
                + "for the machine's " + machineCores() + " core(s).");
    }

    @Override
    public String toString() {
        return intraOp + " thread(s) per op, " + interOp + " op(s) at a time (" + source + ")";
    }
}
