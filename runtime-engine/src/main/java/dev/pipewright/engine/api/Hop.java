// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

/**
 * One step in a traced message's history.
 *
 * @param time virtual seconds
 * @param nodeId the node where it happened
 * @param event what happened: {@code blocked} (made at a source that waits, as a queue it
 *     publishes to is full and blocks), {@code unblocked} (the source sends it now),
 *     {@code published}, {@code copied}, {@code enqueued},
 *     {@code scheduled} (delivery delay or retry), {@code delivered} (by a queue),
 *     {@code received} (by a consumer instance), {@code acked}, {@code failed}, {@code nacked},
 *     {@code requeued}, {@code redelivery-delay}, {@code rejected} (a full queue refused it),
 *     {@code expired}, {@code dead-lettered}, {@code retried}, {@code dropped}, {@code filtered},
 *     {@code processed}, {@code routed}, {@code split}, {@code aggregated}, {@code duplicate},
 *     {@code stored}, {@code refused} (a down endpoint), {@code completed}
 * @param detail more about it, e.g. {@code instance 2}, {@code consumer-1 delivery 3} or
 *     {@code reason=delivery_limit queue=orders count=1}
 */
public record Hop(double time, String nodeId, String event, String detail) {
}
