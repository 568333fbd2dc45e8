// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * A RabbitMQ queue's type ({@code x-queue-type}). It changes the rules only under the
 * {@link Broker#RABBITMQ} profile: a quorum queue's delivery limit allows one delivery more than
 * its value, and without a limit a requeued message goes to the back; a classic queue has no
 * delivery limit. Stream queues are a log, not a queue, and are not simulated.
 */
public enum QueueType {
    CLASSIC,
    QUORUM,
    STREAM
}
