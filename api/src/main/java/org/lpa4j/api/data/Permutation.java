package org.lpa4j.api.data;

import java.util.SplittableRandom;

/** Seeded random permutations (Fisher-Yates), the one shuffle behind every split and every epoch's batch order. */
public final class Permutation {
    private Permutation() {
    }

    /** A uniformly random permutation of {@code 0..n-1} drawn from {@code random}. */
    public static int[] of(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A uniformly random permutation of {@code 0..n-1}, the same for the same {@code seed}. */
    public static int[] of(int n, long seed) {
        return of(n, new SplittableRandom(seed));
    }
}
