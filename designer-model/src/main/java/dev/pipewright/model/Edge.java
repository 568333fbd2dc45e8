// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.util.Map;

/**
 * A wire from an output port of one node to the input of another.
 *
 * @param id unique within its flow
 * @param from id of the node it leaves
 * @param fromPort which output port it leaves by
 * @param to id of the node it enters (always by its {@link Port#IN} port)
 * @param key the binding key (from a topic), or the route name (from a content router); null for none
 * @param headers header arguments of a headers-topic binding, including {@code x-match}
 */
public record Edge(String id, String from, Port fromPort, String to, String key, Map<String, String> headers) {
    public Edge {
        id = Checks.id(id);
        Checks.required("from", from);
        Checks.required("to", to);
        fromPort = fromPort == null ? Port.OUT : fromPort;
        if (!fromPort.isOutput()) {
            throw new InvalidPropertyException("fromPort", "'" + fromPort.word() + "' is an input, an edge must leave by an output");
        }
        key = key == null || key.isEmpty() ? null : Checks.key("key", key);
        headers = Checks.sortedMap("headers", headers);
    }

    /** A plain wire from {@code from}'s port to {@code to}. */
    public static Edge of(String id, String from, Port fromPort, String to) {
        return new Edge(id, from, fromPort, to, null, Map.of());
    }

    public Edge withKey(String newKey) {
        return new Edge(id, from, fromPort, to, newKey, headers);
    }
}
