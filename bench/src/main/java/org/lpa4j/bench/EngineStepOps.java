package org.lpa4j.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.trainers.e2e.E2ETrainer;
import org.lpa4j.trainers.lpa.LpaTrainer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The engine ops of one training step of E2E and of LPA on the demo network, forward, gradient and optimizer update
 * together, as the engine runs them: TensorFlow's graph ops that compiling the train step added, SameDiff's ops of the
 * gradient function ND4J runs, and for DJL the ops and backward functions PyTorch's profiler records over ten steps
 * (with {@code --trace}), per step. Beside the counts, the process CPU time per step of each trainer, measured over the same steps
 * with the real trainers, so the two trainers' figures come from one run.
 */
@Command(name = "engine-step-ops", mixinStandardHelpOptions = true,
        description = "Counts the engine ops of one training step of E2E and of LPA, and their CPU time per step.")
public final class EngineStepOps implements Callable<Integer> {
    /** Steps in DJL's profiler trace. */
    private static final int PROFILED = 10;

    @Option(names = "--backend", defaultValue = "tensorflow", description = "nd4j, djl or tensorflow (default ${DEFAULT-VALUE})")
    String backend;
    @Mixin
    StepNetwork net;
    @Option(names = "--epochs", defaultValue = "14", description = "epochs each trainer trains (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--warmup", defaultValue = "60", description = "steps before the measured ones (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--steps", defaultValue = "200", description = "steps measured (default ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--rounds", defaultValue = "2", description = "E2E then LPA, this many times (default ${DEFAULT-VALUE})")
    int rounds;
    @Option(names = "--trace", description = "DJL: a folder for PyTorch's profiler trace of each trainer's first ten measured steps (JSON)")
    Path trace;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EngineStepOps()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LoadedTask loaded = net.load();
        ResidualNetwork network = net.network(loaded);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(epochs).withLearningRate(3e-3);
        try (Backend b = Backends.open(backend)) {
            System.out.printf("%s on %s, %d epochs, steps %d..%d measured%n", net, b.name(), epochs,
                    warmup + 1, warmup + steps);
            Map<String, List<Double>> cpu = new TreeMap<>();
            Map<String, List<String>> compile = new TreeMap<>();
            for (int r = 0; r < rounds; r++) {
                for (ProgressiveTrainer trainer : List.of(new E2ETrainer(), new LpaTrainer())) {
                    Measured m = new Measured(trainer.name(), r == 0);
                    try (TrainingResult ignored = trainer.train(measuring(b, m), network, loaded.data(), config, loaded.metric(), List.of())) {
                        cpu.computeIfAbsent(trainer.name(), k -> new ArrayList<>()).add(m.cpuPerStep());
                        compile.computeIfAbsent(trainer.name(), k -> new ArrayList<>()).add(String.format("%.0f + %.0f",
                                m.compileNanos / 1e6, m.firstStepNanos / 1e6));
                        if (r == 0) {
                            System.out.printf("  %-4s %4d engine ops per step: %s%n", trainer.name(), m.total(), m.ops);
                            printOpTimes(m);
                        }
                    }
                }
            }
            cpu.forEach((name, values) -> System.out.printf("  %-4s process CPU per step, each round: %s ms%n", name,
                    values.stream().map(v -> String.format("%.3f", v * 1e3)).toList()));
            compile.forEach((name, values) -> System.out.printf("  %-4s process CPU of compiling the train step + its first run, each round: %s ms%n",
                    name, values));
            List<Double> lpa = cpu.get("lpa");
            List<Double> e2e = cpu.get("e2e");
            List<String> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                ratios.add(String.format("%.3f", lpa.get(r) / e2e.get(r)));
            }
            System.out.printf("  LPA/E2E process CPU per step, each round: %s; load average %.1f%n", ratios,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        return 0;
    }

    /** What one training's measured steps gave: the engine ops per step by name, and the process CPU time. */
    private final class Measured {
        final String trainer;
        final boolean count;
        final Map<String, Integer> ops = new TreeMap<>();
        long cpuNanos;
        int measuredSteps;
        /** Process CPU time of compiling the train step, and of its first run. */
        long compileNanos;
        long firstStepNanos;
        /** ND4J: the train step's graph, and each op's durations by op name over the measured steps. */
        SameDiff sameDiff;
        final Nd4jOpTimer timer = new Nd4jOpTimer();

        Measured(String trainer, boolean count) {
            this.trainer = trainer;
            this.count = count;
        }

        int total() {
            return ops.values().stream().mapToInt(Integer::intValue).sum();
        }

        double cpuPerStep() {
            return cpuNanos / 1e9 / measuredSteps;
        }
    }

