package org.lpa4j.api.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Tensor;

/**
 * A store's parameters as tensors of one {@link AbstractOps}: each is made by the engine reader on its first
 * {@link #get}, then reused. Unknown names and use after the trace ended fail with the shared sentences.
 *
 * @param <N> the engine's value type
 */
public final class TraceParameters<N> implements Parameters {
    private final AbstractOps<N> ops;
    private final ParameterSet layout;
    private final Function<String, N> reader;
    private final Map<String, BackendTensor<N>> read = new LinkedHashMap<>();

    /** Parameters laid out as {@code layout}, whose engine values {@code reader} makes inside {@code ops}. */
    public TraceParameters(AbstractOps<N> ops, ParameterSet layout, Function<String, N> reader) {
        this.ops = ops;
        this.layout = layout;
        this.reader = reader;
    }

    @Override
    public Tensor get(String name) {
        ops.checkLive("Parameters.get");
        BackendTensor<N> t = read.get(name);
        if (t == null) {
            if (name == null || !layout.contains(name)) {
                throw CompileChecks.unknownParameter(name, layout.names());
            }
            HostTensor spec = layout.get(name);
            t = ops.wrap(reader.apply(name), spec.shape(), spec.dtype());
            read.put(name, t);
        }
        return t;
    }

    @Override
    public Set<String> names() {
        return layout.names();
    }

    /** The parameters the function has read so far, in the order it first read them. */
    public Map<String, BackendTensor<N>> read() {
        return Collections.unmodifiableMap(read);
    }
}
