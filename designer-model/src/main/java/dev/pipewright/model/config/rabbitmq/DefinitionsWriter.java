// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.TerminalText;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.Exported;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a flow as RabbitMQ definitions: topics as exchanges, queues and dead-letter queues with
 * their {@code x-} arguments, a retrying dead-letter queue's wait and parking queues
 * ({@link RetryQueues}), topic edges as bindings (docs/configuration.md has
 * the mapping). Everything is left out that the broker would refuse, or that {@code POST
 * /api/definitions} would skip without a word (names starting with {@code amq.}, arguments a queue
 * type does not take), each with a finding, so that every written definition is accepted as it
 * is. One pass over the nodes and one over the edges: linear in the size of the flow.
 */
final class DefinitionsWriter {
    /** The version the document claims, as {@code rabbitmqctl export_definitions} on the tested broker writes it. */
    static final String VERSION = "3.10.8";
    /** AMQP's short string: the longest exchange, queue and virtual host name RabbitMQ takes. */
    static final int MAX_NAME_BYTES = 255;

    /** The exchanges every virtual host has, and how they route; RabbitMQ reserves the prefix {@code amq.}. */
    static final Map<String, Topic.Routing> BUILT_IN = Map.of(
            "amq.direct", Topic.Routing.DIRECT,
            "amq.fanout", Topic.Routing.FANOUT,
            "amq.topic", Topic.Routing.TOPIC,
            "amq.headers", Topic.Routing.HEADERS,
            "amq.match", Topic.Routing.HEADERS,
            "amq.rabbitmq.trace", Topic.Routing.TOPIC);

    private static final Set<String> X_MATCH = Set.of("all", "any", "all-with-x", "any-with-x");
    private static final String APP_CODE = " is application code; the definitions hold only exchanges, queues and bindings";
    private static final ObjectWriter WRITER = new ObjectMapper().writer(prettyPrinter());

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final Flow flow;
    private final String vhost;
    private final List<Finding> findings = new ArrayList<>();
    /** Queue and dead-letter queue nodes that are written, by id. */
    private final Map<String, QueueSettings> queues = new LinkedHashMap<>();
    /** Topic nodes bindings may name (written ones and the broker's own), by id. */
    private final Map<String, Topic> exchanges = new LinkedHashMap<>();
    /** Of {@link #exchanges}, the ones the broker already has. */
    private final Set<String> builtIn = new HashSet<>();

    private DefinitionsWriter(Flow flow, String vhost) {
        this.flow = flow;
        this.vhost = vhost;
    }

    static Exported write(Flow flow, String vhost) {
        Objects.requireNonNull(flow, "flow");
        checkVhost(vhost);
        return new DefinitionsWriter(flow, vhost).write();
    }

