// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.model.Broker;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Durations;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.InvalidPropertyException;
import dev.pipewright.model.Limits;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.Imported;
import dev.pipewright.model.layout.LayeredLayout;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One virtual host's definitions as a flow, following the mapping both directions share
 * (docs/configuration.md): exchanges are topics, queues are queues (dead-letter queues when
 * another queue dead-letters to them), bindings and dead-letter targets are edges, and the
 * matching policy's values become the queues' settings. Everything else is a finding that names it.
 */
final class VhostFlow {
    /** The exchanges every virtual host has, and how they route. */
    private static final Map<String, Topic.Routing> BROKER_EXCHANGES = Map.of(
            "amq.direct", Topic.Routing.DIRECT,
            "amq.fanout", Topic.Routing.FANOUT,
            "amq.topic", Topic.Routing.TOPIC,
            "amq.headers", Topic.Routing.HEADERS,
            "amq.match", Topic.Routing.HEADERS,
            "amq.rabbitmq.trace", Topic.Routing.TOPIC);

    /** A queue on its way to becoming a node. */
    private static final class Planned {
        final Declared.Queue decl;
        final String id;
        final QueueType type;
        final ArgumentsRead.Raw raw;
        /** The queue or topic it dead-letters to, by node id; null for none. */
        String deadLetterTo;
        String deadLetterKey;

        Planned(Declared.Queue decl, String id, QueueType type, ArgumentsRead.Raw raw) {
            this.decl = decl;
            this.id = id;
            this.type = type;
            this.raw = raw;
        }
    }

    /** A binding between two nodes the flow has. */
    private record Wire(Declared.Binding binding, String from, String to, boolean toExchange) {
    }

    private final Declared.Vhost vhost;
    private final Findings findings = new Findings();
    private final NodeIds ids = new NodeIds();
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final List<Topic> brokerTopics = new ArrayList<>();
    private final Map<String, Integer> leftOutExchanges = new LinkedHashMap<>();
    private final Map<String, Planned> queues = new LinkedHashMap<>();

    private VhostFlow(Declared.Vhost vhost) {
        this.vhost = vhost;
    }

    static Imported build(Declared.Vhost vhost, String source, List<Finding> common) {
        return new VhostFlow(vhost).build(source, common);
    }

    private String in() {
        return vhost.name.equals("/") ? "" : " in virtual host '" + Json.named(vhost.name) + "'";
    }

    private Imported build(String source, List<Finding> common) {
        checkCount();
        Policies policies = new Policies(vhost.policies, vhost.name, findings);
        readExchanges(policies);
        readQueues(policies);
        List<Wire> wires = resolveBindings();
        resolveDeadLetters();
        Set<String> deadLetterQueues = deadLetterQueues(wires);
        List<Node> nodes = new ArrayList<>(topics.values().stream().filter(t -> !brokerTopics.contains(t)).toList());
        nodes.addAll(brokerTopics);
        for (Planned p : queues.values()) {
            nodes.add(queueNode(p, deadLetterQueues.contains(p.id)));
        }
        List<Edge> edges = edges(wires);
        for (Map.Entry<String, Integer> e : leftOutExchanges.entrySet()) {
            if (e.getValue() > 0) {
                findings.warn(null, e.getValue() + " binding(s) of exchange '" + Json.named(e.getKey())
                        + "' were left out with it", null);
            }
        }
        reportParameters();
        policies.report(findings);
        if (nodes.size() > Limits.MAX_NODES || edges.size() > Limits.MAX_EDGES) {
            throw new Refused("", "virtual host '" + Json.named(vhost.name) + "' makes " + nodes.size() + " nodes and "
                    + edges.size() + " edges; a flow holds at most " + Limits.MAX_NODES + " nodes and "
                    + Limits.MAX_EDGES + " edges: import a smaller part of it");
        }
        FlowInfo info = new FlowInfo(vhost.name.equals("/") ? fileStem(source) : vhost.name, vhost.description,
                Broker.RABBITMQ);
        Flow flow = new Flow(info, nodes, edges);
        Map<String, Position> at = LayeredLayout.layout(flow);
        flow = new Flow(info, nodes.stream().map(n -> n.withPosition(at.get(n.id()))).toList(), edges);
        List<Finding> warnings = new ArrayList<>(common);
        warnings.addAll(findings.all());
        return new Imported(flow, vhost.name, warnings);
    }

