// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * Publish/subscribe: every binding whose key matches gets a copy. Bindings are the edges from its
 * {@link Port#OUT} port; an edge's {@code key} is the binding key, its {@code headers} the header
 * match (with {@code x-match} = {@code all} or {@code any}).
 *
 * @param routing how bindings match messages
 * @param durable survives a broker restart (export only)
 */
public record Topic(String id, String name, Position position, Routing routing, boolean durable) implements Node {

    /** How a topic matches a message to its bindings (RabbitMQ's exchange types). */
    public enum Routing {
        /** Every binding gets a copy; keys are ignored. */
        FANOUT,
        /** Bindings whose key equals the routing key. */
        DIRECT,
        /** Bindings whose pattern matches the dotted routing key; {@code *} is one word, {@code #} zero or more. */
        TOPIC,
        /** Bindings whose header arguments match the message's headers. */
        HEADERS
    }

    public Topic {
        id = Checks.id(id);
        name = Checks.name(name, id);
        position = position == null ? Position.ORIGIN : position;
        routing = routing == null ? Routing.FANOUT : routing;
    }

    public static Topic of(String id, String name, Position position) {
        return new Topic(id, name, position, Routing.FANOUT, true);
    }
}
