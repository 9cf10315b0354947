package org.lpa4j.architectures.nested;

import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Measures a construction: runs the network through a backend in float64 on a midpoint grid aligned with the finest
 * cells, and reports per level the L^p error of Phi_l, of the host's E_l f, and their bounds.
 */
public final class NestedEvaluation {
    /** Rows per backend call. */
    static final int CHUNK = 32_768;

    private NestedEvaluation() {
    }

    /** The default evaluation grid: about 2^15 points for d = 1 and 2^16 for d = 2, aligned with the level-L cells. */
    public static MidpointGrid defaultGrid(int dim, int base, int depth) {
        int minimum = (int) Math.max(8, Math.round(Math.pow(1 << 16, 1.0 / dim)));
        if (dim == 1) {
            minimum = 1 << 15;
        }
        return MidpointGrid.aligned(dim, base, depth, minimum);
    }

    /** The per-level results for levels 0..requestedDepth. */
    public static List<LevelResult> run(NestedConstruction construction, Backend backend, MidpointGrid grid) {
        int d = construction.dim();
        double p = construction.p();
        TargetFunction f = construction.function();
        NestedNetwork net = construction.network();
        int decoded = construction.decodedDepth();
        double[] rows = grid.rows();
        double[] fx = new double[grid.size()];
        double[] x = new double[d];
        for (int j = 0; j < grid.size(); j++) {
            grid.point(j, x);
            fx[j] = f.value(x);
        }
        double[][] outputs = new double[decoded + 1][grid.size()];
        try (VariableStore store = backend.createVariables(construction.parameters());
             CompiledForward forward = store.compileForward(List.of(net.input()),
                     (ops, params, in) -> List.of(net.readouts(ops, params, in.get(0))))) {
            for (int start = 0; start < grid.size(); start += CHUNK) {
                int rowsHere = Math.min(CHUNK, grid.size() - start);
                double[] chunk = new double[rowsHere * d];
                System.arraycopy(rows, start * d, chunk, 0, rowsHere * d);
                HostTensor out = forward.run(List.of(HostTensor.fromDoubles(DType.FLOAT64, Shape.of(rowsHere, d), chunk))).get(0);
                for (int r = 0; r < rowsHere; r++) {
                    for (int l = 0; l <= decoded; l++) {
                        outputs[l][start + r] = out.getDouble(r * (decoded + 1) + l);
                    }
                }
            }
        }
        double[][] host = hostReadouts(construction, grid);
        List<LevelResult> results = new ArrayList<>();
        for (int l = 0; l <= construction.requestedDepth(); l++) {
            CellAverages averages = CellAverages.of(f, new CellGrid(d, construction.base(), l));
            double averageError = averages.lpError(f, grid, p);
            double networkError = Double.NaN;
            double gap = Double.NaN;
            long params = 0;
            if (l <= decoded) {
                double sum = 0;
                gap = 0;
                for (int j = 0; j < grid.size(); j++) {
                    sum += Powers.abs(fx[j] - outputs[l][j], p);
                    gap = Math.max(gap, Math.abs(outputs[l][j] - host[l][j]));
                }
                networkError = Math.pow(sum / grid.size(), 1.0 / p);
                params = net.parameterCount(l);
            }
            double bound = l == 0 ? Double.NaN : construction.bound(l);
            double averageBound = l == 0 ? Double.NaN : construction.averageBound(l);
            double modulus = l == 0 ? Double.NaN : construction.modulus().get(l - 1);
            results.add(new LevelResult(l, networkError, bound, averageError, averageBound, modulus, net.width(), params, gap));
        }
        return results;
    }

    /** Phi_l at the grid points as the host decoder defines it (cell codes from exact floors, Math.sin), levels 0..decoded. */
    static double[][] hostReadouts(NestedConstruction construction, MidpointGrid grid) {
        int d = construction.dim();
        int decoded = construction.decodedDepth();
        double[][] out = new double[decoded + 1][grid.size()];
        double[] x = new double[d];
        CellGrid[] grids = new CellGrid[decoded + 1];
        for (int l = 1; l <= decoded; l++) {
            grids[l] = new CellGrid(d, construction.base(), l);
        }
        for (int j = 0; j < grid.size(); j++) {
            grid.point(j, x);
            double phi = construction.mean();
            out[0][j] = phi;
            for (int l = 1; l <= decoded; l++) {
                int code = grids[l].codeOf(x);
                phi += construction.decoders().get(l - 1).decode(Math.sin(code + NestedConstruction.BETA));
                out[l][j] = phi;
            }
        }
        return out;
    }
}