    /**
     * Refuses a virtual host name RabbitMQ does not take or that would print as something else.
     *
     * @throws IllegalArgumentException saying what is wrong with the name and what to do
     */
    static void checkVhost(String vhost) {
        if (vhost == null || vhost.isEmpty()) {
            throw new IllegalArgumentException("the virtual host name is empty; name one, e.g. --vhost /");
        }
        for (int i = 0; i < vhost.length(); i++) {
            char c = vhost.charAt(i);
            if (Character.isISOControl(c) || TerminalText.isUnsafe(c)) {
                throw new IllegalArgumentException("the virtual host name '" + shown(vhost)
                        + "' holds a control or invisible character; use printable characters only");
            }
        }
        if (!wellFormed(vhost)) {
            throw new IllegalArgumentException("the virtual host name '" + shown(vhost)
                    + "' holds a lone surrogate, which UTF-8 cannot encode; use printable characters only");
        }
        int bytes = vhost.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("the virtual host name is " + bytes + " bytes long in UTF-8; RabbitMQ takes"
                    + " at most " + MAX_NAME_BYTES + ", so choose a shorter one");
        }
    }

    private Exported write() {
        Map<String, List<Edge>> bindingsFrom = new HashMap<>();
        Map<String, Edge> deadLetterFrom = new HashMap<>();
        sortEdges(bindingsFrom, deadLetterFrom);
        chooseEntities();

        ObjectNode root = json.objectNode();
        root.put("rabbit_version", VERSION);
        root.put("rabbitmq_version", VERSION);
        root.put("product_name", "RabbitMQ");
        root.put("product_version", VERSION);
        root.putArray("users");
        ObjectNode host = root.putArray("vhosts").addObject();
        host.put("name", vhost);
        ObjectNode metadata = host.putObject("metadata");
        metadata.put("description", wellFormedOrReplaced(flow.info().description()));
        metadata.putArray("tags");
        root.putArray("permissions");
        root.putArray("topic_permissions");
        root.putArray("parameters");
        root.putArray("global_parameters");
        root.putArray("policies");
        ArrayNode queueArray = root.putArray("queues");
        QueueArguments arguments = new QueueArguments(vhost, flow.info().broker(), queues, exchanges, findings);
        RetryQueues retries = new RetryQueues(flow, vhost, queues, findings);
        for (QueueSettings q : queues.values()) {
            queueArray.add(arguments.queue(q, deadLetterFrom.get(q.id())));
            retries.after(q.id()).forEach(queueArray::add);
        }
        ArrayNode exchangeArray = root.putArray("exchanges");
        for (Topic t : exchanges.values()) {
            if (!builtIn.contains(t.id())) {
                exchangeArray.add(exchange(t));
            }
        }
        ArrayNode bindingArray = root.putArray("bindings");
        for (Topic t : exchanges.values()) {
            for (Edge e : bindingsFrom.getOrDefault(t.id(), List.of())) {
                ObjectNode b = binding(t, e);
                if (b != null) {
                    bindingArray.add(b);
                }
            }
        }
        try {
            return new Exported(WRITER.writeValueAsString(root) + "\n", findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /** Topic edges by their topic, and each queue's dead-letter edge, in edge order. */
    private void sortEdges(Map<String, List<Edge>> bindingsFrom, Map<String, Edge> deadLetterFrom) {
        Map<String, Node> byId = flow.nodesById();
        for (Edge e : flow.edges()) {
            Node from = byId.get(e.from());
            if (from instanceof Topic && e.fromPort() == Port.OUT) {
                bindingsFrom.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            } else if (from instanceof QueueSettings q && e.fromPort() == Port.DEAD_LETTER) {
                Edge first = deadLetterFrom.putIfAbsent(e.from(), e);
                if (first != null) {
                    findings.add(warning(q.id(), e.id(), describe(q) + " has more than one dead-letter target, and a"
                            + " RabbitMQ queue has one dead-letter exchange: only the first is written",
                            "keep one dead-letter edge, to a topic that fans out if several queues should get them"));
                }
            } else if (from instanceof QueueSettings q && e.fromPort() == Port.EXPIRED) {
                findings.add(warning(q.id(), e.id(), describe(q) + " sends expired messages along its 'expired' wire,"
                        + " but RabbitMQ has no expiry address: the wire is not written, and RabbitMQ dead-letters"
                        + " expired messages (reason expired)", "wire the 'dead-letter' port instead"));
            }
        }
    }

    /** Which queues and exchanges are written, in node order; a finding for each node left out. */
    private void chooseEntities() {
        Map<String, String> queueNames = new HashMap<>();
        Map<String, String> exchangeNames = new HashMap<>();
        for (Node n : flow.nodes()) {
            switch (n) {
                case QueueSettings q -> {
                    if (usableName(n, describe(q), "queue") && unique(n, describe(q), queueNames)) {
                        queues.put(n.id(), q);
                    }
                }
                case Topic t -> chooseExchange(t, exchangeNames);
                default -> findings.add(new Finding(Severity.INFO, n.id(), null,
                        n.kind().displayName().toLowerCase(Locale.ROOT) + " '" + n.name() + "'" + APP_CODE, null));
            }
        }
    }

    private void chooseExchange(Topic t, Map<String, String> exchangeNames) {
        String what = topic(t);
        Topic.Routing own = BUILT_IN.get(t.name());
        if (own != null) {
            // Every virtual host has it; the import skips a declaration of it, so only bindings are written.
            if (own != t.routing()) {
                findings.add(warning(t.id(), null, what + " is RabbitMQ's own " + word(own) + " exchange, which routes as "
                        + word(own) + ", not " + word(t.routing()), "rename the topic, or set its routing to " + word(own)));
            }
            if (unique(t, what, exchangeNames)) {
                exchanges.put(t.id(), t);
                builtIn.add(t.id());
            }
            return;
        }
        if (usableName(t, what, "exchange") && unique(t, what, exchangeNames)) {
            exchanges.put(t.id(), t);
        }
    }

    /** False, with a warning, for a name RabbitMQ refuses for a queue or an exchange. */
    private boolean usableName(Node n, String what, String entity) {
        String name = n.name();
        String leftOut = ": it is left out, with its bindings and the dead-letter routes to it";
        if (name.startsWith("amq.")) {
            findings.add(warning(n.id(), null, what + " starts with 'amq.', which RabbitMQ reserves for its own " + entity
                    + "s" + leftOut, "rename it"));
            return false;
        }
        if (!wellFormed(name)) {
            findings.add(warning(n.id(), null, what + " holds a lone surrogate, which UTF-8 cannot encode" + leftOut,
                    "rename it"));
            return false;
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            findings.add(warning(n.id(), null, what + " is " + bytes + " bytes long in UTF-8, and RabbitMQ takes "
                    + entity + " names of at most " + MAX_NAME_BYTES + leftOut, "shorten its name"));
            return false;
        }
        return true;
    }

    /** False, with a warning, for the second node of a name already taken (queues and exchanges apart). */
    private boolean unique(Node n, String what, Map<String, String> taken) {
        String first = taken.putIfAbsent(n.name(), n.id());
        if (first == null) {
            return true;
        }
        findings.add(warning(n.id(), null, what + " has the same name as node '" + first + "', and RabbitMQ holds one "
                + (n instanceof Topic ? "exchange" : "queue") + " per name: only the first is written, and this one's"
                + " bindings and the dead-letter routes to it are left out", "give each a name of its own"));
        return false;
    }

    private ObjectNode exchange(Topic t) {
        ObjectNode o = json.objectNode();
        o.put("name", t.name());
        o.put("vhost", vhost);
        o.put("type", word(t.routing()));
        o.put("durable", t.durable());
        o.put("auto_delete", false);
        o.put("internal", false);
        o.putObject("arguments");
        return o;
    }

    /** The binding for a topic's edge, or null when its destination is left out or the broker would refuse it. */
    private ObjectNode binding(Topic t, Edge e) {
        String destination;
        String type;
        if (queues.containsKey(e.to())) {
            destination = queues.get(e.to()).name();
            type = "queue";
        } else if (exchanges.containsKey(e.to())) {
            destination = exchanges.get(e.to()).name();
            type = "exchange";
        } else {
            return null;
        }
        if (e.key() != null && !wellFormed(e.key())) {
            findings.add(warning(t.id(), e.id(), topic(t) + "'s binding to '" + destination + "' has a key with a lone"
                    + " surrogate, which UTF-8 cannot encode: the binding is left out", "change the key"));
            return null;
        }
        ObjectNode args = json.objectNode();
        if (t.routing() == Topic.Routing.HEADERS) {
            String match = e.headers().get("x-match");
            if (match != null && !X_MATCH.contains(match)) {
                findings.add(warning(t.id(), e.id(), topic(t) + "'s binding to '" + destination + "' has x-match '" + match
                        + "', which RabbitMQ refuses: the binding is left out", "set x-match to all or any"));
                return null;
            }
            for (Map.Entry<String, String> h : e.headers().entrySet()) {
                if (!wellFormed(h.getKey()) || !wellFormed(h.getValue())) {
                    findings.add(warning(t.id(), e.id(), topic(t) + "'s binding to '" + destination + "' has a header"
                            + " with a lone surrogate, which UTF-8 cannot encode: the binding is left out",
                            "change the header"));
                    return null;
                }
                args.put(h.getKey(), h.getValue());
            }
        } else if (!e.headers().isEmpty()) {
            findings.add(new Finding(Severity.INFO, t.id(), e.id(), topic(t) + " routes as " + word(t.routing())
                    + ", so its binding to '" + destination + "' ignores header arguments: they are left out",
                    "make the topic a headers topic if the headers should match"));
        }
        ObjectNode o = json.objectNode();
        o.put("source", t.name());
        o.put("vhost", vhost);
        o.put("destination", destination);
        o.put("destination_type", type);
        o.put("routing_key", e.key() == null ? "" : e.key());
        o.set("arguments", args);
        return o;
    }

    static Finding warning(String nodeId, String edgeId, String message, String fix) {
        return new Finding(Severity.WARNING, nodeId, edgeId, message, fix);
    }

    static String describe(QueueSettings q) {
        return "queue '" + q.name() + "'";
    }

    private static String topic(Topic t) {
        return "topic '" + t.name() + "'";
    }

    static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** True when every surrogate has its other half, so the text has a UTF-8 form. */
    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String wellFormedOrReplaced(String text) {
        if (wellFormed(text)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    private static String shown(String text) {
        return TerminalText.escape(text.length() > 60 ? text.substring(0, 60) + "..." : text);
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
