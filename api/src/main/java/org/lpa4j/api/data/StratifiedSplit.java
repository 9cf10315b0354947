package org.lpa4j.api.data;

import java.util.ArrayList;
import java.util.List;

/** A seeded train/validation/test split of labelled examples that keeps every class's share in each part. */
public final class StratifiedSplit {
    private StratifiedSplit() {
    }

    /**
     * Indices of the train, validation and test parts: within each class, in a seeded order, the first
     * {@code validationShare} of its examples go to validation, the next {@code testShare} to test, the rest to train;
     * each part is returned in a seeded order.
     *
     * @param labels  the class of every example, in {@code [0, classes)}
     * @param classes the number of classes
     */
    public static int[][] of(int[] labels, int classes, double validationShare, double testShare, long seed) {
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        int[] order = Permutation.of(labels.length, seed);
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i : order) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            int nValidation = (int) Math.round(members.size() * validationShare);
            int nTest = (int) Math.round(members.size() * testShare);
            validation.addAll(members.subList(0, nValidation));
            test.addAll(members.subList(nValidation, nValidation + nTest));
            train.addAll(members.subList(nValidation + nTest, members.size()));
        }
        return new int[][] {shuffled(train, seed + 1), shuffled(validation, seed + 2), shuffled(test, seed + 3)};
    }

    private static int[] shuffled(List<Integer> indices, long seed) {
        int[] p = Permutation.of(indices.size(), seed);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = indices.get(p[i]);
        }
        return out;
    }
}
