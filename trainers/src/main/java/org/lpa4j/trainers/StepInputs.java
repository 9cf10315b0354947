package org.lpa4j.trainers;

import java.util.List;
import java.util.stream.Collectors;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.Tensor;

/** The inputs of one traced training step, looked up by the names their {@link InputSpec}s give them. */
public final class StepInputs {
    private final List<InputSpec> specs;
    private final List<Tensor> values;

    StepInputs(List<InputSpec> specs, List<Tensor> values) {
        this.specs = specs;
        this.values = values;
    }

    /** The input called {@code name}, or an error naming the inputs there are. */
    public Tensor get(String name) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).name().equals(name)) {
                return values.get(i);
            }
        }
        throw new Lpa4jException("The loss reads an input called '" + name + "', but the step's inputs are "
                + specs.stream().map(InputSpec::name).collect(Collectors.joining(", ", "[", "]"))
                + "; declare it among the stage's inputs.");
    }
}
