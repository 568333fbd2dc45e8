// SPDX-License-Identifier: Apache-2.0
/**
 * The simulation engine's public API. {@link dev.pipewright.engine.Simulation} runs a flow
 * deterministically on a virtual clock, one thread; {@link dev.pipewright.engine.EngineRunner}
 * runs one on its own thread, paced or as fast as possible, and publishes immutable
 * {@link dev.pipewright.engine.Snapshot}s (node and edge statistics, time series and the
 * {@link dev.pipewright.engine.Conservation} account) that any thread may read without blocking the
 * engine. {@link dev.pipewright.engine.Simulation#peek} and
 * {@link dev.pipewright.engine.Simulation#lineage} let a live view inspect waiting messages and the
 * histories of sampled ones. {@link dev.pipewright.engine.RunChecks} says before a run what it
 * would refuse, and {@link dev.pipewright.engine.RunLimits} bound how far one run may go.
 */
package dev.pipewright.engine;
