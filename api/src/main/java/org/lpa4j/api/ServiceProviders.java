package org.lpa4j.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one extension point registered through a class loader ({@link ServiceLoader}), and the messages of
 * those that could not be loaded: each broken one is logged and left out, never fatal, so the registries built from
 * them can name it when a user asks for it.
 */
public record ServiceProviders<T>(List<T> providers, List<String> broken) {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceProviders.class);

    public ServiceProviders {
        providers = List.copyOf(providers);
        broken = List.copyOf(broken);
    }

    /** Every provider of {@code type} registered through {@code loader}; {@code kind} names them in the log ("an architecture provider"). */
    public static <T> ServiceProviders<T> load(Class<T> type, ClassLoader loader, String kind) {
        List<T> found = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        Iterator<T> it = ServiceLoader.load(type, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("{} could not be loaded and is left out: {}", kind, e.getMessage());
                broken.add(e.getMessage());
            }
        }
        return new ServiceProviders<>(found, broken);
    }
}
