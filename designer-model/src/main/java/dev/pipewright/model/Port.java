// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/** The named connection points of nodes. An edge runs from an output port to an input port. */
public enum Port {
    /** Where messages come into a node. */
    IN("in", false),
    /** Where a node sends the messages it passes on. */
    OUT("out", true),
    /** Where a queue sends what it gives up on: rejected, expired, over its limit or delivery limit. */
    DEAD_LETTER("dead-letter", true),
    /**
     * Where a queue sends messages whose time to live ran out, when they should not go with the
     * dead letters: Artemis's expiry address. Without this wire they take the dead-letter port.
     * RabbitMQ has no such target (expired messages are dead-lettered with reason
     * {@code expired}), so its rules leave this wire unused.
     */
    EXPIRED("expired", true),
    /** Where a processor sends messages it failed to process. */
    ERROR("error", true),
    /** Where an endpoint sends what it cannot take while it is down: its secondary. */
    FAILOVER("failover", true);

    private final String word;
    private final boolean output;

    Port(String word, boolean output) {
        this.word = word;
        this.output = output;
    }

    /** The port's name in files and on screen. */
    public String word() {
        return word;
    }

    public boolean isOutput() {
        return output;
    }

    /** True for the outputs of what a node gave up on or could not deliver (drawn dashed): all but {@link #OUT}. */
    public boolean isFailure() {
        return output && this != OUT;
    }

    /** The port with this file name, or null. */
    public static Port fromWord(String word) {
        for (Port p : values()) {
            if (p.word.equals(word)) {
                return p;
            }
        }
        return null;
    }
}
