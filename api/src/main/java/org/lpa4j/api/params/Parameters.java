package org.lpa4j.api.params;

import java.util.Set;
import org.lpa4j.api.tensor.Tensor;

/** The live parameters as tensors inside a traced function, looked up by name. */
public interface Parameters {
    /** The tensor of {@code name}; an unknown name is an error that lists the known ones. */
    Tensor get(String name);

    /** All parameter names. */
    Set<String> names();
}
