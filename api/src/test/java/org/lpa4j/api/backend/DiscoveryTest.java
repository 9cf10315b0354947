package org.lpa4j.api.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery: the selection rules, and every message word for word. */
class DiscoveryTest {

    private static final BackendProvider ALPHA = new FakeProviders.Alpha();
    private static final BackendProvider BETA = new FakeProviders.Beta();

    @Test
    void noBackendFound_saysWhichModulesToAdd() {
        Discovery d = new Discovery(List.of(), List.of());
        BackendException e = assertThrows(BackendException.class, () -> d.select(Optional.empty()));
        assertEquals("No lpa4j backend was found on the classpath. Add one of the modules org.lpa4j:backend-djl, "
                + "org.lpa4j:backend-nd4j or org.lpa4j:backend-tensorflow as a dependency. See README.md#choosing-a-backend.",
                e.getMessage());
    }

    @Test
    void noBackendFound_listsProvidersThatFailed() {
        Discovery d = new Discovery(List.of(), List.of(new ProviderFailure("com.example.X", "IllegalStateException: boom")));
        BackendException e = assertThrows(BackendException.class, () -> d.select(Optional.empty()));
        assertEquals("No lpa4j backend was found on the classpath. Add one of the modules org.lpa4j:backend-djl, "
                + "org.lpa4j:backend-nd4j or org.lpa4j:backend-tensorflow as a dependency. Providers that failed to load: "
                + "com.example.X (IllegalStateException: boom). See README.md#choosing-a-backend.", e.getMessage());
    }

    @Test
    void unknownName_listsWhatWasFound() {
        Discovery d = new Discovery(List.of(BETA, ALPHA), List.of());
        BackendException e = assertThrows(BackendException.class,
                () -> d.select(Optional.of(new BackendRequest("torch", "the system property lpa4j.backend"))));
        assertEquals("Backend 'torch' was requested by the system property lpa4j.backend, but no backend of that name is on the "
                + "classpath. Found: alpha, beta. Use one of those names, or add the backend's module as a dependency. "
                + "See README.md#choosing-a-backend.", e.getMessage());
    }

    @Test
    void unknownName_withNothingFound() {
        Discovery d = new Discovery(List.of(), List.of());
        BackendException e = assertThrows(BackendException.class,
                () -> d.select(Optional.of(new BackendRequest("djl", "the environment variable LPA4J_BACKEND"))));
        assertEquals("Backend 'djl' was requested by the environment variable LPA4J_BACKEND, but no backend of that name is on "
                + "the classpath. Found: none. Use one of those names, or add the backend's module as a dependency. "
                + "See README.md#choosing-a-backend.", e.getMessage());
    }

    @Test
    void severalFound_choosesHighestPriorityAndSaysSo() {
        Selection s = new Discovery(List.of(ALPHA, BETA), List.of()).select(Optional.empty());
        assertEquals("beta", s.provider().name());
        assertEquals("Several lpa4j backends were found: alpha (priority 10), beta (priority 20). Chose beta, the highest "
                + "priority. Set -Dlpa4j.backend=NAME or LPA4J_BACKEND=NAME to choose another. "
                + "See README.md#choosing-a-backend.", s.reason());
    }

    @Test
    void requestedName_winsOverPriority_caseInsensitive() {
        Selection s = new Discovery(List.of(ALPHA, BETA), List.of())
                .select(Optional.of(new BackendRequest("ALPHA", "the system property lpa4j.backend")));
        assertEquals("alpha", s.provider().name());
        assertEquals("alpha, requested by the system property lpa4j.backend.", s.reason());
    }

    @Test
    void singleBackend_isChosenAsTheOnlyOne() {
        Selection s = new Discovery(List.of(ALPHA), List.of()).select(Optional.empty());
        assertEquals("alpha, the only backend found.", s.reason());
    }

    @Test
    void request_propertyBeatsEnvironment_andBlankIsAbsent() {
        Properties props = new Properties();
        props.setProperty(BackendRequest.PROPERTY, " djl ");
        assertEquals(Optional.of(new BackendRequest("djl", "the system property lpa4j.backend")),
                BackendRequest.from(props, Map.of(BackendRequest.ENVIRONMENT, "nd4j")));
        assertEquals(Optional.of(new BackendRequest("nd4j", "the environment variable LPA4J_BACKEND")),
                BackendRequest.from(new Properties(), Map.of(BackendRequest.ENVIRONMENT, "nd4j")));
        Properties blank = new Properties();
        blank.setProperty(BackendRequest.PROPERTY, "  ");
        assertEquals(Optional.empty(), BackendRequest.from(blank, Map.of()));
    }

    @Test
    void serviceLoaderSearch_reportsBrokenProvider_butKeepsTheOthers(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(BackendProvider.class.getName()), String.join("\n",
                FakeProviders.Alpha.class.getName(), FakeProviders.Broken.class.getName(), FakeProviders.Beta.class.getName()));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Discovery d = Discovery.search(loader);
            assertEquals(List.of("alpha", "beta"), d.providers().stream().map(BackendProvider::name).toList());
            assertEquals(1, d.failures().size());
            ProviderFailure f = d.failures().get(0);
            assertEquals(FakeProviders.Broken.class.getName(), f.provider());
            assertEquals("The backend provider " + FakeProviders.Broken.class.getName() + " could not be instantiated and was "
                    + "skipped: " + f.reason() + ". Check that its module and its engine are on the classpath in matching "
                    + "versions. See README.md#choosing-a-backend.", DiscoveryMessages.brokenProvider(f));
            assertEquals(true, f.reason().contains("engine classes missing"), f.reason());
        }
    }

    @Test
    void serviceLoaderSearch_reportsUnknownClass(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(BackendProvider.class.getName()), "com.example.Missing\n" + FakeProviders.Alpha.class.getName());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Discovery d = Discovery.search(loader);
            assertEquals(List.of("alpha"), d.providers().stream().map(BackendProvider::name).toList());
            assertEquals("com.example.Missing", d.failures().get(0).provider());
        }
    }

    @Test
    void engineLoadFailure_becomesBackendExceptionNamingTheBackend() {
        BackendProvider p = new FakeProviders.NativeFails();
        BackendException e = assertThrows(BackendException.class, () -> Backends.create(p));
        assertEquals("Backend 'nativefails' (fake engine nativefails) failed to load its engine: UnsatisfiedLinkError: no libfake "
                + "in java.library.path. Choose another backend with -Dlpa4j.backend=NAME or LPA4J_BACKEND=NAME (Backends.discover()"
                + " lists those found), or install what this engine needs. See README.md#choosing-a-backend.", e.getMessage());
        assertInstanceOf(UnsatisfiedLinkError.class, e.getCause());
    }

    @Test
    void unsupportedCapability_hasOneWayToSayIt() {
        UnsupportedCapabilityException e = new UnsupportedCapabilityException("x", Capability.CONV2D, "the engine has no convolution");
        assertEquals("Backend 'x' does not support CONV2D: the engine has no convolution. Choose a backend whose capabilities()"
                + " include CONV2D.", e.getMessage());
    }
}
