package org.lpa4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.input.InputPreprocessing;
import org.lpa4j.api.input.RawImages;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.architectures.fnn.ResidualMlp;

/** Saving and loading bundles on a real engine, and every way a bundle can be wrong, each refused with its sentence. */
class ModelsTest {
    private static final TaskShape TASK = new TaskShape(new int[] {2}, false, 0, 3, OutputKind.CLASSES);
    private static final List<String> LABELS = List.of("red", "green", "blue");
    private static final TaskOptions OPTIONS = TaskOptions.defaults().withSeed(7).withExamples(500).withLimit(40);
    private static final HostTensor X = HostTensor.ofFloats(Shape.of(4, 2), 0.1f, 0.9f, -0.5f, 0.3f, 1f, 1f, 0f, -2f);

    private static Backend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void openBackend() {
        backend = Backends.open("tensorflow");
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    private static ProgressiveModel model(ResidualNetwork network, long seed) {
        return new ProgressiveModel(network, backend.createVariables(ParameterSet.initialize(network.parameters(), seed, DType.FLOAT32)));
    }

    private static ResidualMlp mlp() {
        return new ResidualMlp(2, 8, 3, 3, Activation.TANH, true, DType.FLOAT32);
    }

    private static ModelManifest info() {
        return ModelManifest.builder().setTask(TASK).optLabels(LABELS).optTrainer("lpa", Map.of(ModelManifest.FORM, "JOINT", ModelManifest.WEIGHTING, "ADAPTIVE"))
                .optConfig(TrainingConfig.defaults().withSeed(7)).optBackend(backend).optDataset("colours", "ab12").optTaskOptions(OPTIONS)
                .optPreprocessing(new InputPreprocessing.Features())
                .optMetric("accuracy", false, new double[] {0.5, 0.6, 0.7}, new double[] {0.4, 0.5, 0.65}).build();
    }

    private Path saved() {
        Path bundle = dir.resolve("model");
        try (ProgressiveModel m = model(mlp(), 3)) {
            Models.save(m, info(), bundle);
        }
        return bundle;
    }

    private static void editManifest(Path bundle, Consumer<ObjectNode> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(bundle.resolve(Models.MANIFEST_FILE).toFile());
        edit.accept(manifest);
        json.writeValue(bundle.resolve(Models.MANIFEST_FILE).toFile(), manifest);
    }

    /** Replaces the weights by {@code tensors} and makes the manifest name their hash, so only the later checks can object. */
    private static void replaceWeights(Path bundle, Map<String, HostTensor> tensors) throws IOException {
        Path file = bundle.resolve(Models.WEIGHTS_FILE);
        Files.delete(file);
        SafeTensors.write(tensors, Map.of(), file);
        rehash(bundle);
    }

    private static void rehash(Path bundle) throws IOException {
        String hash = Sha256.of(bundle.resolve(Models.WEIGHTS_FILE));
        editManifest(bundle, m -> ((ObjectNode) m.get("weights")).put("sha256", hash));
    }

    /** Records the digest of the edited manifest, as a careful forger would, so only the probes can object. */
    private static void redigest(Path bundle) throws IOException {
        String digest = BundleIntegrity.digest(new ObjectMapper().readTree(bundle.resolve(Models.MANIFEST_FILE).toFile()));
        editManifest(bundle, m -> ((ObjectNode) m.get("integrity")).put("digest", digest));
    }

    private static Map<String, HostTensor> weights(Path bundle) throws IOException {
        return new LinkedHashMap<>(SafeTensors.read(bundle.resolve(Models.WEIGHTS_FILE)).tensors());
    }

    private static String refusal(Path bundle) {
        return assertThrows(BundleException.class, () -> Models.load(bundle, backend).close()).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' in: " + message);
        }
    }

