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
 */
public record SeriesPoint(double time, double inRate, double outRate, long depth,
                          double p50Ms, double p95Ms, double p99Ms) {
}
