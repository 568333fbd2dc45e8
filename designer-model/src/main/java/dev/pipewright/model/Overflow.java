// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * What a queue at its maximum length does with the next message: RabbitMQ's {@code x-overflow}
 * (the first three) or Artemis's {@code address-full-policy} (the last three; Artemis's FAIL is
 * {@link #REJECT_PUBLISH}). Each runs the same under every broker profile; the rules and their
 * sources are in {@code docs/brokers.md}.
 */
public enum Overflow {
    /** Discard (or dead-letter) the oldest message to make room. */
    DROP_HEAD,
    /** Refuse the new message; the publisher is told. */
    REJECT_PUBLISH,
    /** Refuse the new message and dead-letter it. */
    REJECT_PUBLISH_DLX,
    /** Keep every message beyond the limit (Artemis pages them to disk): nothing is refused or lost. */
    PAGE,
    /** A source publishing to the full queue waits, its message held, until the queue has room. */
    BLOCK,
    /** Discard the new message without telling the publisher (Artemis DROP): a confirm still confirms it. */
    DROP_NEW;

    /** True for Artemis's policies, which RabbitMQ's {@code x-overflow} has no word for. */
    public boolean artemisOnly() {
        return this == PAGE || this == BLOCK || this == DROP_NEW;
    }
}