    /** Refuses, before any work, a virtual host with more exchanges and queues than a flow holds nodes. */
    private void checkCount() {
        int count = vhost.exchanges.size() + vhost.queues.size();
        if (count > Limits.MAX_NODES) {
            String pointer = vhost.queues.size() > Limits.MAX_NODES ? vhost.queues.get(Limits.MAX_NODES).pointer()
                    : vhost.queues.isEmpty() ? vhost.exchanges.get(Limits.MAX_NODES).pointer()
                    : vhost.queues.getFirst().pointer();
            throw new Refused(pointer, "virtual host '" + Json.named(vhost.name) + "' has " + count
                    + " exchanges and queues; a flow holds at most " + Limits.MAX_NODES
                    + " nodes: import a smaller part of it");
        }
        if (vhost.bindings.size() > Limits.MAX_EDGES) {
            throw new Refused(vhost.bindings.get(Limits.MAX_EDGES).pointer(), "virtual host '"
                    + Json.named(vhost.name) + "' has " + vhost.bindings.size() + " bindings; a flow holds at most "
                    + Limits.MAX_EDGES + " edges: import a smaller part of it");
        }
    }

    static String fileStem(String source) {
        String s = source;
        while (s.endsWith("/") || s.endsWith("\\")) {
            s = s.substring(0, s.length() - 1);
        }
        s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
        if (s.toLowerCase(Locale.ROOT).endsWith(".json")) {
            s = s.substring(0, s.length() - 5);
        }
        return s.isBlank() ? "RabbitMQ definitions" : s;
    }

    // ---- exchanges

    private void readExchanges(Policies policies) {
        for (Declared.Exchange e : vhost.exchanges) {
            String named = "exchange '" + Json.named(e.name()) + "'";
            if (e.name().isEmpty()) {
                findings.info(null, "the default exchange is listed" + in() + "; every virtual host has it, so it is"
                        + " not a node", null);
                continue;
            }
            if (topics.containsKey(e.name()) || leftOutExchanges.containsKey(e.name())) {
                findings.warn(null, named + " is declared twice" + in() + "; the second was not read", null);
                continue;
            }
            Topic.Routing routing = routing(e.type());
            Set<String> used = new HashSet<>();
            if (routing == null && e.type().equals("x-delayed-message")) {
                JsonNode delayed = e.arguments().get("x-delayed-type");
                routing = delayed != null && delayed.isTextual() ? routing(delayed.textValue()) : null;
                used.add("x-delayed-type");
            }
            if (routing == null) {
                leftOutExchanges.put(e.name(), 0);
                findings.warn(null, named + " is of type " + Json.quoted(e.type()) + in()
                        + ", which a flow's topics cannot route as; it was left out",
                        "model what it does with a processor (a content router) and a topic");
                continue;
            }
            String id = ids.of(e.name(), "exchange");
            Topic.Routing routes = routing;
            Topic topic = node(e.pointer(), named, () -> new Topic(id, e.name(), null, routes, e.durable()));
            topics.put(e.name(), topic);
            if (e.type().equals("x-delayed-message")) {
                findings.warn(id, named + " is a delayed-message exchange, read as a " + lower(topic.routing())
                        + " topic; the delay each message asks for (x-delay) is not modelled",
                        "set a delivery delay on the queues it feeds");
            }
            if (e.internal()) {
                findings.warn(id, named + " is internal: RabbitMQ lets no publisher send to it, only other"
                        + " exchanges; the flow's topic takes publishes", "wire only topics into it");
            }
            if (e.autoDelete()) {
                findings.warn(id, named + " is auto-delete: RabbitMQ removes it when its last binding goes; the"
                        + " flow keeps it", null);
            }
            List<String> leftOut = new ArrayList<>();
            for (Map.Entry<String, JsonNode> a : e.arguments().properties()) {
                if (used.contains(a.getKey())) {
                    continue;
                }
                if (a.getKey().equals("alternate-exchange")) {
                    findings.warn(id, named + " sends what no binding takes to alternate exchange "
                            + Json.shown(a.getValue()) + "; a flow drops such messages, so that is left out",
                            "bind a catch-all queue to the topic instead");
                } else {
                    leftOut.add("'" + Json.named(a.getKey()) + "' = " + Json.shown(a.getValue()));
                }
            }
            if (!leftOut.isEmpty()) {
                findings.warn(id, named + " has argument(s) " + DefinitionsReader.joined(leftOut)
                        + " that a flow has no setting for; left out", null);
            }
            policies.forExchange(e.name());
        }
    }