    @Test
    void savedModel_loadsWithTheSamePredictionsAtEveryDepth_andItsManifest() {
        Path bundle = dir.resolve("model");
        List<HostTensor> before;
        try (ProgressiveModel m = model(mlp(), 3)) {
            before = m.predictAll(X);
            Models.save(m, info(), bundle);
        }
        try (LoadedModel loaded = Models.load(bundle, backend)) {
            assertEquals(before, loaded.model().predictAll(X));
            ModelManifest manifest = loaded.manifest();
            assertEquals(Models.FORMAT_VERSION, manifest.formatVersion());
            assertEquals("fnn", manifest.architecture().name());
            assertEquals(mlp().hyperparameters().asMap(), org.lpa4j.api.model.Hyperparameters.of(manifest.architecture().hyperparameters()).asMap());
            assertEquals(TASK, manifest.taskShape());
            assertEquals(LABELS, manifest.output().labels());
            assertEquals(DType.FLOAT32, manifest.dtype());
            assertEquals(3, manifest.depth());
            assertEquals("lpa", manifest.training().trainer());
            assertEquals("ADAPTIVE", manifest.training().option(ModelManifest.WEIGHTING));
            assertEquals(7L, manifest.provenance().seed());
            assertEquals(backend.name(), manifest.provenance().backend());
            assertEquals(backend.engineVersion(), manifest.provenance().engineVersion());
            assertFalse(manifest.provenance().lpa4jVersion().contains("$") || manifest.provenance().lpa4jVersion().equals("unknown"),
                    manifest.provenance().lpa4jVersion());
            assertArrayEquals(new double[] {0.4, 0.5, 0.65}, manifest.metrics().get(0).test());
            assertNull(manifest.exitPolicy());
        }
    }

