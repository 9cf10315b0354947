package org.lpa4j.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.trainers.e2e.E2ETrainer;
import org.lpa4j.trainers.lpa.LpaTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The operations one training step of each trainer asks of its backend's {@link Ops}, counted by name: the real E2E
 * and LPA trainers train one epoch through a backend whose train steps count the calls of their loss's first trace.
 * The count is what the trainer's loss issues (a backend may run a composite as several engine ops), and it does not
 * depend on the machine's load. The gradient and the optimizer add their own ops to every step of both trainers.
 */
@Command(name = "step-ops", mixinStandardHelpOptions = true, description = "Counts the ops of one training step of E2E and of LPA.")
public final class StepOps implements Callable<Integer> {

    @Option(names = "--backend", defaultValue = "tensorflow", description = "nd4j, djl or tensorflow (default ${DEFAULT-VALUE})")
    String backend;
    @Mixin
    StepNetwork net;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StepOps()).execute(args));
    }

    @Override
    public Integer call() {
        LoadedTask loaded = net.load();
        ResidualNetwork network = net.network(loaded);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1);
        try (Backend b = Backends.open(backend)) {
            System.out.printf("%s on %s: ops of one training step's loss, by name%n", net, b.name());
            for (ProgressiveTrainer trainer : List.of(new E2ETrainer(), new LpaTrainer())) {
                Map<String, Integer> counts = new TreeMap<>();
                try (TrainingResult ignored = trainer.train(counting(b, counts), network, loaded.data(), config, loaded.metric(), List.of())) {
                    System.out.printf("  %-4s %3d ops: %s%n", trainer.name(), counts.values().stream().mapToInt(Integer::intValue).sum(), counts);
                }
            }
        }
        return 0;
    }

    /** {@code backend}, whose stores' train steps add the calls of their loss's first trace to {@code counts}. */
    private static Backend counting(Backend backend, Map<String, Integer> counts) {
        return Proxies.of(Backend.class, backend, (method, args) -> {
            Object result = method.invoke(backend, args);
            if (method.getName().equals("createVariables")) {
                VariableStore store = (VariableStore) result;
                return Proxies.of(VariableStore.class, store, (m, a) -> {
                    if (m.getName().equals("compileTrainStep")) {
                        LossFunction loss = (LossFunction) a[1];
                        boolean[] traced = {false};
                        a[1] = (LossFunction) (ops, p, in) -> {
                            Ops seen = traced[0] ? ops : Proxies.of(Ops.class, ops, (om, oa) -> {
                                counts.merge(om.getName(), 1, Integer::sum);
                                return om.invoke(ops, oa);
                            });
                            traced[0] = true;
                            return loss.apply(seen, p, in);
                        };
                    }
                    return m.invoke(store, a);
                });
            }
            return result;
        });
    }
}
