// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import java.util.List;

/**
 * The hop-by-hop history of one traced message. The engine traces a sample of messages (those
 * whose id is a multiple of {@link #SAMPLE_EVERY}) and keeps the most recent
 * {@link #CAPACITY} of them.
 *
 * @param messageId the engine's id of the message
 * @param hops what happened to it, in order
 */
public record Lineage(long messageId, List<Hop> hops) {
    /** Messages whose id is a multiple of this are traced. */
    public static final int SAMPLE_EVERY = 64;
    /** How many traced messages are kept; the oldest are forgotten first. */
    public static final int CAPACITY = 2000;

    public Lineage {
        hops = List.copyOf(hops);
    }

    /** True when the engine traces the message with this id. */
    public static boolean sampled(long messageId) {
        return messageId % SAMPLE_EVERY == 0;
    }
}
