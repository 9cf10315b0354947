package org.lpa4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.task.TaskProvider;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.cli.output.ReportWriter;
import org.lpa4j.datasets.surfaces.SurfaceFunction;
import org.lpa4j.datasets.surfaces.SurfaceTasks;

/**
 * The CLI's registries are the Guice multibindings: what the classpath registers, plus what another module binds, is
 * what the commands see (tasks in {@code fit}, backends in {@code backends} and {@code --backend}).
 */
class CliModuleTest {

    @Test
    void theRegistriesHoldWhatTheClasspathRegisters() {
        Injector injector = Lpa4jCli.injector();
        assertEquals(Tasks.discover().names(), injector.getInstance(Tasks.class).names());
        assertEquals(Architectures.discover().names(), injector.getInstance(Architectures.class).names());
        assertTrue(injector.getInstance(Architectures.class).names().containsAll(List.of("fnn", "resnet", "transformer", "graded")));
    }

    @Test
    void aTaskBoundByAnotherModuleIsOneOfFitsTasks(@TempDir Path dir) throws IOException {
        String[] fit = {"fit", "--task", "surface:saddle2d", "--depth", "2", "--width", "8", "--epochs", "1", "--examples", "200",
            "--trainer", "lpa", "--backend", "tensorflow", "--out", dir.resolve("saddle").toString()};
        CliRun without = CliRun.of(Lpa4jCli.injector(), fit);
        assertEquals(2, without.code(), without.err());
        assertTrue(without.err().contains("Unknown task 'surface:saddle2d'"), without.err());

        Module saddle = binder -> Multibinder.newSetBinder(binder, TaskProvider.class).addBinding().toInstance(new SaddleSurfaceTasks());
        CliRun with = CliRun.of(Lpa4jCli.injector(saddle), fit);
        assertEquals(0, with.code(), with.err());
        assertEquals("surface:saddle2d", new ReportWriter().read(dir.resolve("saddle").resolve("report.json")).task());
    }

    @Test
    void aBackendBoundByAnotherModuleIsListedAndChosenByName() {
        Module absent = binder -> Multibinder.newSetBinder(binder, BackendProvider.class).addBinding().toInstance(new AbsentEngine());
        Injector injector = Lpa4jCli.injector(absent);
        CliRun backends = CliRun.of(injector, "backends");
        assertEquals(0, backends.code(), backends.err());
        assertTrue(backends.out().lines().anyMatch(l -> l.startsWith("absent") && l.contains("NO")), backends.out());
        assertTrue(backends.out().lines().anyMatch(l -> l.startsWith("tensorflow") && l.contains("yes")), backends.out());

        CliRun construct = CliRun.of(injector, "construct", "--function", "lipschitz", "--depth", "1", "--backend", "absent");
        assertEquals(2, construct.code(), construct.err());
        assertTrue(construct.err().contains("Backend 'absent' (an engine that is not installed) failed to load its engine"), construct.err());
        assertTrue(construct.err().contains("'lpa4j backends' lists the backends found"), construct.err());
    }


    /** {@code surface:saddle2d}, x0 * x1 - 1/4 on the unit square: bound by a module, registered in no service file. */
    private static final class SaddleSurfaceTasks extends SurfaceTasks {
        SaddleSurfaceTasks() {
            super(List.of(new SurfaceFunction() {
                @Override
                public String id() {
                    return "saddle2d";
                }

                @Override
                public int dimension() {
                    return 2;
                }

                @Override
                public double value(double[] x) {
                    return x[0] * x[1] - 0.25;
                }
            }));
        }
    }

    /** A backend whose engine is not on this machine: it lists, and loading it fails with the library's sentence. */
    private static final class AbsentEngine implements BackendProvider {
        @Override
        public String name() {
            return "absent";
        }

        @Override
        public int priority() {
            return -1;
        }

        @Override
        public String description() {
            return "an engine that is not installed";
        }

        @Override
        public Backend create() {
            throw new UnsatisfiedLinkError("no absent_jni in java.library.path");
        }
    }
}
