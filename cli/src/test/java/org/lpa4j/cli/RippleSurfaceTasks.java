package org.lpa4j.cli;

import java.util.List;
import org.lpa4j.datasets.surfaces.SurfaceFunction;
import org.lpa4j.datasets.surfaces.SurfaceTasks;

/** A user's own surface, registered from this test's service file only: {@code surface:ripple2d}. */
public final class RippleSurfaceTasks extends SurfaceTasks {
    public RippleSurfaceTasks() {
        super(List.of(new Ripple()));
    }

    /** {@code cos(2 pi r) / (1 + 2 r)} of the distance r from the centre of the unit square. */
    static final class Ripple implements SurfaceFunction {
        @Override
        public String id() {
            return "ripple2d";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double value(double[] x) {
            double r = Math.hypot(x[0] - 0.5, x[1] - 0.5);
            return Math.cos(2 * Math.PI * r) / (1 + 2 * r);
        }
    }
}