    private Backend measuring(Backend backend, Measured m) {
        return Proxies.of(Backend.class, backend, (method, args) -> {
            Object result = method.invoke(backend, args);
            if (!method.getName().equals("createVariables")) {
                return result;
            }
            VariableStore store = (VariableStore) result;
            return Proxies.of(VariableStore.class, store, (sm, sa) -> {
                int before = m.count && backend.name().equals("tensorflow") ? graph(store).size() : 0;
                long compileStart = processCpu();
                Object out = sm.invoke(store, sa);
                if (!sm.getName().equals("compileTrainStep")) {
                    return out;
                }
                m.compileNanos = processCpu() - compileStart;
                CompiledTrainStep step = (CompiledTrainStep) out;
                if (m.count && backend.name().equals("tensorflow")) {
                    List<GraphOperation> ops = graph(store);
                    for (GraphOperation op : ops.subList(before, ops.size())) {
                        m.ops.merge(op.type(), 1, Integer::sum);
                    }
                } else if (m.count && backend.name().equals("nd4j")) {
                    m.sameDiff = (SameDiff) call(field(field(step, "graph"), "trace"), "sameDiff");
                    for (SameDiffOp op : m.sameDiff.getFunction("grad").getOps().values()) {
                        m.ops.merge(op.getOp().opName(), 1, Integer::sum);
                    }
                }
                int[] seen = {0};
                return Proxies.of(CompiledTrainStep.class, step, (tm, ta) -> {
                    if (!tm.getName().equals("run")) {
                        return tm.invoke(step, ta);
                    }
                    int n = seen[0]++;
                    boolean measured = n >= warmup && n < warmup + steps;
                    boolean profile = n < warmup + PROFILED && measured && m.count && trace != null && backend.name().equals("djl");
                    if (profile && n == warmup) {
                        JniUtils.startProfile(false, true, false);
                    }
                    if (m.sameDiff != null && n == warmup) {
                        m.sameDiff.setListeners(m.timer);
                    } else if (m.sameDiff != null && n == warmup + steps) {
                        m.sameDiff.setListeners();
                    }
                    long cpu0 = processCpu();
                    Object value = tm.invoke(step, ta);
                    if (n == 0) {
                        m.firstStepNanos = processCpu() - cpu0;
                    }
                    if (measured) {
                        m.cpuNanos += processCpu() - cpu0;
                        m.measuredSteps++;
                    }
                    if (profile && n == warmup + PROFILED - 1) {
                        Files.createDirectories(trace);
                        Path file = trace.resolve(m.trainer + ".json");
                        JniUtils.stopProfile(file.toString());
                        topLevelKernels(file).forEach((name, count) -> m.ops.merge(name, count / PROFILED, Integer::sum));
                    }
                    return value;
                });
            });
        });
    }

    /**
     * The events of a PyTorch profiler trace that no other event of their thread encloses, counted by name: the ops the
     * step called (forward, the optimizer's) and the autograd engine's backward functions, not the kernels they call.
     */
    private static Map<String, Integer> topLevelKernels(Path file) throws java.io.IOException {
        JsonElement root = JsonParser.parseString(Files.readString(file));
        JsonArray events = root.isJsonArray() ? root.getAsJsonArray() : root.getAsJsonObject().getAsJsonArray("traceEvents");
        List<JsonObject> complete = new ArrayList<>();
        for (JsonElement e : events) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("ph") && o.get("ph").getAsString().equals("X")) {
                complete.add(o);
            }
        }
        complete.sort(java.util.Comparator.<JsonObject, String>comparing(o -> String.valueOf(o.get("tid")))
                .thenComparingDouble(o -> o.get("ts").getAsDouble()).thenComparingDouble(o -> -duration(o)));
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Double> openUntil = new java.util.HashMap<>();
        for (JsonObject o : complete) {
            String thread = String.valueOf(o.get("tid"));
            double start = o.get("ts").getAsDouble();
            if (start >= openUntil.getOrDefault(thread, Double.NEGATIVE_INFINITY)) {
                counts.merge(o.get("name").getAsString().replace("autograd::engine::evaluate_function: ", "backward "), 1, Integer::sum);
                openUntil.put(thread, start + duration(o));
            }
        }
        return counts;
    }

    private static double duration(JsonObject event) {
        return event.has("dur") ? event.get("dur").getAsDouble() : 0;
    }

    /**
     * ND4J: per op name, the ops per step and their median time (robust to a busy machine's preemptions), and the sum of
     * ops x median per step, which is the step's time inside ops without the preempted outliers.
     */
    private void printOpTimes(Measured m) {
        if (m.timer.nanos().isEmpty()) {
            return;
        }
        double total = 0;
        StringBuilder each = new StringBuilder();
        for (Map.Entry<String, List<Long>> e : m.timer.nanos().entrySet()) {
            long[] sorted = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            double median = sorted[sorted.length / 2] / 1e3;
            double perStep = (double) sorted.length / steps;
            total += perStep * median;
            each.append(String.format(" %s %.0f x %.1f us,", e.getKey(), perStep, median));
        }
        System.out.printf("       inside ops, ops per step x median: %.0f us per step:%s%n", total, each);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static List<GraphOperation> graph(VariableStore store) throws ReflectiveOperationException {
        Graph graph = (Graph) field(store, "graph");
        List<GraphOperation> ops = new ArrayList<>();
        for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
            ops.add(it.next());
        }
        return ops;
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }

    private static Object call(Object target, String name) throws ReflectiveOperationException {
        var method = target.getClass().getDeclaredMethod(name);
        method.setAccessible(true);
        return method.invoke(target);
    }
}
