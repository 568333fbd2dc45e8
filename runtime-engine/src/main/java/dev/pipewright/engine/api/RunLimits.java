// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

/**
 * How far one run may go before it stops by itself with a {@link RunLimitException}, so that a flow
 * whose queues grow without bound, or an absurd rate, ends with a sentence instead of exhausting
 * the machine's memory.
 *
 * @param maxEvents most events one run processes
 * @param maxMessages most messages held at once: waiting in queues and stores, in flight, or in
 *     dead-letter queues (every message the engine keeps in memory)
 * @param maxHeapFraction the share of the Java heap (its {@code -Xmx}) that may be in use after a
 *     garbage collection, above 0 and at most 1; checked every {@link #HEAP_CHECK_EVENTS} events
 */
public record RunLimits(long maxEvents, long maxMessages, double maxHeapFraction) {
    /** The default {@link #maxEvents()}: a billion. */
    public static final long DEFAULT_MAX_EVENTS = 1_000_000_000L;
    /** The default {@link #maxMessages()}: five million. */
    public static final long DEFAULT_MAX_MESSAGES = 5_000_000L;
    /** The default {@link #maxHeapFraction()}, in percent. */
    public static final int DEFAULT_MAX_HEAP_PERCENT = 85;

    /** A billion events, five million messages held, 85% of the heap. */
    public static final RunLimits DEFAULTS =
            new RunLimits(DEFAULT_MAX_EVENTS, DEFAULT_MAX_MESSAGES, DEFAULT_MAX_HEAP_PERCENT / 100.0);

    /**
     * For a run a person watches and stops: no bound on events (a long run at full speed is what
     * they asked for), the same bounds on messages held and memory.
     */
    public static final RunLimits INTERACTIVE =
            new RunLimits(Long.MAX_VALUE, DEFAULT_MAX_MESSAGES, DEFAULT_MAX_HEAP_PERCENT / 100.0);

    /** Events between two looks at the heap (the look itself is cheap; a collection only when it is full). */
    public static final int HEAP_CHECK_EVENTS = 1 << 16;

    public RunLimits {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("the most events a run may process must be at least 1 (was " + maxEvents + ")");
        }
        if (maxMessages < 1) {
            throw new IllegalArgumentException("the most messages a run may hold must be at least 1 (was " + maxMessages + ")");
        }
        if (!(maxHeapFraction > 0 && maxHeapFraction <= 1)) {
            throw new IllegalArgumentException("the share of memory a run may use must be above 0 and at most 1 (was "
                    + maxHeapFraction + ")");
        }
    }
}
