package org.lpa4j.cli.command;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.cli.option.BackendOption;
import org.lpa4j.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa4j export}: a saved model as ONNX files, one per depth, and the pieces an early-exit server chains. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Export a saved model as ONNX (opset 17): depth_k.onnx for every depth, stem.onnx, block_l.onnx and head.onnx (head_k.onnx for"
                + " a model with per-depth readouts) for"
                + " early exit, and onnx.json saying what each file takes and gives, the exit policy, labels and input preprocessing.")
public final class ExportCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin org.lpa4j.cli.option.ThreadsOption threads;
    private final Discovery discovery;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "a saved model folder, e.g. OUT/lpa of 'lpa4j fit --out OUT'")
    Path model;
    @Option(names = "--format", defaultValue = "onnx", description = "the format to write: onnx (the only one; default ${DEFAULT-VALUE})")
    String format;
    @Option(names = "--out", required = true, description = "the folder to create; an existing one is kept and refused")
    Path out;
    @Mixin
    BackendOption backend;

    @Inject
    ExportCommand(Discovery discovery) {
        this.discovery = discovery;
    }

    @Override
    public Integer call() {
        if (!"onnx".equals(format)) {
            throw new Lpa4jException("--format is '" + format + "', but lpa4j exports only onnx; pass --format onnx or leave it out.");
        }
        List<Path> files;
        try (Backend b = backend.open(discovery)) {
            files = OnnxExport.export(model, b, out);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.println("Exported " + model + " into " + out + ": " + (files.size() - 1) + " ONNX files and " + OnnxExport.MANIFEST_FILE + ".");
        for (Path f : files) {
            w.println("  " + f.getFileName());
        }
        w.flush();
        return 0;
    }
}
