package org.lpa4j.architectures.graded;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.model.GradedNetwork;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * The graded network of multigrade learning (architecture {@code graded}): grade k is a shallow MLP whose input is grade k-1's last hidden layer (grade 1 reads
 * x), and the prediction after grade k is the sum of the first k grade outputs, so every grade is a readout depth
 * (a {@link GradedNetwork}, which the multigrade trainer trains grade by grade).
 *
 * <p>As a {@link ResidualNetwork} the state is {@code h_k = [features_k (zero-padded) | prediction_k]}: the stem puts x
 * in the feature slot, block k replaces the features by grade k's hidden layer and adds grade k's output to the
 * prediction slot, and the head reads the prediction slot. {@link #readouts} and {@link #readout} compute the same
 * values directly, without the padding. Weights start as the method's authors start them: uniform on
 * {@code ±1/sqrt(fan in)} for weights and biases ({@link Dense}'s default).
 */
public final class GradedMlp implements GradedNetwork {
    private final int inputDim;
    private final int outputDim;
    private final List<Grade> grades;
    private final DType dtype;
    private final List<List<Dense>> hidden = new ArrayList<>();
    private final List<Dense> outputs = new ArrayList<>();
    private final int featureSlot;

    /**
     * @param inputDim  input features of grade 1
     * @param outputDim outputs of every grade (targets per example, or classes)
     * @param grades    the grades, in training order; their number is the depth
     * @param dtype     FLOAT32 or FLOAT64 input
     */
    public GradedMlp(int inputDim, int outputDim, List<Grade> grades, DType dtype) {
        Objects.requireNonNull(grades, "grades is null");
        Objects.requireNonNull(dtype, "dtype is null");
        if (inputDim <= 0 || outputDim <= 0) {
            throw new Lpa4jException("A graded network needs positive input and output widths but got input " + inputDim + " and output "
                    + outputDim + ".");
        }
        if (grades.isEmpty()) {
            throw new Lpa4jException("A graded network needs at least one grade; give one Grade per grade.");
        }
        if (!dtype.isFloating()) {
            throw new Lpa4jException("A graded network's input must be FLOAT32 or FLOAT64, not " + dtype + ".");
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.grades = List.copyOf(grades);
        this.dtype = dtype;
        int slot = inputDim;
        for (int k = 1; k <= this.grades.size(); k++) {
            Grade grade = this.grades.get(k - 1);
            List<Dense> layers = new ArrayList<>();
            int in = inputWidth(k);
            for (int j = 0; j < grade.hiddenWidths().size(); j++) {
                int out = grade.hiddenWidths().get(j);
                layers.add(new Dense("grade" + k + ".hidden" + (j + 1), in, out));
                in = out;
            }
            hidden.add(layers);
            outputs.add(new Dense("grade" + k + ".out", in, outputDim));
            slot = Math.max(slot, grade.featureWidth());
        }
        this.featureSlot = slot;
    }

    @Override
    public String name() {
        return "graded";
    }

    /** The architecture of every grade (hidden widths and activations); how a grade was trained is not part of the network. */
    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.builder().put("inputDim", inputDim).put("outputDim", outputDim)
                .put("hiddenWidths", grades.stream().map(Grade::hiddenWidths).toList())
                .put("activations", grades.stream().map(Grade::activations).toList()).put("dtype", dtype).build();
    }

    @Override
    public int depth() {
        return grades.size();
    }

    public int inputDim() {
        return inputDim;
    }

    @Override
    public int outputDim() {
        return outputDim;
    }

    public DType dtype() {
        return dtype;
    }

    /** The grades, grade 1 first. */
    public List<Grade> grades() {
        return grades;
    }

    /** Grade {@code k} (1-based). */
    public Grade grade(int k) {
        requireGrade(k);
        return grades.get(k - 1);
    }

    /** The input width of grade {@code k}: x's width for grade 1, else grade k-1's last hidden width. */
    @Override
    public int inputWidth(int k) {
        requireGrade(k);
        return k == 1 ? inputDim : grades.get(k - 2).featureWidth();
    }

    /** Grade {@code k}'s layers, e.g. {@code [1, 256, 256, 1] sin}. */
    @Override
    public String describeGrade(int k) {
        return grade(k).describe(inputWidth(k), outputDim);
    }

    /** The first {@code k} grades as a network of their own; its parameters have the same names. */
    @Override
    public GradedMlp prefix(int k) {
        requireGrade(k);
        return k == grades.size() ? this : new GradedMlp(inputDim, outputDim, grades.subList(0, k), dtype);
    }

    @Override
    public InputSpec input() {
        return InputSpec.batched("x", dtype, inputDim);
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>();
        for (int k = 1; k <= grades.size(); k++) {
            specs.addAll(gradeSpecs(k));
        }
        return specs;
    }

    private List<ParameterSpec> gradeSpecs(int k) {
        List<ParameterSpec> specs = new ArrayList<>();
        hidden.get(k - 1).forEach(d -> specs.addAll(d.parameters()));
        specs.addAll(outputs.get(k - 1).parameters());
        return specs;
    }

    /** Grade {@code k}'s parameters: what training grade k updates while every other grade stays frozen. */
    @Override
    public Set<String> blockParameters(int l) {
        requireGrade(l);
        return ParameterSpec.names(gradeSpecs(l));
    }

    /** Grade {@code k} on its input features: {@code [last hidden layer, grade output]}. */
    @Override
    public List<Tensor> gradeForward(int k, Ops ops, Parameters params, Tensor features) {
        requireGrade(k);
        Grade grade = grades.get(k - 1);
        Tensor h = features;
        List<Dense> layers = hidden.get(k - 1);
        for (int j = 0; j < layers.size(); j++) {
            h = grade.activations().get(j).apply(ops, layers.get(j).forward(ops, params, h));
        }
        return List.of(h, outputs.get(k - 1).forward(ops, params, h));
    }

    /**
     * The predictions after grades 1..k. With {@code layerLocal}, grade {@code l >= 2} sees the earlier features and the
     * earlier prediction through a stop-gradient, so a loss on readout l reaches grade l only.
     */
    @Override
    public List<Tensor> readouts(Ops ops, Parameters params, Tensor x, int k, boolean layerLocal) {
        requireGrade(k);
        List<Tensor> out = new ArrayList<>(k);
        Tensor features = x;
        Tensor prediction = null;
        for (int l = 1; l <= k; l++) {
            Tensor in = layerLocal && l >= 2 ? ops.stopGradient(features) : features;
            List<Tensor> g = gradeForward(l, ops, params, in);
            features = g.get(0);
            prediction = prediction == null ? g.get(1) : ops.add(layerLocal ? ops.stopGradient(prediction) : prediction, g.get(1));
            out.add(prediction);
        }
        return out;
    }

    @Override
    public Tensor readout(Ops ops, Parameters params, Tensor x, int k) {
        return readouts(ops, params, x, k, false).get(k - 1);
    }

    /** {@code h_0 = [x (zero-padded) | 0]}. */
    @Override
    public Tensor stem(Ops ops, Parameters params, Tensor x) {
        return ops.matmul(x, embedding(ops, inputDim, featureSlot + outputDim));
    }

    /** Replaces the features by grade {@code l}'s hidden layer and adds grade l's output to the prediction. */
    @Override
    public Tensor block(int l, Ops ops, Parameters params, Tensor h) {
        List<Tensor> g = gradeForward(l, ops, params, ops.slice(h, -1, 0, inputWidth(l)));
        Tensor features = g.get(0);
        Tensor padded = grades.get(l - 1).featureWidth() == featureSlot ? features
                : ops.matmul(features, embedding(ops, grades.get(l - 1).featureWidth(), featureSlot));
        return ops.concat(List.of(ops.sub(padded, ops.slice(h, -1, 0, featureSlot)), g.get(1)), -1);
    }

    /** The prediction slot of the state. */
    @Override
    public Tensor head(Ops ops, Parameters params, Tensor h) {
        return ops.slice(h, -1, featureSlot, outputDim);
    }

    /** The constant {@code [rows, columns]} matrix that copies a width-{@code rows} vector into the first columns. */
    private Tensor embedding(Ops ops, int rows, int columns) {
        double[] e = new double[rows * columns];
        for (int i = 0; i < rows; i++) {
            e[i * columns + i] = 1;
        }
        return ops.constant(HostTensor.fromDoubles(dtype, Shape.of(rows, columns), e));
    }

    private void requireGrade(int k) {
        if (k < 1 || k > grades.size()) {
            throw new Lpa4jException("Grade " + k + " is outside 1.." + grades.size() + " of this graded network.");
        }
    }
}
