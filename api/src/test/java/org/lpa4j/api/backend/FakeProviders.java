package org.lpa4j.api.backend;

import java.util.Set;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;

/** Providers for discovery tests: they exercise the selection rules and messages, not an engine. */
public final class FakeProviders {
    private FakeProviders() {
    }

    /** A provider with a configurable name and priority whose backend has no engine. */
    public abstract static class Named implements BackendProvider {
        private final String name;
        private final int priority;

        Named(String name, int priority) {
            this.name = name;
            this.priority = priority;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public String description() {
            return "fake engine " + name;
        }

        @Override
        public Backend create() {
            return new Backend() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public String engineVersion() {
                    return "fake 1.0";
                }

                @Override
                public Set<Capability> capabilities() {
                    return Set.of();
                }

                @Override
                public VariableStore createVariables(ParameterSet initial) {
                    throw new UnsupportedOperationException("fake backend for discovery tests");
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** Named "alpha", priority 10. */
    public static final class Alpha extends Named {
        public Alpha() {
            super("alpha", 10);
        }
    }

    /** Named "beta", priority 20. */
    public static final class Beta extends Named {
        public Beta() {
            super("beta", 20);
        }
    }

    /** A provider whose constructor fails, as one whose engine classes are missing would. */
    public static final class Broken implements BackendProvider {
        public Broken() {
            throw new IllegalStateException("engine classes missing");
        }

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public String description() {
            return "broken";
        }

        @Override
        public Backend create() {
            throw new IllegalStateException("unreachable");
        }
    }

    /** A provider whose engine fails to load, as one with a missing native library would. */
    public static final class NativeFails extends Named {
        public NativeFails() {
            super("nativefails", 5);
        }

        @Override
        public Backend create() {
            throw new UnsatisfiedLinkError("no libfake in java.library.path");
        }
    }
}
