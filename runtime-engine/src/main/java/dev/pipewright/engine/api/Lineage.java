// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import java.util.List;

/**
 * The hop-by-hop history of one traced message. The engine traces every one of a run's first
 * {@link #ALL_UP_TO} messages, so a small run (a lesson, a script) can be followed message by
 * message, and after them a sample (those whose id is a multiple of {@link #SAMPLE_EVERY}), of
 * which it keeps the most recent {@link #CAPACITY}.
 *
 * @param messageId the engine's id of the message
 * @param hops what happened to it, in order
 */
public record Lineage(long messageId, List<Hop> hops) {
    /** Messages with an id up to this one are all traced (ids start at 1). */
    public static final int ALL_UP_TO = 2000;
    /** After the first {@link #ALL_UP_TO}, messages whose id is a multiple of this are traced. */
    public static final int SAMPLE_EVERY = 64;
    /** How many sampled messages (after the first {@link #ALL_UP_TO}) are kept; the oldest are forgotten first. */
    public static final int CAPACITY = 2000;

    public Lineage {
        hops = List.copyOf(hops);
    }

    /** True when the engine traces the message with this id. */
    public static boolean sampled(long messageId) {
        return messageId > 0 && (messageId <= ALL_UP_TO || messageId % SAMPLE_EVERY == 0);
    }
}
