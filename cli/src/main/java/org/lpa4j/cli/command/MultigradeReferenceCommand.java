package org.lpa4j.cli.command;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.datasets.surfaces.MultigradeReferenceTasks;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.architectures.graded.Grade;
import org.lpa4j.architectures.graded.GradedMlp;
import org.lpa4j.cli.option.BackendOption;
import org.lpa4j.trainers.multigrade.GradeListener;
import org.lpa4j.trainers.multigrade.GradeResult;
import org.lpa4j.trainers.multigrade.GradeSchedule;
import org.lpa4j.trainers.multigrade.MultigradeTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lpa4j multigrade-reference}: the multigrade run its authors published, f(x) = sin(100x) with grades [1,256,256,1] sine,
 * [256,128,128,64,1] and [64,64,32,32,1] ReLU, against a single network of the same layers trained end to end for the
 * same number of epochs; prints the RSE per grade next to the published figures, and the times.
 */
@Command(name = "multigrade-reference", aliases = "mgdl-reference", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reproduce the published multigrade run on sin(100x) and compare it with end-to-end training of the same layers.")
public final class MultigradeReferenceCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin org.lpa4j.cli.option.ThreadsOption threads;
    /** The published epochs per grade; the published loop runs epochs 0..E, i.e. E + 1 passes, with the rate reaching t_min at the last. */
    static final int[] PUBLISHED_EPOCHS = {20, 20, 40};
    static final double[] PUBLISHED_TRAIN_RSE = {0.291, 1.9e-5, 1.1e-5};
    static final double[] PUBLISHED_TEST_RSE = {0.292, 1.6e-5, 1.1e-5};
    static final int BATCH = 32;
    static final double MIN_RATE = 1e-4;

    private final Discovery discovery;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;
    @Option(names = "--dtype", defaultValue = "FLOAT64", description = "FLOAT64 (as the published NumPy code) or FLOAT32 (default ${DEFAULT-VALUE})")
    DType dtype;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the validation draw, the weights and the shuffling (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--epoch-scale", defaultValue = "1",
            description = "multiply every epoch count by this (e.g. 0.25 for a quick, clearly labelled reduced run; default ${DEFAULT-VALUE})")
    double epochScale;
    @Option(names = "--e2e-lr", defaultValue = "0.001",
            description = "t_max of the end-to-end comparison, decaying to 1e-4; of 0.1, 0.01 and 0.001 only 0.001 did not collapse to the mean (default ${DEFAULT-VALUE})")
    double e2eRate;
    @Option(names = "--skip-e2e", description = "train only the multigrade network")
    boolean skipE2e;

    /** The published grades. */
    static final List<Grade> GRADES = List.of(Grade.of(List.of(256, 256), Activation.SIN), Grade.of(List.of(128, 128, 64), Activation.RELU),
            Grade.of(List.of(64, 32, 32), Activation.RELU));

    /** The published schedules of the grades, with {@code scale} times the published passes. */
    static List<GradeSchedule> schedules(double scale) {
        return List.of(new GradeSchedule(passes(0, scale), BATCH, 0.1, MIN_RATE), new GradeSchedule(passes(1, scale), BATCH, 0.01, MIN_RATE),
                new GradeSchedule(passes(2, scale), BATCH, 0.01, MIN_RATE));
    }

    private static int passes(int grade, double scale) {
        return Math.max(2, (int) Math.round((PUBLISHED_EPOCHS[grade] + 1) * scale));
    }

    private final Tasks tasks;

    @Inject
    MultigradeReferenceCommand(Discovery discovery, Tasks tasks) {
        this.discovery = discovery;
        this.tasks = tasks;
    }

    @Override
    public Integer call() {
        if (!(epochScale > 0) || epochScale > 10) {
            throw new Lpa4jException("--epoch-scale must be in (0, 10] but is " + epochScale + ".");
        }
        PrintWriter out = spec.commandLine().getOut();
        DataSplits data = tasks.load(MultigradeReferenceTasks.NAME, TaskOptions.defaults().withSeed(seed).withDType(dtype)).data();
        List<GradeSchedule> schedules = schedules(epochScale);
        TrainingConfig config = TrainingConfig.defaults().withSeed(seed).withDType(dtype).withOptimizer(OptimizerSpec.adam());
        try (Backend b = backend.open(discovery)) {
            out.printf("Multigrade reference: f(x) = sin(100x) on [0,1], %d train / %d validation / %d test points, %s, Adam, batch %d, backend %s (%s)%s%n",
                    data.train().size(), data.validation().size(), data.test().size(), dtype, BATCH, b.name(), b.engineVersion(),
                    epochScale == 1 ? "" : String.format(", REDUCED RUN: epochs x %.3g", epochScale));
            out.printf("%-5s %-28s %6s %-14s %12s %12s %12s %16s %15s %8s%n", "grade", "layers", "passes", "lr", "train RSE", "val RSE",
                    "test RSE", "published train", "published test", "seconds");
            out.flush();
            List<GradeResult> results = new ArrayList<>();
            GradedMlp graded = new GradedMlp(1, 1, GRADES, dtype);
            MultigradeTrainer multigrade = MultigradeTrainer.allGrades().withSchedules(schedules).onGradeEnd(collector(results, schedules, out));
            try (TrainingResult r = multigrade.train(b, graded, data, config, Metric.RSE, List.of())) {
                double total = results.stream().mapToDouble(GradeResult::seconds).sum();
                out.printf("multigrade total: test RSE %.3e after %d grades in %.1f s%n", r.test().at(r.test().depth()), r.test().depth(), total);
            }
            if (!skipE2e) {
                // One network with every hidden layer of the grades, in order, trained end to end for all the grades' passes.
                Grade single = Grade.stacked(GRADES);
                GradeSchedule singleSchedule = new GradeSchedule(schedules.stream().mapToInt(GradeSchedule::epochs).sum(), BATCH, e2eRate, MIN_RATE);
                out.printf("%nSingle network of the same layers %s, trained end to end for %d passes (the grades' total), lr %s -> %s:%n",
                        single.describe(1, 1), singleSchedule.epochs(), e2eRate, MIN_RATE);
                out.flush();
                MultigradeTrainer.allGrades().withSchedules(List.of(singleSchedule)).onGradeEnd(collector(new ArrayList<>(), List.of(singleSchedule), out))
                        .train(b, new GradedMlp(1, 1, List.of(single), dtype), data, config, Metric.RSE, List.of()).close();
            }
        }
        out.println();
        out.println("Published passes: the authors' loop runs epochs 0..E (E = 20, 20, 40), i.e. E + 1 passes per grade, "
                + "the rate falling from t_max at the first pass to t_min at the last; weights and biases start uniform on +-1/sqrt(fan in) as theirs.");
        out.flush();
        return 0;
    }

    private static GradeListener collector(List<GradeResult> results, List<GradeSchedule> schedules, PrintWriter out) {
        return (trainer, r, weights) -> {
            results.add(r);
            GradeSchedule g = schedules.get(r.grade() - 1);
            int i = r.grade() - 1;
            boolean published = schedules.size() == PUBLISHED_EPOCHS.length;
            out.printf("%-5d %-28s %6d %-14s %12.3e %12.3e %12.3e %16s %15s %8.1f%n", r.grade(), r.layers(), r.epochs(),
                    g.maxRate() + "->" + g.minRate(), r.train(), r.validation(), r.test(),
                    published ? String.valueOf(PUBLISHED_TRAIN_RSE[i]) : "-", published ? String.valueOf(PUBLISHED_TEST_RSE[i]) : "-",
                    r.seconds());
            out.flush();
        };
    }
}
