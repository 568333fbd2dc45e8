// SPDX-License-Identifier: Apache-2.0
/**
 * The simulation engine. {@link dev.pipewright.engine.Simulation} runs a flow
 * deterministically on a virtual clock, one thread; {@link dev.pipewright.engine.EngineRunner}
 * runs one on its own thread, paced or as fast as possible, and publishes immutable
 * {@link dev.pipewright.engine.api.Snapshot}s (node and edge statistics, time series and the
 * {@link dev.pipewright.engine.api.Conservation} account) that any thread may read without blocking the
 * engine. {@link dev.pipewright.engine.Simulation#peek} and
 * {@link dev.pipewright.engine.Simulation#lineage} let a live view inspect waiting messages and the
 * histories of sampled ones. {@link dev.pipewright.engine.RunChecks} says before a run what it
 * would refuse, and {@link dev.pipewright.engine.api.RunLimits} bound how far one run may go.
 * The values a run publishes live in {@link dev.pipewright.engine.api}, with the
 * {@link dev.pipewright.engine.api.RunBackend} interface every run is driven through;
 * {@link dev.pipewright.engine.SimulatorBackend} is the simulator behind it. The command line,
 * inside this module, drives a {@code Simulation} directly.
 */
package dev.pipewright.engine;
