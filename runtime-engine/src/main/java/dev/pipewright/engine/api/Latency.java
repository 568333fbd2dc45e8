// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

/**
 * A latency summary in milliseconds. Percentiles come from an HdrHistogram (3 significant
 * digits); the mean is exact. All values are {@code NaN} when {@code count} is zero.
 *
 * @param count values recorded
 * @param meanMs exact mean
 * @param p50Ms median
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 * @param maxMs largest value
 */
public record Latency(long count, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
    /** No values recorded. */
    public static final Latency NONE = new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
