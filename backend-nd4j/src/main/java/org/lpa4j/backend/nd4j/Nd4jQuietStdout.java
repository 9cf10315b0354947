package org.lpa4j.backend.nd4j;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Drops what the calling thread writes to {@code System.out} while an engine call runs. SameDiff 1.0.0-M2.1 prints
 * "Added differentiated op ..." with {@code System.out.println} (not a logger) for every op in
 * {@code SameDiff.createGradFunction}; while that runs, {@code System.out} is a stream that forwards every other thread's
 * output unchanged and discards only this thread's, and the original stream is restored right after.
 */
final class Nd4jQuietStdout {
    private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Nd4jQuietStdout() {
    }

    /** Runs {@code call} with this thread's standard output discarded. */
    static synchronized <T> T call(Supplier<T> call) {
        PrintStream original = System.out;
        PrintStream filter = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (!QUIET.get()) {
                    original.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (!QUIET.get()) {
                    original.write(b, off, len);
                }
            }

            @Override
            public void flush() throws IOException {
                original.flush();
            }
        }, true);
        System.setOut(filter);
        QUIET.set(Boolean.TRUE);
        try {
            return call.get();
        } finally {
            QUIET.set(Boolean.FALSE);
            if (System.out == filter) {
                System.setOut(original);
            }
        }
    }
}
