// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * A node of a flow. The kinds form a closed set; each is an immutable record whose compact
 * constructor checks every value and names the property it refuses.
 */
public sealed interface Node
        permits Source, Queue, Topic, Processor, Consumer, DeadLetterQueue, MessageStore, Endpoint {

    /** Unique within its flow; edges refer to nodes by it. */
    String id();

    /** What a person calls it; shown on the canvas. */
    String name();

    /** Where it sits on the canvas. */
    Position position();

    /** The node's kind: the {@link NodeKind} whose record this is. */
    default NodeKind kind() {
        return NodeKind.of(this);
    }

    default Node withPosition(Position position) {
        return (Node) RecordCopy.with((Record) this, "position", position);
    }

    default Node withName(String name) {
        return (Node) RecordCopy.with((Record) this, "name", name);
    }

    default Node withId(String id) {
        return (Node) RecordCopy.with((Record) this, "id", id);
    }

    /** A copy with one property changed; the property is named as in flow files. */
    default Node with(String property, Object value) {
        return (Node) RecordCopy.with((Record) this, property, value);
    }

    /** A node of the given kind with every property at its default. */
    static Node create(NodeKind kind, String id, String name, Position position) {
        return kind.create(id, name, position);
    }
}
