// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What one virtual host of a definitions file declares, read and type-checked but not yet a flow.
 * Every entity keeps the JSON pointer it came from, so that a later refusal can name its place.
 */
final class Declared {
    /** An exchange as {@code rabbitmqctl export_definitions} writes it. */
    record Exchange(String pointer, String name, String type, boolean durable, boolean autoDelete, boolean internal,
                    ObjectNode arguments) {
    }

    /** A queue; {@code type} is its top-level {@code type} field (3.10 writes it), or null. */
    record Queue(String pointer, String name, String type, boolean durable, boolean autoDelete, boolean exclusive,
                 ObjectNode arguments) {
    }

    /** A binding from an exchange to a queue, or to an exchange. */
    record Binding(String pointer, String source, String destination, boolean toExchange, String key,
                   ObjectNode arguments) {
    }

    /** A policy: applies its definition to the queues or exchanges whose names its pattern matches. */
    record Policy(String pointer, String name, String pattern, String applyTo, ObjectNode definition, long priority) {
    }

    /** A runtime parameter (a shovel, a federation upstream, a limit...). */
    record Parameter(String pointer, String component, String name) {
    }

    /** One virtual host's part of the file. */
    static final class Vhost {
        final String name;
        String description = "";
        String defaultQueueType;
        final List<Exchange> exchanges = new ArrayList<>();
        final List<Queue> queues = new ArrayList<>();
        final List<Binding> bindings = new ArrayList<>();
        final List<Policy> policies = new ArrayList<>();
        final List<Parameter> parameters = new ArrayList<>();

        Vhost(String name) {
            this.name = name;
        }
    }

    private Declared() {
    }
}
