// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

/**
 * One entry of a message's dead-letter history, like RabbitMQ's {@code x-death} header: one entry
 * per (queue, reason), with how often it happened.
 *
 * @param reason {@code rejected}, {@code expired}, {@code maxlen} or {@code delivery_limit}
 * @param queue id of the queue that dead-lettered the message
 * @param count how many times it was dead-lettered from that queue for that reason
 * @param time virtual seconds of the latest such dead-lettering
 */
public record Death(String reason, String queue, long count, double time) {
}
