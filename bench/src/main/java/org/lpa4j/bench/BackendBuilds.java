package org.lpa4j.bench;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Two builds of one backend module (e.g. the classes of an earlier commit and of the working tree) timed on the
 * {@link BenchMlp} train step in one JVM, alternated round by round, each build in its own class loader over the shared
 * engine and api: a before/after ratio that the load of a shared machine hits alike. Each build can run at its own
 * ND4J thread count, since the count is process-wide and an earlier build did not set it.
 */
@Command(name = "backend-builds", mixinStandardHelpOptions = true,
        description = "Times the bench train step of two builds of a backend module, alternated in one JVM.")
public final class BackendBuilds implements Callable<Integer> {

    @Parameters(index = "0", description = "class directory or jar of the first (earlier) build")
    Path before;

    @Parameters(index = "1", description = "class directory or jar of the second build")
    Path after;

    @Option(names = "--provider", defaultValue = "org.lpa4j.backend.nd4j.Nd4jBackendProvider", description = "provider class (default ${DEFAULT-VALUE})")
    String provider;

    @Option(names = "--nd4j-threads", split = ",", defaultValue = "2,1",
            description = "ND4J thread count of the first and second build's rounds (default ${DEFAULT-VALUE}; 0 leaves it alone)")
    int[] threads;

    @Option(names = "--width", defaultValue = "" + BenchMlp.WIDTH, description = "network width (default ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--blocks", defaultValue = "" + BenchMlp.BLOCKS, description = "residual blocks (default ${DEFAULT-VALUE})")
    int blocks;

    @Option(names = "--rounds", defaultValue = "9", description = "alternating rounds (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--steps-per-round", defaultValue = "5", description = "steps per build per round (default ${DEFAULT-VALUE})")
    int stepsPerRound;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BackendBuilds()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchMlp mlp = new BenchMlp(width, blocks);
        ParameterSet init = ParameterSet.initialize(mlp.parameters(), 1, DType.FLOAT32);
        SplittableRandom random = new SplittableRandom(2);
        List<HostTensor> batch = List.of(Bench.uniform(random, Shape.of(BenchMlp.BATCH, BenchMlp.INPUT)),
                Bench.uniform(random, Shape.of(BenchMlp.BATCH, 1)));
        List<InputSpec> specs = List.of(InputSpec.batched("x", DType.FLOAT32, BenchMlp.INPUT), InputSpec.batched("y", DType.FLOAT32, 1));
        Path[] builds = {before, after};
        Backend[] backends = new Backend[2];
        VariableStore[] stores = new VariableStore[2];
        CompiledTrainStep[] steps = new CompiledTrainStep[2];
        double lr = 1e-4;
        try {
            for (int k = 0; k < 2; k++) {
                backends[k] = load(builds[k]).create();
                stores[k] = backends[k].createVariables(init);
                steps[k] = stores[k].compileTrainStep(specs, mlp.loss(), init.names(), OptimizerSpec.adam());
            }
            double[][] ms = new double[2][rounds];
            for (int r = -1; r < rounds; r++) {
                for (int i = 0; i < 2; i++) {
                    // Alternate which build goes first, so drift on a shared machine hits both alike.
                    int k = Math.floorMod(i + r, 2);
                    if (threads[k] > 0) {
                        Nd4jHandWrittenStep.engineSettings(threads[k]);
                    }
                    steps[k].run(batch, lr);
                    long t0 = System.nanoTime();
                    for (int s = 0; s < stepsPerRound; s++) {
                        steps[k].run(batch, lr);
                    }
                    if (r >= 0) {
                        ms[k][r] = (System.nanoTime() - t0) / 1e6 / stepsPerRound;
                    }
                }
            }
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = ms[0][r] / ms[1][r];
            }
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            System.out.printf("train step (width %d, %d blocks): %s %.1f ms, %s %.1f ms (medians); median per-round speed-up %.2f (min %.2f, max %.2f; "
                    + "%d rounds x %d steps)%n", width, blocks, before, Bench.median(ms[0]), after, Bench.median(ms[1]), Bench.median(ratios), sorted[0],
                    sorted[rounds - 1], rounds, stepsPerRound);
        } finally {
            for (int k = 1; k >= 0; k--) {
                for (AutoCloseable c : new AutoCloseable[] {steps[k], stores[k], backends[k]}) {
                    if (c != null) {
                        c.close();
                    }
                }
            }
        }
        return 0;
    }

    /** The provider of one build, loaded child-first from {@code build} so that its classes are that build's own. */
    private BackendProvider load(Path build) throws ReflectiveOperationException, MalformedURLException {
        URL[] urls = {build.toUri().toURL()};
        ClassLoader loader = new URLClassLoader(urls, BackendBuilds.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null && name.startsWith(provider.substring(0, provider.lastIndexOf('.') + 1))) {
                        try {
                            c = findClass(name);
                        } catch (ClassNotFoundException e) {
                            c = null;
                        }
                    }
                    if (c == null) {
                        c = super.loadClass(name, false);
                    }
                    if (resolve) {
                        resolveClass(c);
                    }
                    return c;
                }
            }
        };
        return (BackendProvider) loader.loadClass(provider).getDeclaredConstructor().newInstance();
    }
}
