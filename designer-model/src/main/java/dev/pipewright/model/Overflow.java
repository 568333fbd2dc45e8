// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/** What a queue at its maximum length does with the next message (RabbitMQ's {@code x-overflow}). */
public enum Overflow {
    /** Discard (or dead-letter) the oldest message to make room. */
    DROP_HEAD,
    /** Refuse the new message; the publisher is told. */
    REJECT_PUBLISH,
    /** Refuse the new message and dead-letter it. */
    REJECT_PUBLISH_DLX
}
