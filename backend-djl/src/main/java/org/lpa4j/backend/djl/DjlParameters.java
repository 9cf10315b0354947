package org.lpa4j.backend.djl;

import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.Tensor;

/** The store's parameters as tensors of one {@link DjlOps} call. */
final class DjlParameters implements Parameters {
    private final DjlOps ops;
    private final Map<String, DjlTensor> tensors;

    DjlParameters(DjlOps ops, Map<String, DjlTensor> tensors) {
        this.ops = ops;
        this.tensors = tensors;
    }

    @Override
    public Tensor get(String name) {
        ops.checkOpen("Parameters.get");
        DjlTensor t = tensors.get(name);
        if (t == null) {
            throw CompileChecks.unknownParameter(name, tensors.keySet());
        }
        return t;
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }
}