    @Test
    void exitPolicy_isSavedIntoTheManifest_withTheWeightsUntouched() throws IOException {
        Path bundle = saved();
        byte[] weights = Files.readAllBytes(bundle.resolve(Models.WEIGHTS_FILE));
        Map<String, Object> policy = Map.of("kind", "confidence", "thresholds", List.of(0.9, 0.8, 0.0));
        Models.saveExitPolicy(bundle, policy);
        assertEquals(policy, Models.inspect(bundle).exitPolicy());
        assertArrayEquals(weights, Files.readAllBytes(bundle.resolve(Models.WEIGHTS_FILE)));
        Models.load(bundle, backend).close();
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of(bundle), siblings.toList());
        }
    }

    @Test
    void existingModel_isKept_unlessReplacingIsAsked_andNoStagingFolderIsLeft() throws IOException {
        Path bundle = saved();
        byte[] first = Files.readAllBytes(bundle.resolve(Models.WEIGHTS_FILE));
        try (ProgressiveModel other = model(mlp(), 99)) {
            String message = assertThrows(BundleException.class, () -> Models.save(other, info(), bundle)).getMessage();
            assertMentions(message, "already exists", bundle.toString());
            assertArrayEquals(first, Files.readAllBytes(bundle.resolve(Models.WEIGHTS_FILE)));
            Models.saveReplacing(other, info(), bundle);
        }
        assertFalse(Arrays.equals(first, Files.readAllBytes(bundle.resolve(Models.WEIGHTS_FILE))));
        Models.load(bundle, backend).close();
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of(bundle), siblings.toList(), "only the bundle is left, no staging or replaced folder");
        }
    }

    @Test
    void emptyFolder_isNotAnExistingModel() throws IOException {
        Path bundle = Files.createDirectory(dir.resolve("empty"));
        try (ProgressiveModel m = model(mlp(), 3)) {
            Models.save(m, info(), bundle);
        }
        Models.load(bundle, backend).close();
    }

    @Test
    void bundleFilesAreReadableAsTheUmaskAllows() throws IOException {
        Path bundle = saved();
        Path probe = Files.createFile(dir.resolve("probe"));
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(bundle.resolve(Models.MANIFEST_FILE)));
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(bundle.resolve(Models.WEIGHTS_FILE)));
    }

    @Test
    void inputPreprocessingAndDataOptions_travelInTheManifest() {
        try (LoadedModel loaded = Models.load(saved(), backend)) {
            assertEquals(OPTIONS, loaded.manifest().provenance().taskOptions());
            assertEquals(new InputPreprocessing.Features(), loaded.preprocessing().orElseThrow());
            BundleException images = assertThrows(BundleException.class, () -> loaded.inputOf(new RawImages(1, 1, 2, new float[2], 255)));
            assertMentions(images.getMessage(), "This model reads rows of numbers (CSV), not grey images", "colours");
        }
    }

    @Test
    void preprocessingThatDoesNotFitTheInput_orOfAnUnknownKind_isRefused() throws IOException {
        Path bundle = saved();
        editManifest(bundle, m -> ((ObjectNode) m.get("input")).set("preprocessing", new ObjectMapper().valueToTree(
                Map.of("kind", "grey_images", "rows", 1, "cols", 2, "mean", 0.1, "std", 0.3))));
        assertMentions(refusal(bundle), "input preprocessing in the manifest", "1x2 grey images feed a model that reads [1, 1, 2], not [2]",
                "manifest was edited");
        editManifest(bundle, m -> ((ObjectNode) m.get("input")).set("preprocessing", new ObjectMapper().valueToTree(
                Map.of("kind", "word_ids", "length", 2, "words", List.of("a")))));
        assertMentions(refusal(bundle), "texts of 2 word ids feed a model that reads 2 token ids, not numbers of shape [2]");
        editManifest(bundle, m -> ((ObjectNode) m.get("input")).set("preprocessing", new ObjectMapper().valueToTree(Map.of("kind", "audio"))));
        assertMentions(refusal(bundle), "input preprocessing of kind 'audio'", "knows features, grey_images and word_ids");
        editManifest(bundle, m -> ((ObjectNode) m.get("input")).set("preprocessing", new ObjectMapper().valueToTree(
                Map.of("kind", "grey_images", "rows", 1, "cols", 2, "mean", 0.1, "std", -1))));
        assertMentions(refusal(bundle), "positive, finite standard deviation but has mean 0.1 and std -1.0");
    }

    @Test
    void formatOneBundle_withoutPreprocessingOrDataOptions_loads_andSaysWhatItCannotRead() throws IOException {
        Path bundle = saved();
        editManifest(bundle, m -> {
            m.put("format_version", 1);
            ((ObjectNode) m.get("input")).remove("preprocessing");
            ((ObjectNode) m.get("provenance")).remove("task_options");
            ObjectNode training = (ObjectNode) m.get("training");
            training.remove("options");
            training.put("form", "JOINT").put("weighting", "ADAPTIVE");
        });
        try (LoadedModel loaded = Models.load(bundle, backend)) {
            assertNull(loaded.manifest().provenance().taskOptions());
            assertTrue(loaded.preprocessing().isEmpty());
            assertEquals(Map.of(ModelManifest.FORM, "JOINT", ModelManifest.WEIGHTING, "ADAPTIVE"), loaded.manifest().training().options(),
                    "an older bundle's LPA settings are read into the trainer's options");
            assertEquals(3, loaded.model().predict(X, 3).shape().dim(1), "it still predicts on network inputs");
            BundleException texts = assertThrows(BundleException.class, () -> loaded.inputOf(List.of(new byte[] {'a'})));
            assertMentions(texts.getMessage(), "cannot read raw texts", "saved in bundle format 1", "shape [2] per example",
                    "train and save it again");
        }
    }

    @Test
    void newerFormatVersion_isRefused() throws IOException {
        Path bundle = saved();
        editManifest(bundle, m -> m.put("format_version", Models.FORMAT_VERSION + 1));
        assertMentions(refusal(bundle), "format " + (Models.FORMAT_VERSION + 1), "newer lpa4j");
    }

    @Test
    void missingOrExtraFiles_areRefused() throws IOException {
        Path bundle = saved();
        Files.writeString(bundle.resolve("lpa-weights.bin"), "old run");
        assertMentions(refusal(bundle), "lpa-weights.bin", "no part of it");
        Files.delete(bundle.resolve("lpa-weights.bin"));
        Files.delete(bundle.resolve(Models.WEIGHTS_FILE));
        assertMentions(refusal(bundle), Models.WEIGHTS_FILE + " is missing");
        assertMentions(assertThrows(BundleException.class, () -> Models.load(dir.resolve("nothing"), backend)).getMessage(),
                "There is no saved model");
    }

    @Test
    void weightsThatAreNotTheOnesTheManifestNames_areRefused() throws IOException {
        Path bundle = saved();
        byte[] w = Files.readAllBytes(bundle.resolve(Models.WEIGHTS_FILE));
        w[w.length - 1] ^= 1;
        Files.write(bundle.resolve(Models.WEIGHTS_FILE), w);
        assertMentions(refusal(bundle), "SHA-256", "mixes two saved models");
    }

    @Test
    void truncatedOrCorruptWeights_areRefusedEvenWithAMatchingHash() throws IOException {
        Path bundle = saved();
        byte[] w = Files.readAllBytes(bundle.resolve(Models.WEIGHTS_FILE));
        Files.write(bundle.resolve(Models.WEIGHTS_FILE), Arrays.copyOf(w, w.length - 12));
        rehash(bundle);
        assertMentions(refusal(bundle), "not a complete safetensors file", "truncated");
        Files.writeString(bundle.resolve(Models.WEIGHTS_FILE), "garbage, not weights");
        rehash(bundle);
        assertMentions(refusal(bundle), "not a complete safetensors file");
    }

    @Test
    void parameterSetThatIsNotExactlyTheArchitectures_isRefused() throws IOException {
        Path bundle = saved();
        Map<String, HostTensor> good = weights(bundle);

        Map<String, HostTensor> missing = new LinkedHashMap<>(good);
        missing.remove("head.bias");
        replaceWeights(bundle, missing);
        assertMentions(refusal(bundle), "'head.bias'", "is missing");

        Map<String, HostTensor> extra = new LinkedHashMap<>(good);
        extra.put("block9.fc1.weight", HostTensor.zeros(DType.FLOAT32, Shape.of(8, 8)));
        replaceWeights(bundle, extra);
        assertMentions(refusal(bundle), "'block9.fc1.weight' is no parameter");

        Map<String, HostTensor> wrongShape = new LinkedHashMap<>(good);
        wrongShape.put("head.bias", HostTensor.zeros(DType.FLOAT32, Shape.of(4)));
        replaceWeights(bundle, wrongShape);
        assertMentions(refusal(bundle), "'head.bias' is [4] in the weights but [3] in the network");

        Map<String, HostTensor> wrongType = new LinkedHashMap<>(good);
        wrongType.put("head.bias", good.get("head.bias").cast(DType.FLOAT64));
        replaceWeights(bundle, wrongType);
        assertMentions(refusal(bundle), "'head.bias' is FLOAT64 but the manifest says FLOAT32");
    }

    @Test
    void editedHyperparametersThatNoLongerFitTheWeights_areRefused() throws IOException {
        Path bundle = saved();
        editManifest(bundle, m -> ((ObjectNode) m.get("architecture").get("hyperparameters")).put("width", 16));
        assertMentions(refusal(bundle), "not exactly the parameters", "is [2, 8] in the weights but [2, 16] in the network");
    }

    @Test
    void hyperparametersThatBuildNoNetwork_orAnotherDepth_areRefused() throws IOException {
        Path bundle = saved();
        editManifest(bundle, m -> ((ObjectNode) m.get("architecture").get("hyperparameters")).put("activation", "SWISH"));
        assertMentions(refusal(bundle), "does not describe a buildable network", "SWISH");
        bundle = dir.resolve("model");
        editManifest(bundle, m -> {
            ((ObjectNode) m.get("architecture").get("hyperparameters")).put("activation", "TANH");
            m.put("depth", 5);
        });
        assertMentions(refusal(bundle), "says depth 5", "depth 3");
    }

    @Test
    void vocabularyOrLabelsThatDoNotMatchTheOutputs_areRefused() throws IOException {
        Path bundle = saved();
        editManifest(bundle, m -> ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("output").get("labels")).add("yellow"));
        assertMentions(refusal(bundle), "names 4 outputs", "has 3 outputs");
        editManifest(bundle, m -> ((ObjectNode) m.get("output")).put("size", 4));
        redigest(bundle);
        assertMentions(refusal(bundle), "says the model has 4 outputs but its network gives 3");
    }

    @Test
    void unknownArchitecture_isASentenceNamingItTheKnownOnesAndTheModuleToAdd() throws IOException {
        Path bundle = saved();
        editManifest(bundle, m -> ((ObjectNode) m.get("architecture")).put("name", "gated-fnn"));
        assertMentions(refusal(bundle), "'gated-fnn'", "known: fnn, graded, nested, resnet, transformer", "Add the module that provides",
                "META-INF/services");
    }

    @Test
    void manifestThatIsNotJson_isRefused() throws IOException {
        Path bundle = saved();
        Files.writeString(bundle.resolve(Models.MANIFEST_FILE), "{\"format_version\": 1, ");
        assertMentions(refusal(bundle), "is not valid JSON");
    }

    @Test
    void networkWithoutARegisteredArchitecture_isNotSaved() {
        Path bundle = dir.resolve("model");
        try (ProgressiveModel m = model(new UnregisteredNetwork(), 1)) {
            String message = assertThrows(org.lpa4j.api.Lpa4jException.class, () -> Models.save(m, info(), bundle)).getMessage();
            assertMentions(message, "'unregistered'", "hyperparameters");
        }
        assertFalse(Files.exists(bundle));
    }

    @Test
    void truncatedView_isNotSavedAsAModel() {
        try (ProgressiveModel m = model(mlp(), 3); ProgressiveModel two = m.truncate(2)) {
            assertMentions(assertThrows(BundleException.class, () -> Models.save(two, info(), dir.resolve("m"))).getMessage(),
                    "depth-2 view", "save the full model");
        }
    }

    @Test
    void dataFingerprint_changesWithTheData() {
        org.lpa4j.api.data.TensorDataset a = new org.lpa4j.api.data.TensorDataset(X, HostTensor.ofInts(Shape.of(4), 0, 1, 2, 0));
        org.lpa4j.api.data.TensorDataset b = new org.lpa4j.api.data.TensorDataset(X, HostTensor.ofInts(Shape.of(4), 0, 1, 2, 1));
        String one = DataFingerprint.sha256(new org.lpa4j.api.data.DataSplits("t", a, a, a));
        assertEquals(one, DataFingerprint.sha256(new org.lpa4j.api.data.DataSplits("t", a, a, a)));
        assertNotEquals(one, DataFingerprint.sha256(new org.lpa4j.api.data.DataSplits("t", a, a, b)));
        assertNotEquals(one, DataFingerprint.sha256(new org.lpa4j.api.data.DataSplits("t", a, b, a)));
        assertNotEquals(one, DataFingerprint.sha256(new org.lpa4j.api.data.DataSplits("t", b, a, a)));
    }

    /** A network of the user's whose architecture is registered nowhere. */
    private static final class UnregisteredNetwork implements ResidualNetwork {
        private final Dense stem = new Dense("stem", 2, 4);
        private final Dense block = new Dense("block1", 4, 4);
        private final Dense head = new Dense("head", 4, 3);

        @Override
        public String name() {
            return "unregistered";
        }

        @Override
        public int depth() {
            return 1;
        }

        @Override
        public InputSpec input() {
            return InputSpec.batched("x", DType.FLOAT32, 2);
        }

        @Override
        public List<ParameterSpec> parameters() {
            return Stream.of(stem, block, head).flatMap(d -> d.parameters().stream()).toList();
        }

        @Override
        public java.util.Set<String> blockParameters(int l) {
            return ParameterSpec.names(block.parameters());
        }

        @Override
        public Tensor stem(Ops ops, Parameters params, Tensor x) {
            return stem.forward(ops, params, x);
        }

        @Override
        public Tensor block(int l, Ops ops, Parameters params, Tensor h) {
            return block.forward(ops, params, h);
        }

        @Override
        public Tensor head(Ops ops, Parameters params, Tensor h) {
            return head.forward(ops, params, h);
        }
    }

    @Test
    void editsThatKeepEveryShape_areCaughtByTheDigest() throws IOException {
        Path bundle = saved();
        String digestRefusal = "was changed after the model was saved";
        editManifest(bundle, m -> ((ObjectNode) m.get("output")).set("labels", new ObjectMapper().valueToTree(List.of("green", "red", "blue"))));
        assertMentions(refusal(bundle), digestRefusal, "labels");
        assertMentions(assertThrows(BundleException.class, () -> Models.inspect(bundle)).getMessage(), digestRefusal);
        editManifest(bundle, m -> ((ObjectNode) m.get("output")).set("labels", new ObjectMapper().valueToTree(LABELS)));
        Models.load(bundle, backend).close();

        editManifest(bundle, m -> ((ObjectNode) m.get("architecture").get("hyperparameters")).put("activation", "RELU"));
        assertMentions(refusal(bundle), digestRefusal);
        editManifest(bundle, m -> ((ObjectNode) m.get("architecture").get("hyperparameters")).put("activation", "TANH"));
        editManifest(bundle, m -> ((ObjectNode) m.get("input")).set("preprocessing", null));
        assertMentions(refusal(bundle), digestRefusal);
        editManifest(bundle, m -> ((ObjectNode) m.get("input")).set("preprocessing", new ObjectMapper().valueToTree(Map.of("kind", "features"))));
        Models.load(bundle, backend).close();

        try (ProgressiveModel other = model(mlp(), 4)) {
            Path second = dir.resolve("second");
            Models.save(other, info(), second);
            Files.copy(second.resolve(Models.WEIGHTS_FILE), bundle.resolve(Models.WEIGHTS_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        rehash(bundle);
        assertMentions(refusal(bundle), digestRefusal, "the weights' hash");
    }

    @Test
    void editsWithTheDigestRewrittenToo_areCaughtByTheProbeOutputsOnLoad() throws IOException {
        Path bundle = saved();
        editManifest(bundle, m -> ((ObjectNode) m.get("architecture").get("hyperparameters")).put("activation", "RELU"));
        redigest(bundle);
        Models.inspect(bundle);
        assertMentions(refusal(bundle), "does not give the outputs it was saved with", "at depth 1", "save the model again");

        Path other = dir.resolve("other");
        try (ProgressiveModel m = model(mlp(), 4)) {
            Models.save(m, info(), other);
        }
        Files.copy(bundle.resolveSibling("other").resolve(Models.WEIGHTS_FILE), dir.resolve("w"));
        bundle = dir.resolve("third");
        try (ProgressiveModel m = model(mlp(), 3)) {
            Models.save(m, info(), bundle);
        }
        Files.move(dir.resolve("w"), bundle.resolve(Models.WEIGHTS_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        rehash(bundle);
        redigest(bundle);
        assertMentions(refusal(bundle), "does not give the outputs it was saved with");

        Path probed = dir.resolve("probed");
        try (ProgressiveModel m = model(mlp(), 3)) {
            Models.save(m, info(), probed);
        }
        editManifest(probed, m -> ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("integrity").get("probes").get("outputs").get(2))
                .set(0, 1e3));
        assertMentions(refusal(probed), "at depth 3");
    }

    @Test
    void probeOutputs_areRecordedAtEveryDepth_andReproducedWithinTheTolerance() throws IOException {
        Path bundle = saved();
        ModelManifest.Probes probes = Models.inspect(bundle).integrity().probes();
        assertEquals(3, probes.outputs().size(), "one record per depth");
        assertEquals(BundleIntegrity.PROBE_EXAMPLES, probes.shape()[0]);
        for (int d = 0; d < 3; d++) {
            for (int e = d + 1; e < 3; e++) {
                assertTrue(BundleIntegrity.relativeGap(probes.outputs().get(d), probes.outputs().get(e)) > 1e-3, "depths differ");
            }
        }
        double tolerance = BundleIntegrity.tolerance(DType.FLOAT32);
        double[] nudged = probes.outputs().get(1).clone();
        nudged[0] += tolerance / 10;
        editManifest(bundle, m -> ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("integrity").get("probes").get("outputs").get(1))
                .set(0, nudged[0]));
        Models.load(bundle, backend).close();
        assertEquals(0, BundleIntegrity.relativeGap(new double[] {0, 0}, new double[] {0, 0}));
        assertEquals(0.5, BundleIntegrity.relativeGap(new double[] {3, 4}, new double[] {3, 1.5}), 1e-12);
        assertEquals(0.5, BundleIntegrity.relativeGap(new double[] {0.5, 0}, new double[] {0, 0}), 1e-12, "absolute below norm 1");
    }

    @Test
    void olderBundle_withoutDigestOrProbes_stillLoads_butAFormatThreeOneWithoutThemIsRefused() throws IOException {
        Path bundle = saved();
        editManifest(bundle, m -> m.remove("integrity"));
        assertMentions(refusal(bundle), "lacks its integrity record");
        editManifest(bundle, m -> m.put("format_version", 2));
        try (LoadedModel loaded = Models.load(bundle, backend)) {
            assertNull(loaded.manifest().integrity());
            assertEquals(3, loaded.model().predict(X, 3).shape().dim(1));
        }
    }

    @Test
    void concurrentPolicySavesAndLoads_neverFail_andTheLastSavedPolicyStays() throws Exception {
        Path bundle = saved();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int patience = t + 1;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 4; i++) {
                        Models.saveExitPolicy(bundle, Map.of("kind", "patience", "patience", patience, "cap", 3));
                    }
                    return null;
                }));
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 4; i++) {
                        Models.load(bundle, backend).close();
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals("patience", Models.inspect(bundle).exitPolicy().get("kind"));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of(bundle), siblings.toList(), "no lock or temporary file is left");
        }
    }

    @Test
    void bundleThatAnInterruptedReplacementMovedAside_isRestoredByTheReader() throws IOException {
        Path bundle = saved();
        Files.move(bundle, dir.resolve(".model.replaced-5a"));
        assertEquals(3, Models.inspect(bundle).depth(), "the reader restored it");
        assertTrue(Files.isDirectory(bundle));
    }

    @Test
    void savingOverAFileOrAFolderOfOtherFiles_isRefusedEvenWhenReplacing() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        Path folder = Files.createDirectories(dir.resolve("src"));
        Files.writeString(folder.resolve("main.c"), "int main;");
        try (ProgressiveModel m = model(mlp(), 3)) {
            assertMentions(assertThrows(BundleException.class, () -> Models.saveReplacing(m, info(), file)).getMessage(), "is a file");
            assertMentions(assertThrows(BundleException.class, () -> Models.saveReplacing(m, info(), folder)).getMessage(),
                    "not an lpa4j result (main.c)");
        }
        assertEquals("mine", Files.readString(file));
        assertEquals("int main;", Files.readString(folder.resolve("main.c")));
    }

    @Test
    void transposedWeightWithTheSameElementCount_isRefusedOnTheHost() throws IOException {
        Path bundle = saved();
        Map<String, HostTensor> transposed = weights(bundle);
        String name = transposed.keySet().stream().filter(k -> transposed.get(k).shape().rank() == 2
                && transposed.get(k).shape().dim(0) != transposed.get(k).shape().dim(1)).findFirst().orElseThrow();
        int[] dims = transposed.get(name).shape().dims();
        transposed.put(name, transposed.get(name).reshape(Shape.of(dims[1], dims[0])));
        replaceWeights(bundle, transposed);
        assertMentions(assertThrows(BundleException.class, () -> Models.inspect(bundle)).getMessage(), "'" + name + "' is [" + dims[1] + ", "
                + dims[0] + "] in the weights but [" + dims[0] + ", " + dims[1] + "] in the network");
    }

    @Test
    void damagedWeights_areNotLoaded_evenWithTheNaNAtTheFirstIndex() throws IOException {
        Path bundle = saved();
        Map<String, HostTensor> damaged = weights(bundle);
        String first = damaged.keySet().iterator().next();
        float[] values = damaged.get(first).toFloatArray();
        values[0] = Float.NaN;
        damaged.put(first, HostTensor.ofFloats(damaged.get(first).shape(), values));
        replaceWeights(bundle, damaged);
        assertMentions(assertThrows(BundleException.class, () -> Models.inspect(bundle)).getMessage(), "'" + first + "' in ", "holds NaN",
                "damaged");
    }

    @Test
    void theDigestIsOfTheManifestsContent_notOfItsLayout() throws IOException {
        Path bundle = saved();
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(bundle.resolve(Models.MANIFEST_FILE).toFile());
        ObjectNode reordered = json.createObjectNode();
        List<String> names = new java.util.ArrayList<>();
        manifest.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        names.forEach(n -> reordered.set(n, manifest.get(n)));
        Files.writeString(bundle.resolve(Models.MANIFEST_FILE), reordered.toString());
        Models.load(bundle, backend).close();
    }
}
