package org.lpa4j.cli.command;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.architectures.nested.LevelResult;
import org.lpa4j.architectures.nested.MidpointGrid;
import org.lpa4j.architectures.nested.NestedConstruction;
import org.lpa4j.architectures.nested.NestedEvaluation;
import org.lpa4j.architectures.nested.TargetFunction;
import org.lpa4j.architectures.nested.TargetFunctions;
import org.lpa4j.cli.option.BackendOption;
import org.lpa4j.cli.output.ConstructionPlot;
import org.lpa4j.cli.output.ConstructionReport;
import org.lpa4j.cli.output.ConstructionRow;
import org.lpa4j.cli.output.ConstructionTable;
import org.lpa4j.cli.output.ReportWriter;
import org.lpa4j.cli.option.DepthConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lpa4j construct}: builds the certified nested mixed-activation network for a named function, runs it in
 * float64 through a backend, and reports per depth the measured L^p error next to the bound (2d + 1) w_{f,p}(N^-l).
 */
@Command(name = "construct", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Build the nested sine/ReLU network of width 2dN+d+2 with explicit weights and compare every readout's L^p error with its certified bound.")
public final class ConstructCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin org.lpa4j.cli.option.ThreadsOption threads;
    private final Discovery discovery;
    private final ReportWriter reports;
    private final ConstructionPlot plots;

    @Spec
    CommandSpec spec;

    @Option(names = "--function", required = true, description = "lipschitz, hoelder or jump")
    String function;

    @Option(names = "--dim", defaultValue = "1", description = "dimension d >= 1 (default ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--base", defaultValue = "2", description = "base N >= 2: level l has N^(l d) cells (default ${DEFAULT-VALUE})")
    int base;

    @Option(names = "--depth", defaultValue = "4", paramLabel = "K", converter = DepthConverter.class, description = "the network of K"
            + " levels to build, K >= 1 (default ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--p", defaultValue = "2", description = "L^p exponent, 1 <= p < infinity (default ${DEFAULT-VALUE})")
    double p;

    @Mixin
    BackendOption backend;

    @Option(names = "--search-steps", defaultValue = "" + NestedConstruction.DEFAULT_SEARCH_STEPS, description = "decoder frequencies tried per level before the float64 network stops (default ${DEFAULT-VALUE})")
    long searchSteps;

    @Option(names = "--out", defaultValue = "out/construct", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Inject
    ConstructCommand(Discovery discovery, ReportWriter reports, ConstructionPlot plots) {
        this.discovery = discovery;
        this.reports = reports;
        this.plots = plots;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter printer = spec.commandLine().getOut();
        TargetFunction f = TargetFunctions.named(function);
        NestedConstruction.check(dim, base, depth, p);
        if (searchSteps < 1) {
            throw new Lpa4jException("--search-steps must be at least 1, not " + searchSteps + ".");
        }
        long start = System.nanoTime();
        NestedConstruction construction = NestedConstruction.build(f, dim, base, depth, p, searchSteps);
        MidpointGrid grid = NestedEvaluation.defaultGrid(dim, base, depth);
        List<LevelResult> results;
        String engine;
        try (Backend b = backend.open(discovery)) {
            engine = b.name();
            results = NestedEvaluation.run(construction, b, grid);
        }
        ConstructionReport report = new ConstructionReport(f.name(), f.description(), dim, base, p, depth, construction.decodedDepth(), engine,
                grid.perSide(), results.stream().map(ConstructionRow::of).toList(), construction.decoders(), precision(construction),
                (System.nanoTime() - start) / 1e9);
        Files.createDirectories(out);
        reports.writeJson(report, out.resolve("report.json"));
        plots.write(report, out.resolve("depth.png"));
        printer.print(ConstructionTable.format(report));
        printer.println("Wrote " + out.resolve("report.json") + " and " + out.resolve("depth.png") + ".");
        boolean ok = results.stream().skip(1).limit(construction.decodedDepth()).allMatch(LevelResult::networkWithinBound);
        return ok ? 0 : 1;
    }

    private String precision(NestedConstruction c) {
        if (c.decodedDepth() == c.requestedDepth()) {
            return "The float64 network decodes every requested level (" + c.requestedDepth() + ").";
        }
        int next = c.decodedDepth() + 1;
        long cells = Math.round(Math.pow(c.base(), (double) next * c.dim()));
        return "The float64 network stops at depth " + c.decodedDepth() + ": level " + next + " has " + cells
                + " cells and no decoder frequency up to " + searchSteps + " steps met its tolerance (the frequency needed grows like "
                + "(range/tolerance)^cells). Levels " + next + ".." + c.requestedDepth() + " are the certified E_l f on the host.";
    }
}
