package org.lpa4j.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.models.LoadedModel;
import org.lpa4j.models.Models;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a saved model as ONNX files: {@code depth_k.onnx} for every depth k (stem, blocks 1..k, head: input to
 * prediction), and the pieces an early-exit server chains, {@code stem.onnx} (input to state), {@code block_l.onnx}
 * (state before block l to state after it) and {@code head.onnx} (state to prediction; {@code head_k.onnx} for each depth
 * instead when the network reads each depth its own way, e.g. with a per-depth adapter or temperature), plus {@value #MANIFEST_FILE}, which
 * lists the files, their inputs and outputs, the depths, the exit policy, labels or vocabulary and the input preprocessing.
 * The folder is written as a whole and never replaces an existing one.
 */
public final class OnnxExport {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxExport.class);
    /** The export's manifest file. */
    public static final String MANIFEST_FILE = "onnx.json";
    /** The version of the manifest's layout. */
    public static final int FORMAT_VERSION = 1;
    /** The name of the network input in every graph that takes it. */
    public static final String INPUT = "x";
    /** The name of every graph's prediction output. */
    public static final String PREDICTION = "y";
    /** The name of the state a piece takes. */
    public static final String STATE = "state";
    /** The name of the state a piece gives. */
    public static final String NEXT_STATE = "next_state";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OnnxExport() {
    }

    /** The file of the depth-{@code k} model. */
    public static String depthFile(int k) {
        return "depth_" + k + ".onnx";
    }

    /** The file of block {@code l}'s piece. */
    public static String blockFile(int l) {
        return "block_" + l + ".onnx";
    }

    /** The file of depth {@code k}'s head, for a network whose depths are read each its own way. */
    public static String headFile(int k) {
        return "head_" + k + ".onnx";
    }

    /** Whether {@code network} reads its depths each its own way ({@code head(l, ...)} not the shared head). */
    static boolean perDepthHeads(ResidualNetwork network) {
        try {
            return network.getClass().getMethod("head", int.class, Ops.class, Parameters.class, Tensor.class).getDeclaringClass()
                    != ResidualNetwork.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ResidualNetwork.head(int, Ops, Parameters, Tensor) is gone", e);
        }
    }

    /**
     * Exports the bundle at {@code bundle}, loaded on {@code backend} (any backend: only the network and its weights are
     * read), into the new folder {@code out}; returns the files written, manifest last.
     */
    public static List<Path> export(Path bundle, Backend backend, Path out) {
        Objects.requireNonNull(out, "out is null");
        JsonNode source;
        try (LoadedModel loaded = Models.load(bundle, backend)) {
            source = JSON.readTree(bundle.resolve(Models.MANIFEST_FILE).toFile());
            List<Path> written = new ArrayList<>();
            AtomicDirectories.write(out, false, staging -> written.addAll(write(loaded.model().network(), loaded.model().parameters(),
                    source, staging)));
            List<Path> files = written.stream().map(p -> out.resolve(p.getFileName())).toList();
            LOG.info("Exported {} as {} ONNX files into {}.", bundle, files.size() - 1, out);
            return files;
        } catch (IOException e) {
            throw new OnnxExportException("The ONNX export into " + out + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); nothing was written there. Check that the folder does not exist yet and that its parent is writable.", e);
        }
    }

    /**
     * Writes the ONNX files of {@code network} with {@code parameters} into the existing folder {@code dir}, and the manifest
     * with what {@code source} (a bundle's model.json, or null) says about the input, output and exit policy.
     */
    public static List<Path> write(ResidualNetwork network, ParameterSet parameters, JsonNode source, Path dir) throws IOException {
        int depth = network.depth();
        InputSpec input = new InputSpec(INPUT, network.input().dtype(), network.input().shape());
        List<Path> files = new ArrayList<>();
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", FORMAT_VERSION);
        manifest.put("opset", OnnxTypes.OPSET);
        manifest.put("irVersion", OnnxTypes.IR_VERSION);
        manifest.put("architecture", network.name());
        manifest.put("depth", depth);
        ArrayNode depths = manifest.putArray("depths");
        for (int k = 1; k <= depth; k++) {
            int d = k;
            OnnxModel m = OnnxTrace.trace(network.name() + "_depth_" + k, List.of(input),
                    (ops, p, in) -> List.of(network.readout(ops, p, in.get(0), d)), parameters, List.of(PREDICTION));
            files.add(save(m, dir.resolve(depthFile(k))));
            depths.addObject().put("depth", k).put("file", depthFile(k));
            if (k == 1) {
                manifest.set("input", io(m.inputs().get(0)));
                manifest.set("output", io(m.outputs().get(0)));
            }
        }
        OnnxModel stem = OnnxTrace.trace(network.name() + "_stem", List.of(input), (ops, p, in) -> List.of(network.stem(ops, p, in.get(0))),
                parameters, List.of(NEXT_STATE));
        files.add(save(stem, dir.resolve("stem.onnx")));
        InputSpec state = new InputSpec(STATE, stem.outputs().get(0).dtype(), stem.outputs().get(0).shape());
        ObjectNode pieces = manifest.putObject("earlyExit");
        pieces.put("stem", "stem.onnx");
        pieces.set("state", io(state));
        ArrayNode blocks = pieces.putArray("blocks");
        for (int l = 1; l <= depth; l++) {
            int b = l;
            OnnxModel m = OnnxTrace.trace(network.name() + "_block_" + l, List.of(state),
                    (ops, p, in) -> List.of(ops.add(in.get(0), network.block(b, ops, p, in.get(0)))), parameters, List.of(NEXT_STATE));
            files.add(save(m, dir.resolve(blockFile(l))));
            blocks.add(blockFile(l));
        }
        if (perDepthHeads(network)) {
            ArrayNode heads = pieces.putArray("heads");
            for (int k = 1; k <= depth; k++) {
                int d = k;
                OnnxModel m = OnnxTrace.trace(network.name() + "_head_" + k, List.of(state), (ops, p, in) -> List.of(network.head(d, ops, p,
                        in.get(0))), parameters, List.of(PREDICTION));
                files.add(save(m, dir.resolve(headFile(k))));
                heads.add(headFile(k));
            }
            pieces.put("use", "h = stem(x); for l in 1..k: h = block_l(h); y_k = heads[k](h) (each depth has its own head). After each"
                    + " block, rows whose exitPolicy says stop keep y_k; the others continue.");
        } else {
            OnnxModel head = OnnxTrace.trace(network.name() + "_head", List.of(state), (ops, p, in) -> List.of(network.head(ops, p, in.get(0))),
                    parameters, List.of(PREDICTION));
            files.add(save(head, dir.resolve("head.onnx")));
            pieces.put("head", "head.onnx");
            pieces.put("use", "h = stem(x); for l in 1..k: h = block_l(h); y_k = head(h). After each block, rows whose exitPolicy says"
                    + " stop keep y_k; the others continue.");
        }
        if (source != null) {
            copy(source, manifest, "exit_policy", "exitPolicy");
            JsonNode in = source.path("input");
            copy(in, manifest.with("input"), "preprocessing", "preprocessing");
            copy(in, manifest.with("input"), "vocabulary", "vocabulary");
            JsonNode output = source.path("output");
            copy(output, manifest.with("output"), "kind", "kind");
            copy(output, manifest.with("output"), "labels", "labels");
            copy(source, manifest, "metrics", "metrics");
        }
        Path manifestFile = dir.resolve(MANIFEST_FILE);
        JSON.writeValue(manifestFile.toFile(), manifest);
        files.add(manifestFile);
        return files;
    }

    private static void copy(JsonNode from, ObjectNode to, String field, String as) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            to.set(as, v);
        }
    }

    private static ObjectNode io(InputSpec spec) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", spec.name());
        n.put("dtype", spec.dtype().name());
        ArrayNode shape = n.putArray("shape");
        for (int d : spec.shape().dims()) {
            if (d < 0) {
                shape.add(OnnxTypes.BATCH);
            } else {
                shape.add(d);
            }
        }
        return n;
    }

    private static Path save(OnnxModel model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            model.writeTo(out);
        }
        return file;
    }
}
