package org.lpa4j.api.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link ServiceLoader} search found: the providers that could be instantiated, sorted by name, and
 * those that could not. {@link #select} applies the selection rules.
 */
public record Discovery(List<BackendProvider> providers, List<ProviderFailure> failures) {
    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

    public Discovery {
        providers = providers.stream().sorted(Comparator.comparing(BackendProvider::name)).toList();
        failures = List.copyOf(failures);
    }

    /** Searches {@code loader} for providers; a provider that fails to instantiate is recorded and logged, not fatal. */
    public static Discovery search(ClassLoader loader) {
        List<BackendProvider> found = new ArrayList<>();
        List<ProviderFailure> failures = new ArrayList<>();
        Iterator<ServiceLoader.Provider<BackendProvider>> it = ServiceLoader.load(BackendProvider.class, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<BackendProvider> p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                ProviderFailure f = new ProviderFailure(providerName(e), DiscoveryMessages.describe(e));
                failures.add(f);
                LOG.warn(DiscoveryMessages.brokenProvider(f));
                continue;
            }
            try {
                found.add(p.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                ProviderFailure f = new ProviderFailure(p.type().getName(), DiscoveryMessages.describe(e));
                failures.add(f);
                LOG.warn(DiscoveryMessages.brokenProvider(f));
            }
        }
        return new Discovery(found, failures);
    }

    private static String providerName(ServiceConfigurationError e) {
        String m = String.valueOf(e.getMessage());
        int colon = m.indexOf(": Provider ");
        if (colon >= 0) {
            String rest = m.substring(colon + ": Provider ".length());
            int space = rest.indexOf(' ');
            return space > 0 ? rest.substring(0, space) : rest;
        }
        return "(unknown provider)";
    }

    /** The provider named {@code name}, if found. */
    public Optional<BackendProvider> find(String name) {
        return providers.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Applies the rules: an explicit request wins (unknown name: error); otherwise the highest priority, ties
     * broken by name; none found: error. Choosing among several is logged.
     */
    public Selection select(Optional<BackendRequest> request) {
        if (request.isPresent()) {
            BackendRequest r = request.get();
            BackendProvider p = find(r.name()).orElseThrow(() -> new BackendException(DiscoveryMessages.unknown(r, providers)));
            return new Selection(p, p.name() + ", requested by " + r.source() + ".");
        }
        if (providers.isEmpty()) {
            throw new BackendException(DiscoveryMessages.noneFound(failures));
        }
        if (providers.size() == 1) {
            return new Selection(providers.get(0), providers.get(0).name() + ", the only backend found.");
        }
        BackendProvider best = providers.stream()
                .sorted(Comparator.comparingInt(BackendProvider::priority).reversed().thenComparing(BackendProvider::name))
                .findFirst().orElseThrow();
        String message = DiscoveryMessages.several(providers, best);
        LOG.info(message);
        return new Selection(best, message);
    }
}
