// SPDX-License-Identifier: Apache-2.0
/**
 * The statistics entities write as they work (counters, latency histograms with HdrHistogram's
 * buckets, rates, bounded time series, the lineage of sampled messages). Touched only on the engine
 * thread; readers get copies in snapshots. Internal to the engine.
 */
package dev.pipewright.engine.stats;
