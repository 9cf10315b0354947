package org.lpa4j.experiments;

import org.lpa4j.api.data.Metric;

/**
 * What a seed's run starts with: the seed and its place among the experiment's, the task and the size of its splits,
 * the architecture's name and size, the backend with its engine version, and the metric the trainers report.
 */
public record SeedStart(long seed, int index, int count, String task, int train, int validation, int test, String architecture,
                        int depth, int width, String backend, String engineVersion, Metric metric) {
}
