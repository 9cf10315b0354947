package org.lpa4j.cli;

import com.google.inject.Injector;
import picocli.CommandLine;

/** Lets picocli create commands through Guice, falling back to picocli's own factory for its internal types. */
final class GuiceFactory implements CommandLine.IFactory {
    private final Injector injector;

    GuiceFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type.getName().startsWith("org.lpa4j.")) {
            return injector.getInstance(type);
        }
        return CommandLine.defaultFactory().create(type);
    }
}
