// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.RunLimitException;

import dev.pipewright.engine.entity.World;
import dev.pipewright.engine.kernel.Kernel;

/**
 * Keeps a run inside its {@link RunLimits}: asked before each event, it throws a
 * {@link RunLimitException} once a limit is reached, so the run stops between two events.
 */
final class RunGuard {
    /** After a collection showed the heap was not really full, skip this many looks before the next one may collect. */
    private static final int LOOKS_AFTER_FALSE_ALARM = 8;

    private final RunLimits limits;
    private final Kernel kernel;
    private final World world;
    private long nextHeapLook;

    RunGuard(RunLimits limits, Kernel kernel, World world) {
        this.limits = limits;
        this.kernel = kernel;
        this.world = world;
        world.limitMessages(limits.maxMessages());
        nextHeapLook = RunLimits.HEAP_CHECK_EVENTS;
    }

    RunLimits limits() {
        return limits;
    }

    /** Throws when the next event would take the run past a limit. */
    void beforeEvent() {
        long events = kernel.processed();
        if (events >= limits.maxEvents()) {
            throw new RunLimitException(RunLimitException.Limit.EVENTS, limits.maxEvents(), kernel.now());
        }
        if (world.messageLimitReached()) {
            throw new RunLimitException(RunLimitException.Limit.MESSAGES, limits.maxMessages(), kernel.now());
        }
        if (events >= nextHeapLook) {
            lookAtHeap(events);
        }
    }

    private void lookAtHeap(long events) {
        nextHeapLook = events + RunLimits.HEAP_CHECK_EVENTS;
        Runtime rt = Runtime.getRuntime();
        long max = rt.maxMemory();
        if (max == Long.MAX_VALUE) {
            return; // no heap limit: nothing to compare with
        }
        long allowed = (long) (max * limits.maxHeapFraction());
        if (used(rt) <= allowed) {
            return;
        }
        // What is in use includes garbage; only a collection tells how much the run really holds.
        System.gc();
        if (used(rt) > allowed) {
            throw new RunLimitException(RunLimitException.Limit.MEMORY, limits.maxHeapFraction(), kernel.now());
        }
        nextHeapLook = events + (long) LOOKS_AFTER_FALSE_ALARM * RunLimits.HEAP_CHECK_EVENTS;
    }

    private static long used(Runtime rt) {
        return rt.totalMemory() - rt.freeMemory();
    }
}
