package org.lpa4j.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * What makes a bundle tamper-evident ({@link ModelManifest.Integrity}): the digest of the manifest with everything but
 * the parts meant to change ({@code exit_policy}, and {@code integrity} itself), which names the weights' SHA-256 and so
 * covers them too; and probe inputs with their outputs at every depth, which a loaded model must reproduce on any
 * backend within {@link #tolerance}. A changed hyperparameter, label, vocabulary, preprocessing or weight is caught by one or both.
 */
final class BundleIntegrity {
    /** The manifest fields the digest leaves out: the calibrated exit policy (rewritten by evaluate) and the integrity record. */
    static final List<String> CHANGEABLE = List.of("exit_policy", "integrity");
    /** Probe examples in a bundle. */
    static final int PROBE_EXAMPLES = 2;
    /** The most output values recorded per depth; a depth's outputs are sampled at evenly spaced positions beyond that. */
    static final int MAX_SAMPLED = 128;
    /** The seed of the probe inputs. */
    private static final long PROBE_SEED = 0x5eed;

    private BundleIntegrity() {
    }

    /** The SHA-256 of {@code manifest} (a {@code model.json} tree) without {@link #CHANGEABLE}, in canonical form (keys sorted, no spaces). */
    static String digest(JsonNode manifest) {
        ObjectNode fixed = ((ObjectNode) manifest).deepCopy();
        fixed.remove(CHANGEABLE);
        StringBuilder canonical = new StringBuilder();
        canonical(fixed, canonical);
        MessageDigest d = Sha256.digest();
        d.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return Sha256.hex(d);
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (String name : new TreeSet<>(iterable(node.fieldNames()))) {
                out.append(first ? "" : ",").append(com.fasterxml.jackson.databind.node.TextNode.valueOf(name)).append(':');
                canonical(node.get(name), out);
                first = false;
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                canonical(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    /** Seeded probe inputs for a model reading {@code input}, and {@code model}'s sampled outputs on them at every depth. */
    static ModelManifest.Probes probes(ProgressiveModel model, ModelManifest.Input input) {
        HostTensor x = probeInputs(input);
        List<HostTensor> outputs = model.predictAll(x);
        int size = outputs.get(0).size();
        int count = Math.min(size, MAX_SAMPLED);
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = (int) ((long) i * size / count);
        }
        List<double[]> sampled = new ArrayList<>();
        for (HostTensor y : outputs) {
            sampled.add(sample(y, positions));
        }
        return new ModelManifest.Probes(x.shape().dims(), x.toDoubleArray(), positions, sampled);
    }

    private static HostTensor probeInputs(ModelManifest.Input input) {
        int[] dims = new int[input.exampleShape().length + 1];
        dims[0] = PROBE_EXAMPLES;
        System.arraycopy(input.exampleShape(), 0, dims, 1, input.exampleShape().length);
        Shape shape = Shape.of(dims);
        SplittableRandom random = new SplittableRandom(PROBE_SEED);
        double[] values = new double[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = input.tokens() ? random.nextInt(input.vocabularySize()) : gaussian(random);
        }
        return HostTensor.fromDoubles(input.dtype(), shape, values);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double[] sample(HostTensor y, int[] positions) {
        double[] s = new double[positions.length];
        for (int i = 0; i < positions.length; i++) {
            s[i] = y.getDouble(positions[i]);
        }
        return s;
    }

    /** How far a backend's outputs may be from the recorded ones, norm-wise relative: rounding across engines, never a changed model. */
    static double tolerance(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e-9 : 1e-4;
    }

    /** Refuses {@code model} unless it reproduces {@code probes} at every depth within {@link #tolerance}. */
    static void check(Path dir, ModelManifest manifest, ModelManifest.Probes probes, ProgressiveModel model) {
        if (probes.outputs().size() != model.depth()) {
            throw new BundleException("The probes in the manifest of " + dir + " record " + probes.outputs().size() + " depths but the model"
                    + " has " + model.depth() + "; the manifest was edited. Save the model again.");
        }
        HostTensor x = HostTensor.fromDoubles(manifest.input().dtype(), Shape.of(probes.shape()), probes.inputs());
        List<HostTensor> outputs = model.predictAll(x);
        double tolerance = tolerance(manifest.dtype());
        for (int d = 0; d < outputs.size(); d++) {
            HostTensor y = outputs.get(d);
            int last = y.shape().dim(y.shape().rank() - 1);
            if (last != manifest.output().size()) {
                throw new BundleException("The manifest of " + dir + " says the model has " + manifest.output().size() + " outputs but its"
                        + " network gives " + last + "; the manifest was edited. Save the model again.");
            }
            int top = Arrays.stream(probes.positions()).max().orElse(-1);
            double[] expected = probes.outputs().get(d);
            if (top >= y.size() || expected.length != probes.positions().length) {
                throw new BundleException("The probes in the manifest of " + dir + " do not fit the model's outputs; the manifest was edited."
                        + " Save the model again.");
            }
            double[] actual = sample(y, probes.positions());
            double gap = relativeGap(actual, expected);
            if (!(gap <= tolerance)) {
                throw new BundleException("The model at " + dir + " does not give the outputs it was saved with: at depth " + (d + 1)
                        + " its probe outputs differ by " + String.format("%.3g", gap) + " (relative; backends agree within " + tolerance
                        + "). Its weights, hyperparameters or architecture are not the ones it was saved with; save the model again.");
            }
        }
    }

    /** {@code ||a - b|| / max(||a||, ||b||, 1)}: relative for outputs of any size, absolute for near-zero ones. */
    static double relativeGap(double[] a, double[] b) {
        double diff = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return Math.sqrt(diff) / Math.max(1, Math.sqrt(Math.max(na, nb)));
    }
}
