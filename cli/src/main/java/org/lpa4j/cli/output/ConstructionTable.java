package org.lpa4j.cli.output;

/** The per-depth table {@code lpa4j construct} prints: measured error next to the certified bound, size, and E_l f. */
public final class ConstructionTable {
    private ConstructionTable() {
    }

    /** The table as text. */
    public static String format(ConstructionReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s on [0,1]^%d, N=%d, L^%s errors (network: float64 on %s; E_l f: cell averages on the host)%n",
                report.function(), report.dim(), report.base(), trim(report.p()), report.backend()));
        sb.append(String.format("%-5s %12s %12s %5s %6s %10s %12s %12s%n", "depth", "network", "bound", "ok", "width", "params",
                "E_l f", "E_l bound"));
        for (ConstructionRow r : report.rows()) {
            String ok = r.networkError() == null || r.certifiedBound() == null ? "" : r.networkError() <= r.certifiedBound() ? "yes" : "NO";
            sb.append(String.format("%-5d %12s %12s %5s %6d %10s %12.5g %12s%n", r.level(), num(r.networkError()), num(r.certifiedBound()), ok,
                    r.width(), r.parameters() == null ? "-" : r.parameters().toString(), r.cellAverageError(), num(r.cellAverageBound())));
        }
        sb.append(report.precision()).append('\n');
        return sb.toString();
    }

    private static String num(Double v) {
        return v == null ? "-" : String.format("%.5g", v);
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
