package org.lpa4j.architectures.graded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.layers.Activation;

/**
 * The architecture of one grade of a graded network: its hidden layer widths with one activation per hidden layer; its
 * input is the previous grade's last hidden layer and its output a linear readout. How a grade is trained is not
 * part of it (see the multigrade trainer's grade schedule).
 */
public record Grade(List<Integer> hiddenWidths, List<Activation> activations) {
    public Grade {
        Objects.requireNonNull(hiddenWidths, "hiddenWidths is null");
        Objects.requireNonNull(activations, "activations is null");
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
    }

    /** A grade whose hidden layers all use {@code activation}. */
    public static Grade of(List<Integer> hiddenWidths, Activation activation) {
        Objects.requireNonNull(activation, "activation is null");
        Objects.requireNonNull(hiddenWidths, "hiddenWidths is null");
        return new Grade(hiddenWidths, Collections.nCopies(hiddenWidths.size(), activation));
    }

    /** One grade with every hidden layer of {@code grades}, in order: the same layers as a single network. */
    public static Grade stacked(List<Grade> grades) {
        List<Integer> widths = new ArrayList<>();
        List<Activation> activations = new ArrayList<>();
        for (Grade g : grades) {
            widths.addAll(g.hiddenWidths());
            activations.addAll(g.activations());
        }
        return new Grade(widths, activations);
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
