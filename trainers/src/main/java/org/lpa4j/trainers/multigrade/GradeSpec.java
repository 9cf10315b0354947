package org.lpa4j.trainers.multigrade;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.layers.Activation;

/**
 * One grade of a stair network and how it is trained: its hidden layer widths with one activation per hidden layer
 * (its input is the previous grade's last hidden layer, its output a linear readout), the epochs, the learning rate
 * decaying from {@code t_max} to {@code t_min}, and the mini-batch size.
 */
public record GradeSpec(List<Integer> hiddenWidths, List<Activation> activations, int epochs, ExponentialDecay learningRate,
                        int batchSize) {
    public GradeSpec {
        Objects.requireNonNull(hiddenWidths, "hiddenWidths is null");
        Objects.requireNonNull(activations, "activations is null");
        Objects.requireNonNull(learningRate, "learningRate is null");
        hiddenWidths = List.copyOf(hiddenWidths);
        activations = List.copyOf(activations);
        if (hiddenWidths.isEmpty()) {
            throw new Lpa4jException("A grade needs at least one hidden layer, but its hidden widths are empty; give e.g. [64, 64].");
        }
        for (int i = 0; i < hiddenWidths.size(); i++) {
            if (hiddenWidths.get(i) <= 0) {
                throw new Lpa4jException("Hidden layer " + (i + 1) + " of a grade has width " + hiddenWidths.get(i)
                        + "; every width must be positive.");
            }
        }
        if (activations.size() != hiddenWidths.size()) {
            throw new Lpa4jException("A grade has " + hiddenWidths.size() + " hidden layers but " + activations.size()
                    + " activations; give one activation per hidden layer.");
        }
        if (epochs <= 0) {
            throw new Lpa4jException("A grade's epochs must be positive but is " + epochs + ".");
        }
        if (batchSize <= 0) {
            throw new Lpa4jException("A grade's batch size must be positive but is " + batchSize + ".");
        }
    }

    /** A grade whose hidden layers all use {@code activation}, trained with a rate decaying from {@code maxRate} to {@code minRate}. */
    public static GradeSpec of(List<Integer> hiddenWidths, Activation activation, int epochs, double maxRate, double minRate, int batchSize) {
        Objects.requireNonNull(activation, "activation is null");
        Objects.requireNonNull(hiddenWidths, "hiddenWidths is null");
        return new GradeSpec(hiddenWidths, Collections.nCopies(hiddenWidths.size(), activation), epochs,
                new ExponentialDecay(maxRate, minRate), batchSize);
    }

    /** The width of the last hidden layer: the input width of the next grade. */
    public int featureWidth() {
        return hiddenWidths.get(hiddenWidths.size() - 1);
    }

    /** This grade as its authors write it, {@code [in, 256, 256, out] sin}. */
    public String describe(int inputWidth, int outputWidth) {
        List<Integer> dims = new ArrayList<>();
        dims.add(inputWidth);
        dims.addAll(hiddenWidths);
        dims.add(outputWidth);
        List<Activation> distinct = activations.stream().distinct().toList();
        return dims + " " + (distinct.size() == 1 ? distinct.get(0).label() : activations.stream().map(Activation::label).toList().toString());
    }
}
