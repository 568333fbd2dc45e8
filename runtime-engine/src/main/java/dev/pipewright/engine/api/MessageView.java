// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import java.util.List;
import java.util.Map;

/**
 * A read-only copy of one message waiting in a queue, for inspection.
 *
 * @param id the engine's unique id of this message
 * @param originId the publisher's message id: a duplicate publish and topic copies share it
 * @param state {@code ready}, {@code scheduled} (delayed or waiting to be redelivered or retried)
 *     or {@code unacked}
 * @param priority its priority (0 when the source sets none)
 * @param deliveryCount times it has been delivered to a consumer
 * @param createdAt virtual seconds when it was created
 * @param enqueuedAt virtual seconds when it entered this queue
 * @param routingKey its routing key, or null
 * @param headers its headers
 * @param payload its JSON payload as text, or null for an opaque body
 * @param size its size in bytes
 * @param deaths its dead-letter history, oldest first
 */
public record MessageView(long id, long originId, String state, int priority, int deliveryCount, double createdAt,
                          double enqueuedAt, String routingKey, Map<String, String> headers, String payload,
                          int size, List<Death> deaths) {
    public MessageView {
        headers = Map.copyOf(headers);
        deaths = List.copyOf(deaths);
    }
}
