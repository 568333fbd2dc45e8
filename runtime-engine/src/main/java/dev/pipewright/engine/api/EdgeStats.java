// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

/**
 * Traffic along one edge. Every crossing is counted once, by what kind of message crossed, so a
 * live view can colour its dots: {@code ok + redelivered + deadLettered + expired == crossed}.
 *
 * @param edgeId the edge
 * @param crossed messages that went along it
 * @param rate crossings per second over the last one to two sample intervals
 * @param ok first-time deliveries and ordinary publishes
 * @param redelivered messages delivered again after a requeue
 * @param deadLettered messages dead-lettered along it (reasons other than expired)
 * @param expired messages dead-lettered along it because their time to live ran out
 */
public record EdgeStats(String edgeId, long crossed, double rate, long ok, long redelivered, long deadLettered,
                        long expired) {
}
