package org.lpa4j.cli.output;

import java.util.List;
import org.lpa4j.architectures.nested.LevelDecoder;

/**
 * What {@code lpa4j construct} writes to {@code report.json}: the function, the construction's size, one row per depth
 * and the decoder of every level the float64 network reached.
 *
 * @param function       the function's name
 * @param formula        its description
 * @param dim            d
 * @param base           N
 * @param p              the L^p exponent
 * @param requestedDepth the depth asked for
 * @param decodedDepth   the depth the network reached; deeper levels have only the host's E_l f
 * @param backend        the engine that ran the network
 * @param evaluationGrid midpoint points per side used for every L^p norm
 * @param rows           levels 0..requestedDepth
 * @param decoders       levels 1..decodedDepth
 * @param precision      one sentence on where and why the float64 decoder stopped, or that it reached every level
 * @param seconds        wall time of construction and evaluation
 */
public record ConstructionReport(String function, String formula, int dim, int base, double p, int requestedDepth, int decodedDepth,
        String backend, int evaluationGrid, List<ConstructionRow> rows, List<LevelDecoder> decoders, String precision, double seconds) {
}
