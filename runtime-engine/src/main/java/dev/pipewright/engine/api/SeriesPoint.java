// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

/**
 * One sample of a node's time series, taken at a fixed virtual interval. Rates and percentiles
 * cover the interval that ends at {@code time}.
 *
 * @param time virtual seconds at the end of the interval
 * @param inRate messages in per second over the interval
 * @param outRate messages out per second over the interval
 * @param depth messages held at {@code time} (for queues: ready + unacknowledged + scheduled)
 * @param p50Ms median time in node of the messages that left in the interval ({@code NaN} if none)
 * @param p95Ms 95th percentile, as {@code p50Ms}
 * @param p99Ms 99th percentile, as {@code p50Ms}
 * @param lag Kafka topics: the consumer groups' lag at {@code time}, summed over groups and
 *     partitions (log end minus committed offset); {@link #NO_LAG} for nodes without consumer groups
 */
public record SeriesPoint(double time, double inRate, double outRate, long depth,
                          double p50Ms, double p95Ms, double p99Ms, long lag) {
    /** The lag of a node that has no consumer groups (every kind but a Kafka topic). */
    public static final long NO_LAG = -1;

    /** A sample of a node without consumer groups ({@link #NO_LAG}). */
    public SeriesPoint(double time, double inRate, double outRate, long depth, double p50Ms, double p95Ms, double p99Ms) {
        this(time, inRate, outRate, depth, p50Ms, p95Ms, p99Ms, NO_LAG);
    }

    /** Whether the node has consumer groups, so {@link #lag()} means something. */
    public boolean hasLag() {
        return lag >= 0;
    }

    /** The summed lag of {@code groups}, or {@link #NO_LAG} when there are none. */
    public static long totalLag(java.util.List<ConsumerLag> groups) {
        if (groups.isEmpty()) {
            return NO_LAG;
        }
        long sum = 0;
        for (ConsumerLag g : groups) {
            sum += g.total();
        }
        return sum;
    }
}
