// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.time.Duration;

/**
 * Store and forward: keeps every message it receives and forwards it to the node wired to its
 * output, retrying until the target takes it.
 *
 * @param retryInterval wait between forwarding attempts of one message
 * @param maxAttempts attempts before a message is given up (dead-lettered); null for no limit
 * @param deactivateOnFailure stop forwarding altogether after a message is given up
 * @param forwardTime time one forwarding attempt takes
 */
public record MessageStore(String id, String name, Position position, Duration retryInterval, Integer maxAttempts,
                           boolean deactivateOnFailure, Distribution forwardTime) implements Node {

    public MessageStore {
        id = Checks.id(id);
        name = Checks.name(name, id);
        position = position == null ? Position.ORIGIN : position;
        Checks.positiveOrNull("retryInterval", Checks.required("retryInterval", retryInterval));
        Checks.atLeastOrNull("maxAttempts", maxAttempts, 1);
        forwardTime = forwardTime == null ? Distribution.constant(Duration.ZERO) : forwardTime;
    }

    public static MessageStore of(String id, String name, Position position) {
        return new MessageStore(id, name, position, Duration.ofSeconds(1), null, false,
                Distribution.constant(Duration.ofMillis(1)));
    }
}
