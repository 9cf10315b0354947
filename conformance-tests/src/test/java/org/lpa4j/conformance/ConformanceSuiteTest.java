package org.lpa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command and the build run the same suites: {@link ConformanceSuite#SUITES} (what {@code lpa4j conformance} runs) is
 * exactly the set of runnable {@code *Conformance} classes of this module (what each backend module's test run scans
 * for), and every backend module's build scans this module for them.
 */
class ConformanceSuiteTest {
    /** The lines a backend module's pom carries so that its test run scans this module's suites. */
    static final List<String> SCAN = List.of("<dependency>org.lpa4j:conformance-tests</dependency>", "<include>**/*Conformance.java</include>");

    @Test
    void theListHoldsEveryRunnableSuiteOfThePackage() throws IOException, URISyntaxException, ClassNotFoundException {
        Path folder = Path.of(ConformanceSuite.class.getResource("ConformanceSuite.class").toURI()).getParent();
        Set<Class<?>> found = new HashSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Conformance.class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName(ConformanceSuite.class.getPackageName() + "." + name);
                if (BackendConformance.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                    found.add(c);
                }
            }
        }
        assertEquals(found, Set.copyOf(ConformanceSuite.SUITES), "ConformanceSuite.SUITES must list every runnable suite, and only those");
        assertEquals(ConformanceSuite.SUITES.size(), Set.copyOf(ConformanceSuite.SUITES).size(), "no suite twice");
    }

    @Test
    void everyBackendModuleScansTheSuites() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> backends;
        try (Stream<Path> modules = Files.list(root)) {
            backends = modules.filter(m -> m.getFileName().toString().startsWith("backend-") && Files.exists(m.resolve("pom.xml"))).toList();
        }
        assertFalse(backends.isEmpty(), "the backend modules beside " + root);
        for (Path module : backends) {
            String pom = Files.readString(module.resolve("pom.xml"));
            for (String line : SCAN) {
                assertTrue(pom.contains(line), module.getFileName() + "'s pom must scan the suites: " + line);
            }
        }
    }
}