    private static String lower(Topic.Routing routing) {
        return routing.name().toLowerCase(Locale.ROOT);
    }

    private static Topic.Routing routing(String type) {
        return switch (type) {
            case "fanout" -> Topic.Routing.FANOUT;
            case "direct" -> Topic.Routing.DIRECT;
            case "topic" -> Topic.Routing.TOPIC;
            case "headers" -> Topic.Routing.HEADERS;
            default -> null;
        };
    }

    /** The topic of exchange {@code name}: a declared one, or one of the broker's own made on first mention. */
    private Topic topic(String name) {
        Topic t = topics.get(name);
        if (t == null && BROKER_EXCHANGES.containsKey(name)) {
            String id = ids.of(name, "exchange");
            t = new Topic(id, name, null, BROKER_EXCHANGES.get(name), true);
            topics.put(name, t);
            brokerTopics.add(t);
        }
        return t;
    }

    // ---- queues

    private void readQueues(Policies policies) {
        for (Declared.Queue q : vhost.queues) {
            String named = "queue '" + Json.named(q.name()) + "'";
            if (queues.containsKey(q.name())) {
                findings.warn(queues.get(q.name()).id, named + " is declared twice" + in()
                        + "; the second was not read", null);
                continue;
            }
            List<String> leftOut = new ArrayList<>();
            ArgumentsRead.Raw args = ArgumentsRead.ofArguments(q.arguments(), Json.at(q.pointer(), "arguments"),
                    named, leftOut);
            String typeName = args.queueType != null ? args.queueType : q.type() != null ? q.type()
                    : vhost.defaultQueueType != null ? vhost.defaultQueueType : "classic";
            String id = ids.of(q.name(), "queue");
            QueueType type = switch (typeName) {
                case "classic" -> QueueType.CLASSIC;
                case "quorum" -> QueueType.QUORUM;
                case "stream" -> QueueType.STREAM;
                default -> {
                    findings.warn(id, named + " is of type " + Json.quoted(typeName)
                            + ", which a flow does not know; it was read as a classic queue", null);
                    yield QueueType.CLASSIC;
                }
            };
            if (type == QueueType.STREAM) {
                findings.warn(id, named + " is a stream: the flow keeps it, but Pipewright does not simulate streams,"
                        + " so 'check' and 'run' refuse the flow until it is a classic or quorum queue",
                        "change its type to simulate the flow, or delete it");
            }
            Declared.Policy policy = policies.forQueue(q.name(), type.name().toLowerCase(Locale.ROOT));
            ArgumentsRead.Raw raw = ArgumentsRead.merge(args, policy == null ? null : ArgumentsRead.ofPolicy(policy));
            if (!leftOut.isEmpty()) {
                List<String> shown = leftOut.stream().limit(10).map(k -> "'" + Json.named(k) + "' = "
                        + Json.shown(q.arguments().get(k))).toList();
                findings.warn(id, named + " has argument(s) " + DefinitionsReader.joined(shown)
                        + (leftOut.size() > 10 ? " and " + (leftOut.size() - 10) + " more" : "")
                        + " that a flow has no setting for; left out", "keep them on the broker");
            }
            if (q.exclusive()) {
                findings.warn(id, named + " is exclusive: RabbitMQ keeps it only while the connection that declared"
                        + " it is open; the flow keeps it", null);
            }
            if (q.autoDelete()) {
                findings.warn(id, named + " is auto-delete: RabbitMQ deletes it when its last consumer leaves; the"
                        + " flow keeps it", null);
            }
            queues.put(q.name(), new Planned(q, id, type, raw));
        }
    }

