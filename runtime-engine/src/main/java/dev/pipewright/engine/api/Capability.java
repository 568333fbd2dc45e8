// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

/**
 * What a {@link RunBackend} can do beyond starting, playing, pausing, applying edits and
 * publishing snapshots, which every backend does. A simulator can do all of these; a real broker
 * runs in real time and cannot step, repeat a run or look inside the engine's bookkeeping.
 */
public enum Capability {
    /** {@link RunBackend#step()} processes exactly one event. */
    STEP,
    /**
     * Time can run faster (or slower) than the wall clock: {@link RunBackend#setSpeed} with a
     * factor other than 1, {@link RunBackend#setAsFastAsPossible()}, and {@link RunBackend#runUntil}
     * a time ahead of the wall clock.
     */
    FASTER_THAN_REAL_TIME,
    /** The same flow and seed give the same run, event for event. */
    REPEATABLE,
    /** {@link RunBackend#apply} changes properties of the running flow in place. */
    LIVE_EDIT,
    /** {@link RunBackend#inject} carries out every {@link Fault}. */
    FAULTS,
    /** {@link RunBackend#peek} shows the messages waiting in a queue. */
    PEEK,
    /** {@link RunBackend#lineage} gives the history of a traced message. */
    LINEAGE
}
