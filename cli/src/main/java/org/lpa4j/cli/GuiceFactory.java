package org.lpa4j.cli;

import com.google.inject.Injector;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Lets picocli create the commands (every class annotated {@link Command}) through Guice, so their collaborators are
 * injected; everything else picocli instantiates (its own types, option converters, mixins) comes from picocli's factory.
 */
final class GuiceFactory implements CommandLine.IFactory {
    private final Injector injector;

    GuiceFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type.isAnnotationPresent(Command.class)) {
            return injector.getInstance(type);
        }
        return CommandLine.defaultFactory().create(type);
    }
}