    /** Each queue's dead-letter target as a node, or a warning saying why it has none in the flow. */
    private void resolveDeadLetters() {
        for (Planned p : queues.values()) {
            String named = "queue '" + Json.named(p.decl.name()) + "'";
            String dlx = p.raw.deadLetterExchange;
            String key = p.raw.deadLetterRoutingKey;
            if (dlx == null) {
                if (key != null) {
                    findings.warn(p.id, named + " has a dead-letter routing key but no dead-letter exchange;"
                            + " RabbitMQ does not dead-letter it, nor does the flow", "set x-dead-letter-exchange");
                }
                continue;
            }
            if (dlx.isEmpty()) {
                if (key == null || key.isEmpty()) {
                    findings.warn(p.id, named + " dead-letters through the default exchange with each message's own"
                            + " routing key; the flow cannot tell which queue that is, so it has no dead-letter target",
                            "set x-dead-letter-routing-key to the dead-letter queue's name");
                    continue;
                }
                Planned target = queues.get(key);
                if (target == null) {
                    findings.warn(p.id, named + " dead-letters to queue " + Json.quoted(key)
                            + " (through the default exchange), but there is no such queue" + in(), null);
                    continue;
                }
                p.deadLetterTo = target.id;
                continue;
            }
            Topic topic = topic(dlx);
            if (topic == null) {
                findings.warn(p.id, named + " dead-letters to exchange " + Json.quoted(dlx) + ", but "
                        + (leftOutExchanges.containsKey(dlx) ? "that exchange was left out" : "there is no such exchange"
                        + in()) + "; it has no dead-letter target in the flow", null);
                continue;
            }
            p.deadLetterTo = topic.id();
            p.deadLetterKey = key == null || key.isEmpty() ? null : key;
        }
    }

    /**
     * The ids of queues another queue dead-letters to: named directly through the default
     * exchange, or bound (perhaps through exchange-to-exchange bindings) to a dead-letter
     * exchange. One breadth-first walk from every dead-letter exchange at once: linear.
     */
    private Set<String> deadLetterQueues(List<Wire> wires) {
        Set<String> queueIds = new HashSet<>();
        queues.values().forEach(p -> queueIds.add(p.id));
        Set<String> result = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (Planned p : queues.values()) {
            if (p.deadLetterTo == null) {
                continue;
            }
            if (queueIds.contains(p.deadLetterTo)) {
                if (!p.deadLetterTo.equals(p.id)) {
                    result.add(p.deadLetterTo);
                }
            } else if (seen.add(p.deadLetterTo)) {
                todo.add(p.deadLetterTo);
            }
        }
        Map<String, List<Wire>> out = new HashMap<>();
        wires.forEach(w -> out.computeIfAbsent(w.from(), k -> new ArrayList<>()).add(w));
        while (!todo.isEmpty()) {
            for (Wire w : out.getOrDefault(todo.poll(), List.of())) {
                if (!w.toExchange()) {
                    result.add(w.to());
                } else if (seen.add(w.to())) {
                    todo.add(w.to());
                }
            }
        }
        return result;
    }

