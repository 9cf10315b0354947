package org.lpa4j.api.data;

/**
 * The train/validation/test split of regression data: 70/15/15, either of examples already in a random order
 * ({@link #inOrder}) or in a seeded random order ({@link #of}).
 */
public final class RandomSplit {
    /** The share of the examples that trains. */
    public static final double TRAIN_SHARE = 0.70;
    /** The share of the examples that validates; the rest tests. */
    public static final double VALIDATION_SHARE = 0.15;

    private RandomSplit() {
    }

    /** {@code all} in a seeded random order, split 70/15/15. */
    public static DataSplits of(String task, TensorDataset all, long seed) {
        return inOrder(task, all.select(Permutation.of(all.size(), seed)));
    }

    /** The first 70% of {@code all} train, the next 15% validate, the rest test: for examples drawn at random already. */
    public static DataSplits inOrder(String task, TensorDataset all) {
        int n = all.size();
        int train = (int) Math.round(n * TRAIN_SHARE);
        int validation = (int) Math.round(n * VALIDATION_SHARE);
        return new DataSplits(task, all.range(0, train), all.range(train, train + validation), all.range(train + validation, n));
    }
}
