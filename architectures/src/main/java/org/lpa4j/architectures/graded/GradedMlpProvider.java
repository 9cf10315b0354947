package org.lpa4j.architectures.graded;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;

/**
 * Registers {@link GradedMlp} as architecture {@code graded}: grades of dense layers on feature vectors. How a grade is
 * trained (epochs, rates, batch size) is no part of the network; a multigrade trainer is given its own schedules. Saved
 * models that name its former name {@code stair} load as this architecture.
 */
public final class GradedMlpProvider implements ArchitectureProvider {

    @Override
    public String name() {
        return "graded";
    }

    /** {@code stair}, its name until the multigrade names were made one: saved models that name it still load. */
    @Override
    public List<String> formerNames() {
        return List.of("stair");
    }

    @Override
    public String incompatibility(TaskShape shape) {
        return shape.example().length == 1 && !shape.tokens() ? null : "a graded network reads feature vectors";
    }

    /** {@code options.depth()} grades of two hidden layers of {@code options.width()} with {@code options.activation()}. */
    @Override
    public ResidualNetwork create(TaskShape shape, ArchitectureOptions o) {
        List<Grade> grades = new ArrayList<>();
        for (int k = 0; k < o.depth(); k++) {
            grades.add(grade(List.of(o.width(), o.width()), List.of(o.activation(), o.activation())));
        }
        return new GradedMlp(shape.example()[0], shape.outputs(), grades, o.dtype());
    }

    @Override
    public ResidualNetwork rebuild(Hyperparameters h) {
        List<?> widths = h.getList("hiddenWidths");
        List<?> activations = h.getList("activations");
        if (widths.size() != activations.size()) {
            throw new Lpa4jException("hiddenWidths lists " + widths.size() + " grades but activations " + activations.size() + ".");
        }
        List<Grade> grades = new ArrayList<>();
        for (int k = 0; k < widths.size(); k++) {
            List<Integer> w = new ArrayList<>();
            List<Activation> a = new ArrayList<>();
            for (Object width : single("hiddenWidths", widths.get(k)).getList("hiddenWidths")) {
                w.add(single("hiddenWidths", width).getInt("hiddenWidths"));
            }
            for (Object activation : single("activations", activations.get(k)).getList("activations")) {
                a.add(single("activations", activation).getEnum("activations", Activation.class));
            }
            grades.add(grade(w, a));
        }
        return new GradedMlp(h.getInt("inputDim"), h.getInt("outputDim"), grades, h.getEnum("dtype", DType.class));
    }

    /** One element of a nested list, under its list's name, so that its kind is checked with the list named in the message. */
    private static Hyperparameters single(String name, Object value) {
        return Hyperparameters.builder().put(name, value).build();
    }

    private static Grade grade(List<Integer> widths, List<Activation> activations) {
        return new Grade(widths, activations);
    }
}
