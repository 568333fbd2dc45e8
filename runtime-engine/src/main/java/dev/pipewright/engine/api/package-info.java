// SPDX-License-Identifier: Apache-2.0
/**
 * What a run shows the world: the immutable {@link dev.pipewright.engine.api.Snapshot} with its node
 * and edge statistics, latencies, time series and {@link dev.pipewright.engine.api.Conservation}
 * account; the histories of sampled messages ({@link dev.pipewright.engine.api.Lineage}); the bounds
 * of a run ({@link dev.pipewright.engine.api.RunLimits}) and the reasons one stops or cannot start;
 * and the {@link dev.pipewright.engine.api.RunBackend} interface through which every run is driven,
 * with the {@link dev.pipewright.engine.api.Fault}s it takes, its
 * {@link dev.pipewright.engine.api.Capability capabilities}, and
 * {@link dev.pipewright.engine.api.RunBackends} to find one.
 * These types depend on the model only, so every package of the engine, and every backend, may use
 * them without depending on each other.
 */
package dev.pipewright.engine.api;
