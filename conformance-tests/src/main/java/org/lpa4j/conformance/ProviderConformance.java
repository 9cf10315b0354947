package org.lpa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.backend.BackendRequest;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.backend.UnsupportedCapabilityException;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.conformance.reference.Fixtures;
import org.lpa4j.conformance.reference.ReferenceOps;

/**
 * The provider and its capabilities: found by {@link Backends#discover()} under its name, described without loading
 * the engine, opened by name; and every {@link Capability} checked both ways: a declared one works in a small use,
 * an undeclared one throws {@link UnsupportedCapabilityException} naming it.
 */
public class ProviderConformance extends BackendConformance {

    /** The provider under test, as registered in META-INF/services: by default the one the library's selection names. */
    protected BackendProvider provider() {
        return Backends.discover().select(BackendRequest.fromEnvironment()).provider();
    }

    @Test
    void required_provider_isDiscoveredUnderItsName() {
        String name = provider().name();
        Optional<BackendProvider> found = Backends.discover().find(name);
        assertTrue(found.isPresent(), () -> "Backends.discover() must find the provider '" + name + "' through META-INF/services; found "
                + Backends.discover().providers().stream().map(BackendProvider::name).toList());
        assertEquals(provider().getClass(), found.get().getClass(), "the discovered provider must be this provider's class");
    }

    @Test
    void required_provider_nameIsLowerCaseAndDescriptionNonBlank() {
        String name = provider().name();
        assertNotNull(name, "name()");
        assertFalse(name.isBlank(), "name() must not be blank");
        assertEquals(name.toLowerCase(Locale.ROOT), name, "name() must be lower-case: users type it in -Dlpa4j.backend");
        assertEquals(name.strip(), name, "name() must not have surrounding spaces");
        assertNotNull(provider().description(), "description()");
        assertFalse(provider().description().isBlank(), "description() must say which engine and version the provider brings");
    }

    @Test
    void required_openByName_givesThatBackendWithAnEngineVersion() {
        try (Backend b = Backends.open(provider().name())) {
            assertEquals(provider().name(), b.name(), "Backends.open(name).name()");
            assertNotNull(b.engineVersion(), "engineVersion()");
            assertFalse(b.engineVersion().isBlank(), "engineVersion() must name the engine and its version");
            assertNotNull(b.capabilities(), "capabilities() must not be null");
        }
    }

    @Test
    void required_backendUnderTest_hasTheProvidersName() {
        assertEquals(provider().name(), backend().name(), "the backend under test must carry its provider's name");
        for (Capability c : Capability.values()) {
            assertEquals(backend().capabilities().contains(c), backend().supports(c), "supports(" + c + ") must agree with capabilities()");
        }
    }

    /** A small use of each capability: FLOAT32 except for FLOAT64 itself. */
    private void use(Capability capability) {
        DType t = capability == Capability.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        ParameterSet params = ParameterSet.of(Map.of("k", Fixtures.random(Fixtures.SEED + 61, 1, 1, 2, 2).cast(t)));
        try (VariableStore store = backend().createVariables(params)) {
            List<HostTensor> out;
            switch (capability) {
                case FLOAT64 -> {
                    HostTensor x = Fixtures.random(Fixtures.SEED + 62, 2, 2).cast(t);
                    out = Fixtures.runOnce(store, List.of(InputSpec.fixed("x", t, 2, 2)),
                            (ops, p, xs) -> List.of(ops.add(xs.get(0), ops.reshape(p.get("k"), Shape.of(2, 2)))), List.of(x));
                    Checks.assertValues("FLOAT64 add", ReferenceOps.add(x, params.get("k").reshape(Shape.of(2, 2))), out.get(0), t);
                }
                case CONV2D -> {
                    HostTensor x = Fixtures.random(Fixtures.SEED + 63, 1, 1, 3, 3).cast(t);
                    out = Fixtures.runOnce(store, List.of(InputSpec.fixed("x", t, 1, 1, 3, 3)),
                            (ops, p, xs) -> List.of(ops.conv2d(xs.get(0), p.get("k"), 1, 1, 0, 0)), List.of(x));
                    Checks.assertValues("conv2d", ReferenceOps.conv2d(x.cast(DType.FLOAT64), params.get("k").cast(DType.FLOAT64), 1, 1, 0, 0),
                            out.get(0), t);
                }
                case POOLING -> {
                    HostTensor x = HostTensor.ofFloats(Shape.of(1, 1, 2, 2), 1, 4, 2, 3);
                    out = Fixtures.runOnce(store, List.of(InputSpec.fixed("x", t, 1, 1, 2, 2)),
                            (ops, p, xs) -> List.of(ops.maxPool2d(xs.get(0), 2, 2, 2, 2), ops.avgPool2d(xs.get(0), 2, 2, 2, 2)), List.of(x));
                    assertEquals(4.0, out.get(0).getDouble(0), "maxPool2d of [1, 4, 2, 3]");
                    assertEquals(2.5, out.get(1).getDouble(0), "avgPool2d of [1, 4, 2, 3]");
                }
                case GATHER -> {
                    HostTensor ids = HostTensor.ofInts(Shape.of(2), 1, 0);
                    out = Fixtures.runOnce(store, List.of(InputSpec.fixed("ids", DType.INT32, 2)),
                            (ops, p, xs) -> List.of(ops.gather(ops.reshape(p.get("k"), Shape.of(2, 2)), xs.get(0))), List.of(ids));
                    HostTensor table = params.get("k").reshape(Shape.of(2, 2)).cast(DType.FLOAT64);
                    Checks.assertValues("gather", ReferenceOps.gather(table, ids), out.get(0), t);
                }
                case TRAINING -> {
                    HostTensor x = Fixtures.random(Fixtures.SEED + 64, 2, 2).cast(t);
                    try (CompiledGradient g = store.compileGradient(List.of(InputSpec.fixed("x", t, 2, 2)),
                            (ops, p, xs) -> ops.mseLoss(ops.reshape(p.get("k"), Shape.of(2, 2)), xs.get(0)), Set.of("k"))) {
                        GradientResult r = g.run(List.of(x));
                        HostTensor k = params.get("k").reshape(Shape.of(2, 2));
                        assertEquals(2.0 * (k.getDouble(0) - x.getDouble(0)) / 4, r.gradients().get("k").getDouble(0), 1e-5,
                                "d mse / d k[0]");
                    }
                }
                default -> fail("The suite has no use for capability " + capability + "; add one to ProviderConformance.");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> required_capabilities_declaredOnesWork_undeclaredOnesThrowNamingThem() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Capability c : Capability.values()) {
            boolean declared = backend().supports(c);
            String name = c + (declared ? " declared: a small use works" : " not declared: using it throws UnsupportedCapabilityException naming it");
            tests.add(DynamicTest.dynamicTest(name, () -> {
                if (declared) {
                    use(c);
                    return;
                }
                try {
                    use(c);
                } catch (UnsupportedCapabilityException e) {
                    assertEquals(c, e.capability(), "the exception must carry the capability used");
                    assertEquals(backend().name(), e.backend(), "the exception must name the backend");
                    assertTrue(e.getMessage().contains(c.name()), () -> "the message must name " + c + ": " + e.getMessage());
                    return;
                } catch (RuntimeException e) {
                    fail("Using the undeclared capability " + c + " must throw UnsupportedCapabilityException, but threw " + e, e);
                }
                fail("Backend '" + backend().name() + "' does not declare " + c + " but a use of it worked; declare it, or throw "
                        + "UnsupportedCapabilityException.");
            }));
        }
        return tests.stream();
    }
}