    private Node queueNode(Planned p, boolean collectsDeadLetters) {
        String named = "queue '" + Json.named(p.decl.name()) + "'";
        ArgumentsRead.Raw r = p.raw;
        Integer maxLength = null;
        if (r.maxLength != null) {
            if (r.maxLength > Limits.MAX_QUEUE_LENGTH) {
                findings.warn(p.id, named + " holds up to " + r.maxLength + " messages; a flow's queue holds at most "
                        + Limits.MAX_QUEUE_LENGTH + ", so it has no maximum length in the flow", null);
            } else {
                maxLength = r.maxLength.intValue();
            }
        }
        Duration ttl = null;
        if (r.messageTtl != null) {
            if (r.messageTtl == 0) {
                findings.warn(p.id, named + " has a message TTL of 0 (a message expires unless a consumer takes it at"
                        + " once); a flow's TTL is longer than zero, so it is left out", "set a TTL of 1 ms or more");
            } else if (r.messageTtl > Durations.MAX.toMillis()) {
                findings.warn(p.id, named + " has a message TTL over 100 years; left out", null);
            } else {
                ttl = Duration.ofMillis(r.messageTtl);
            }
        }
        Integer maxPriority = null;
        if (r.maxPriority != null) {
            if (r.maxPriority == 0) {
                findings.info(p.id, named + " has x-max-priority 0, which means no priorities; read as none", null);
            } else if (r.maxPriority > 255) {
                findings.warn(p.id, named + " has x-max-priority " + r.maxPriority + "; RabbitMQ takes 1 to 255,"
                        + " so it is left out", null);
            } else {
                maxPriority = r.maxPriority.intValue();
            }
        }
        Integer deliveryLimit = null;
        if (r.deliveryLimit != null) {
            if (r.deliveryLimit == 0 || r.deliveryLimit > Integer.MAX_VALUE) {
                findings.warn(p.id, named + " has a delivery limit of " + r.deliveryLimit + "; a flow's is from 1 to "
                        + Integer.MAX_VALUE + ", so it is left out", null);
            } else {
                deliveryLimit = r.deliveryLimit.intValue();
                if (p.type != QueueType.QUORUM) {
                    findings.warn(p.id, named + " is a " + p.type.name().toLowerCase(Locale.ROOT)
                            + " queue, which ignores its delivery limit; the flow keeps it", "make it a quorum queue");
                }
            }
        }
        Overflow overflow = r.overflow == null ? Overflow.DROP_HEAD : r.overflow;
        boolean sac = Boolean.TRUE.equals(r.singleActiveConsumer);
        boolean durable = p.decl.durable();
        Integer length = maxLength;
        Duration messageTtl = ttl;
        Integer priority = maxPriority;
        Integer limit = deliveryLimit;
        if (collectsDeadLetters && p.deadLetterTo != null) {
            findings.info(p.id, named + " collects other queues' dead letters and dead-letters in turn; it stays a"
                    + " queue, as only a queue has a dead-letter target", null);
        }
        if (collectsDeadLetters && p.deadLetterTo == null) {
            return node(p.decl.pointer(), named, () -> new DeadLetterQueue(p.id, p.decl.name(), null, length, overflow,
                    messageTtl, priority, null, limit, null, 1.0, null, sac, durable, null, null, p.type, null, false));
        }
        return node(p.decl.pointer(), named, () -> new Queue(p.id, p.decl.name(), null, length, overflow, messageTtl,
                priority, null, limit, null, 1.0, null, sac, durable, p.type, null, false, null, false, null));
    }

    // ---- bindings

    private List<Wire> resolveBindings() {
        List<Wire> wires = new ArrayList<>();
        for (Declared.Binding b : vhost.bindings) {
            String what = "the binding from " + (b.source().isEmpty() ? "the default exchange"
                    : "exchange '" + Json.named(b.source()) + "'") + " to " + (b.toExchange() ? "exchange '" : "queue '")
                    + Json.named(b.destination()) + "'";
            if (b.source().isEmpty()) {
                findings.info(null, what + " is implicit (every queue has it) and is not an edge", null);
                continue;
            }
            if (countLeftOut(b.source()) || (b.toExchange() && countLeftOut(b.destination()))) {
                continue;
            }
            Topic source = topic(b.source());
            String to = null;
            if (b.toExchange()) {
                Topic t = topic(b.destination());
                to = t == null ? null : t.id();
            } else if (queues.containsKey(b.destination())) {
                to = queues.get(b.destination()).id;
            }
            if (source == null || to == null) {
                findings.warn(null, what + " was left out: there is no " + (source == null
                        ? "exchange '" + Json.named(b.source()) + "'"
                        : (b.toExchange() ? "exchange '" : "queue '") + Json.named(b.destination()) + "'") + in(),
                        "declare it, or remove the binding");
                continue;
            }
            wires.add(new Wire(b, source.id(), to, b.toExchange()));
        }
        return wires;
    }

