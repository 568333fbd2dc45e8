// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.check.TopicRouting;

/**
 * RabbitMQ topic matching: dotted words, {@code *} matches exactly one word, {@code #} zero or more.
 * The engine routes with the model's matcher, so a run and the design's checks agree on every key.
 */
public final class TopicPattern {
    private TopicPattern() {
    }

    /** See {@link TopicRouting#matchesPattern}: pattern words times key words, never exponential. */
    public static boolean matches(String pattern, String routingKey) {
        return TopicRouting.matchesPattern(pattern, routingKey);
    }
}
