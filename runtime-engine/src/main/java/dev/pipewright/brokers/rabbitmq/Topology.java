// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.rabbitmq.RabbitDefinitions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Declares through AMQP exactly what the RabbitMQ export writes for a flow (its exchanges, queues
 * with their arguments, and bindings), so that a live run and the export never disagree; and
 * deletes it again.
 */
final class Topology {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode definitions;
    private final List<Finding> warnings;
    private final List<String> declaredQueues = new ArrayList<>();
    private final List<String> declaredExchanges = new ArrayList<>();

    private Topology(JsonNode definitions, List<Finding> warnings) {
        this.definitions = definitions;
        this.warnings = warnings;
    }

    /** The export of {@code flow} for {@code vhost}, not yet declared. */
    static Topology of(Flow flow, String vhost) {
        Exported exported = RabbitDefinitions.write(flow, vhost);
        try {
            return new Topology(MAPPER.readTree(exported.text()), exported.warnings());
        } catch (IOException e) {
            throw new IllegalStateException("the RabbitMQ export wrote what it cannot read back", e);
        }
    }

    /** What the export warns about. */
    List<Finding> warnings() {
        return warnings;
    }

    /** The queue names the export writes. */
    List<String> queueNames() {
        List<String> names = new ArrayList<>();
        definitions.path("queues").forEach(q -> names.add(q.path("name").asText()));
        return names;
    }

    /**
     * Declares every exchange, then every queue, then every binding; stops at the first refusal.
     *
     * @throws NeedsPermission when a declaration failed, saying which permission it needs
     */
    void declare(Connection connection) throws IOException {
        // One channel per declaration: a refusal closes the channel, and the message names the entity.
        for (JsonNode x : definitions.path("exchanges")) {
            String name = x.path("name").asText();
            try (Channel ch = connection.createChannel()) {
                ch.exchangeDeclare(name, x.path("type").asText(), x.path("durable").asBoolean(),
                        x.path("auto_delete").asBoolean(), x.path("internal").asBoolean(), AmqpTables.of(x.path("arguments")));
                declaredExchanges.add(name);
            } catch (IOException | java.util.concurrent.TimeoutException e) {
                throw new NeedsPermission("configure", "declare", e);
            }
        }
        for (JsonNode q : definitions.path("queues")) {
            String name = q.path("name").asText();
            try (Channel ch = connection.createChannel()) {
                ch.queueDeclare(name, q.path("durable").asBoolean(), false, q.path("auto_delete").asBoolean(),
                        AmqpTables.of(q.path("arguments")));
                declaredQueues.add(name);
            } catch (IOException | java.util.concurrent.TimeoutException e) {
                throw new NeedsPermission("configure", "declare", e);
            }
        }
        for (JsonNode b : definitions.path("bindings")) {
            String destination = b.path("destination").asText();
            String source = b.path("source").asText();
            try (Channel ch = connection.createChannel()) {
                String key = b.path("routing_key").asText();
                Map<String, Object> args = AmqpTables.of(b.path("arguments"));
                if ("exchange".equals(b.path("destination_type").asText())) {
                    ch.exchangeBind(destination, source, key, args);
                } else {
                    ch.queueBind(destination, source, key, args);
                }
            } catch (IOException | java.util.concurrent.TimeoutException e) {
                // A binding needs write on its destination and read on its source; the refusal names the one it lacked.
                String refused = String.valueOf(e.getCause() instanceof com.rabbitmq.client.ShutdownSignalException s
                        ? s.getMessage() : e.getMessage());
                boolean onSource = refused.contains("exchange '" + source + "'") && !source.equals(destination);
                throw new NeedsPermission(onSource ? "read" : "write", "bind", e);
            }
        }
    }

    /** Deletes what {@link #declare} declared, best effort: what is already gone is no error. */
    void teardown(Connection connection) {
        for (String q : declaredQueues) {
            try (Channel ch = connection.createChannel()) {
                ch.queueDelete(q);
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
                // Best effort: the queue may be gone, or the connection lost; the rest still goes.
            }
        }
        for (String x : declaredExchanges) {
            try (Channel ch = connection.createChannel()) {
                ch.exchangeDelete(x);
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
                // As above.
            }
        }
        declaredQueues.clear();
        declaredExchanges.clear();
    }
}