    private boolean countLeftOut(String exchange) {
        Integer n = leftOutExchanges.get(exchange);
        if (n == null) {
            return false;
        }
        leftOutExchanges.put(exchange, n + 1);
        return true;
    }

    private List<Edge> edges(List<Wire> wires) {
        Map<String, Topic> byId = new HashMap<>();
        topics.values().forEach(t -> byId.put(t.id(), t));
        List<Edge> edges = new ArrayList<>();
        int n = 0;
        for (Wire w : wires) {
            Declared.Binding b = w.binding();
            Topic source = byId.get(w.from());
            String edgeId = ids.of("binding-" + (++n), "binding");
            Map<String, String> headers = headers(b, source, edgeId);
            String key = b.key().isEmpty() ? null : b.key();
            edges.add(edge(b.pointer(), () -> new Edge(edgeId, w.from(), Port.OUT, w.to(), key, headers)));
        }
        int d = 0;
        for (Planned p : queues.values()) {
            if (p.deadLetterTo != null) {
                String edgeId = ids.of("dead-letter-" + (++d), "dead-letter");
                edges.add(edge(p.decl.pointer(), () -> new Edge(edgeId, p.id, Port.DEAD_LETTER, p.deadLetterTo,
                        p.deadLetterKey, Map.of())));
            }
        }
        return edges;
    }

    /** A headers exchange's binding arguments as the edge's headers; on other exchanges they mean nothing. */
    private Map<String, String> headers(Declared.Binding b, Topic source, String edgeId) {
        if (b.arguments().isEmpty()) {
            return Map.of();
        }
        String what = "the binding from '" + Json.named(b.source()) + "' to '" + Json.named(b.destination()) + "'";
        if (source.routing() != Topic.Routing.HEADERS) {
            findings.add(new Finding(Severity.WARNING, null, edgeId, what + " has arguments "
                    + DefinitionsReader.joined(b.arguments().properties().stream().limit(10)
                    .map(e -> "'" + Json.named(e.getKey()) + "'").toList())
                    + ", which a " + lower(source.routing()) + " exchange ignores; left out", null));
            return Map.of();
        }
        Map<String, String> headers = new TreeMap<>();
        List<String> typed = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : b.arguments().properties()) {
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                headers.put(e.getKey(), v.textValue());
            } else if (v.isNumber() || v.isBoolean()) {
                headers.put(e.getKey(), v.asText());
                typed.add("'" + Json.named(e.getKey()) + "'");
            } else {
                leftOut.add("'" + Json.named(e.getKey()) + "'");
            }
        }
        if (!typed.isEmpty()) {
            findings.add(new Finding(Severity.WARNING, null, edgeId, what + " matches "
                    + DefinitionsReader.joined(typed.stream().limit(10).toList()) + " against a number or true/false;"
                    + " the flow holds header values as text", "check the publishers send them as text"));
        }
        if (!leftOut.isEmpty()) {
            findings.add(new Finding(Severity.WARNING, null, edgeId, what + " matches "
                    + DefinitionsReader.joined(leftOut.stream().limit(10).toList()) + " against a list or table,"
                    + " which a flow's headers cannot hold; left out", null));
        }
        return headers;
    }

    private void reportParameters() {
        for (Declared.Parameter p : vhost.parameters) {
            String kind = p.component().equals("shovel") ? "shovel" : p.component().replace('-', ' ');
            findings.warn(null, kind + " " + Json.quoted(p.name()) + in() + " moves messages between queues or"
                    + " brokers; a flow does not model " + (kind.equals("shovel") ? "shovels" : "federation")
                    + ", so it was left out", "draw it as a consumer that publishes to the destination");
        }
    }

    // ---- refusals of the model, placed in the file

    private interface Make<T> {
        T make();
    }

    private static <T extends Node> T node(String pointer, String named, Make<T> make) {
        try {
            return make.make();
        } catch (InvalidPropertyException e) {
            throw new Refused(pointer, named + ": " + e.getMessage());
        }
    }

    private static Edge edge(String pointer, Make<Edge> make) {
        try {
            return make.make();
        } catch (InvalidPropertyException e) {
            throw new Refused(pointer, "this binding: " + e.getMessage());
        }
    }
}
