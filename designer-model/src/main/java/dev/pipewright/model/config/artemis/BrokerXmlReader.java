// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.artemis;

import dev.pipewright.model.Broker;
import dev.pipewright.model.DeadLetterQueue;
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
import dev.pipewright.model.config.artemis.XmlTree.El;
import dev.pipewright.model.config.artemis.XmlTree.Section;
import dev.pipewright.model.io.FlowFileException;
import dev.pipewright.model.layout.LayeredLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code broker.xml} into a flow: an address with multicast queues or none is a topic
 * and its queues bound to it, an anycast queue is a queue (a dead-letter queue when other queues
 * dead-letter to it), a divert is a binding, and each queue takes the settings of the address
 * settings that match its address, merged most specific first as Artemis merges them.
 */
final class BrokerXmlReader {
    /** Address settings applied to addresses, at most: beyond it a file is refused, not slow. */
    static final long MAX_MATCH_WORK = 20_000_000;
    private static final int MAX_WARNINGS = 1_000;

    private static final Set<String> QUIET_SETTINGS = Set.of("auto-create-queues", "auto-create-addresses",
            "auto-delete-queues", "auto-delete-addresses", "auto-create-jms-queues", "auto-create-jms-topics",
            "auto-delete-jms-queues", "auto-delete-jms-topics", "auto-delete-created-queues");
    private static final Set<String> USED_SETTINGS = Set.of("dead-letter-address", "expiry-address", "expiry-delay",
            "redelivery-delay", "redelivery-delay-multiplier", "max-redelivery-delay", "max-delivery-attempts",
            "max-size-messages", "address-full-policy", "default-exclusive-queue", "max-size-bytes");

    private final String source;
    private final List<Finding> warnings = new ArrayList<>();
    private int leftOut;

    /** A queue as declared: its address, routing and element. */
    private record QueueDecl(String name, String address, boolean multicast, El element) {
    }

    private BrokerXmlReader(String source) {
        this.source = source;
    }

    static Imported read(String text, String source) throws FlowFileException {
        return new BrokerXmlReader(source).build(XmlTree.parse(text, source));
    }

    private void warn(String nodeId, String message, String fix) {
        add(new Finding(Severity.WARNING, nodeId, null, message, fix));
    }

    private void info(String nodeId, String message) {
        add(new Finding(Severity.INFO, nodeId, null, message, null));
    }

    private void add(Finding f) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(f);
        } else {
            leftOut++;
        }
    }

    private FlowFileException error(El at, String problem) {
        return new FlowFileException(source, at.line(), -1, null, null, problem, null);
    }

    private Imported build(List<Section> sections) throws FlowFileException {
        String flowName = null;
        List<El> addresses = new ArrayList<>();
        List<El> settings = new ArrayList<>();
        List<El> diverts = new ArrayList<>();
        for (Section s : sections) {
            switch (s.name()) {
                case "name" -> flowName = s.element().trimmedText();
                case "addresses" -> addresses.addAll(children(s.element(), "address"));
                case "address-settings" -> settings.addAll(children(s.element(), "address-setting"));
                case "diverts" -> diverts.addAll(children(s.element(), "divert"));
                default -> warn(null, "<" + XmlTree.cut(s.name()) + "> (line " + s.line() + ") is not modelled:"
                        + " Pipewright keeps addresses, queues, address settings and diverts, and leaves it out", null);
            }
        }
        Model model = new Model();
        for (El a : addresses) {
            declare(model, a);
            // Counted as it goes, so a file of a million addresses is refused before it costs more.
            if (model.addressOrder.size() + model.addressOf.size() > 2L * Limits.MAX_NODES) {
                throw error(a, "the broker.xml has more addresses and queues than a flow holds ("
                        + Limits.MAX_NODES + " nodes); split it");
            }
        }
        Settings applied = new Settings(settings);
        Map<String, Map<String, El>> effective = new HashMap<>();
        for (String address : model.addressOrder) {
            effective.put(address, applied.effective(address));
        }
        Set<String> deadLetterTargets = new HashSet<>();
        for (Map<String, El> s : effective.values()) {
            El dla = s.get("dead-letter-address");
            if (dla != null) {
                deadLetterTargets.add(dla.trimmedText());
            }
        }
        List<Node> nodes = new ArrayList<>();
        Map<String, String> topicIdByAddress = new HashMap<>();
        Map<String, String> queueIdByAddress = new HashMap<>();
        Map<String, String> queueIdByName = new HashMap<>();
        Ids ids = new Ids();
        for (String address : model.addressOrder) {
            if (model.multicast.contains(address)) {
                String id = ids.fresh(address);
                topicIdByAddress.put(address, id);
                nodes.add(new Topic(id, address, Position.ORIGIN, Topic.Routing.FANOUT, true));
            }
            for (QueueDecl q : model.queues.getOrDefault(address, List.of())) {
                Map<String, El> s = effective.get(address);
                El ownDla = s.get("dead-letter-address");
                boolean dlq = !q.multicast() && deadLetterTargets.contains(address)
                        && (ownDla == null || ownDla.trimmedText().equals(address));
                String id = ids.fresh(q.name());
                nodes.add(queue(id, q, s, dlq));
                queueIdByName.put(q.name(), id);
                if (!q.multicast()) {
                    queueIdByAddress.putIfAbsent(address, id);
                }
            }
        }
        if (nodes.size() > Limits.MAX_NODES) {
            throw new FlowFileException(source, "the broker.xml has " + nodes.size() + " addresses and queues, more"
                    + " than a flow holds (" + Limits.MAX_NODES + "); split it", null);
        }
        Map<String, Node> byId = new HashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        List<Edge> edges = new ArrayList<>();
        Map<String, List<String>> keysByTopic = new HashMap<>();
        // Multicast queues: bound to their address's topic, by their filter.
        for (String address : model.addressOrder) {
            for (QueueDecl q : model.queues.getOrDefault(address, List.of())) {
                if (q.multicast()) {
                    String key = bindingKey(q.element(), "queue '" + q.name() + "'", queueIdByName.get(q.name()));
                    edges.add(new Edge("e" + (edges.size() + 1), topicIdByAddress.get(address), Port.OUT,
                            queueIdByName.get(q.name()), key, Map.of()));
                    keysByTopic.computeIfAbsent(topicIdByAddress.get(address), k -> new ArrayList<>()).add(key);
                }
            }
        }
        for (El d : diverts) {
            divert(d, topicIdByAddress, queueIdByAddress, edges, keysByTopic);
        }
        // Dead-letter and expiry wires, from each queue's effective dead-letter and expiry addresses;
        // an expiry address that is the dead-letter address needs no wire of its own.
        for (Node n : nodes) {
            if (!(n instanceof Queue q)) {
                continue;
            }
            String address = model.addressOf.get(q.name());
            Map<String, El> s = address == null ? Map.of() : effective.get(address);
            El dla = s.get("dead-letter-address");
            El expiry = s.get("expiry-address");
            wireTo(q, address, dla, Port.DEAD_LETTER, "dead-letters", queueIdByAddress, topicIdByAddress, edges);
            if (expiry != null && (dla == null || !dla.trimmedText().equals(expiry.trimmedText()))) {
                wireTo(q, address, expiry, Port.EXPIRED, "sends expired messages", queueIdByAddress, topicIdByAddress,
                        edges);
            }
        }
        nodes = withRouting(nodes, keysByTopic, edges);
        if (edges.size() > Limits.MAX_EDGES) {
            throw new FlowFileException(source, "the broker.xml has " + edges.size() + " bindings and dead-letter"
                    + " wires, more than a flow holds (" + Limits.MAX_EDGES + "); split it", null);
        }
        if (leftOut > 0) {
            warnings.add(new Finding(Severity.WARNING, null, null, leftOut + " more warnings like these were left out",
                    null));
        }
        String name = flowName == null || flowName.isBlank() ? fileStem(source) : flowName;
        FlowInfo info = new FlowInfo(name.length() > 200 ? name.substring(0, 200) : name,
                "Imported from the Artemis broker.xml " + fileStem(source) + ".", Broker.ARTEMIS);
        Flow flow = new Flow(info, nodes, edges);
        Map<String, Position> at = LayeredLayout.layout(flow);
        List<Node> placed = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            placed.add(n.withPosition(at.getOrDefault(n.id(), Position.ORIGIN)));
        }
        return new Imported(new Flow(info, placed, edges), null, warnings);
    }

    private static List<El> children(El parent, String name) {
        List<El> list = new ArrayList<>();
        for (El c : parent.children()) {
            if (c.name().equals(name)) {
                list.add(c);
            }
        }
        return list;
    }

    /** Addresses and their queues, in file order. */
    private static final class Model {
        final List<String> addressOrder = new ArrayList<>();
        final Set<String> multicast = new HashSet<>();
        final Map<String, List<QueueDecl>> queues = new HashMap<>();
        /** Queue name to its address. */
        final Map<String, String> addressOf = new HashMap<>();
    }

    private void declare(Model model, El a) throws FlowFileException {
        String name = a.attr("name");
        if (name == null) {
            throw error(a, "an <address> has no name; give it name=\"...\"");
        }
        checkName(a, name);
        if (model.queues.containsKey(name)) {
            warn(null, "address '" + name + "' (line " + a.line() + ") is declared twice; the second is left out", null);
            return;
        }
        model.addressOrder.add(name);
        List<QueueDecl> queues = new ArrayList<>();
        model.queues.put(name, queues);
        boolean anycast = false;
        boolean multi = false;
        for (El routing : a.children()) {
            boolean isMulti = routing.name().equals("multicast");
            if (!isMulti && !routing.name().equals("anycast")) {
                warn(null, "<" + XmlTree.cut(routing.name()) + "> in address '" + name + "' (line " + routing.line()
                        + ") is not modelled; left out", null);
                continue;
            }
            anycast |= !isMulti;
            multi |= isMulti;
            for (El q : children(routing, "queue")) {
                String qName = q.attr("name");
                if (qName == null) {
                    throw error(q, "a <queue> in address '" + name + "' has no name; give it name=\"...\"");
                }
                checkName(q, qName);
                if (model.addressOf.containsKey(qName)) {
                    warn(null, "queue '" + qName + "' (line " + q.line() + ") is declared twice; Artemis queue names"
                            + " are unique, and the second is left out", null);
                    continue;
                }
                model.addressOf.put(qName, name);
                queues.add(new QueueDecl(qName, name, isMulti, q));
            }
        }
        long anycastQueues = queues.stream().filter(q -> !q.multicast()).count();
        if (multi || !anycast) {
            model.multicast.add(name);
        }
        if (anycastQueues > 1) {
            warn(null, "address '" + name + "' (line " + a.line() + ") has " + anycastQueues + " anycast queues: Artemis"
                    + " gives each message to one of them, which Pipewright models as separate queues", null);
        }
        if (multi && anycast) {
            warn(null, "address '" + name + "' (line " + a.line() + ") is both anycast and multicast; its anycast queues"
                    + " are imported as queues the topic '" + name + "' does not feed", null);
        }
    }

    private void checkName(El at, String name) throws FlowFileException {
        if (name.isBlank() || name.length() > Limits.MAX_NAME_LENGTH) {
            throw error(at, "<" + at.name() + "> has a name " + (name.isBlank() ? "that is empty"
                    : "of " + name.length() + " characters, more than a flow's names hold (" + Limits.MAX_NAME_LENGTH + ")")
                    + "; give it a shorter name");
        }
    }

    /** The binding key a queue's or divert's filter stands for; null for no filter. */
    private String bindingKey(El owner, String what, String nodeId) {
        El filter = null;
        for (El c : owner.children()) {
            if (c.name().equals("filter")) {
                filter = c;
            }
        }
        if (filter == null || filter.attr("string") == null) {
            return null;
        }
        String f = filter.attr("string");
        String key = RoutingFilter.keyOf(f);
        if (key == null) {
            warn(nodeId, what + " has the filter '" + XmlTree.cut(f) + "' (line " + filter.line() + "), which is not a"
                    + " binding key Pipewright models: the binding is imported without it and gets every message",
                    "filter in the consumer, or match on the property '" + ArtemisBrokerXml.ROUTING_KEY_PROPERTY + "'");
            return null;
        }
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Limits.MAX_KEY_BYTES) {
            warn(nodeId, what + " has a binding key longer than " + Limits.MAX_KEY_BYTES + " bytes; left out", null);
            return null;
        }
        return key;
    }

    /** A wire from {@code q}'s {@code port} to the node of address {@code target}, or a warning where it has none. */
    private void wireTo(Queue q, String address, El target, Port port, String does, Map<String, String> queues,
                        Map<String, String> topics, List<Edge> edges) {
        if (target == null || target.trimmedText().equals(address)) {
            return;
        }
        String name = target.trimmedText();
        String to = queues.containsKey(name) ? queues.get(name) : topics.get(name);
        if (to == null) {
            warn(q.id(), "queue '" + q.name() + "' " + does + " to address '" + name + "' (line " + target.line()
                    + "), which the broker.xml does not declare; the '" + port.word() + "' wire is left out",
                    "declare the address in <addresses>");
            return;
        }
        edges.add(new Edge("e" + (edges.size() + 1), q.id(), port, to, null, Map.of()));
    }

    private void divert(El d, Map<String, String> topics, Map<String, String> queues, List<Edge> edges,
                        Map<String, List<String>> keysByTopic) throws FlowFileException {
        String name = d.attr("name") == null ? "?" : d.attr("name");
        String from = null;
        String to = null;
        boolean exclusive = false;
        for (El c : d.children()) {
            switch (c.name()) {
                case "address" -> from = c.trimmedText();
                case "forwarding-address" -> to = c.trimmedText();
                case "exclusive" -> exclusive = bool(c);
                case "filter", "routing-type", "routing-name" -> {
                }
                default -> warn(null, "<" + XmlTree.cut(c.name()) + "> of divert '" + name + "' (line " + c.line()
                        + ") is not modelled; left out", null);
            }
        }
        if (from == null || to == null) {
            throw error(d, "divert '" + name + "' needs an <address> and a <forwarding-address>");
        }
        String fromId = topics.get(from);
        String toId = topics.containsKey(to) ? topics.get(to) : queues.get(to);
        if (fromId == null || toId == null) {
            warn(null, "divert '" + name + "' (line " + d.line() + ") from '" + from + "' to '" + to + "' is left out: "
                    + (fromId == null ? "Pipewright models diverts from multicast addresses (topics) only"
                    : "its forwarding address is not declared"), null);
            return;
        }
        if (fromId.equals(toId)) {
            warn(fromId, "divert '" + name + "' (line " + d.line() + ") forwards '" + from + "' to itself; left out", null);
            return;
        }
        if (exclusive) {
            warn(fromId, "divert '" + name + "' (line " + d.line() + ") is exclusive: what it diverts does not reach"
                    + " the address's own queues; it is imported as an ordinary binding, which copies", null);
        }
        String key = bindingKey(d, "divert '" + name + "'", fromId);
        edges.add(new Edge("e" + (edges.size() + 1), fromId, Port.OUT, toId, key, Map.of()));
        keysByTopic.computeIfAbsent(fromId, k -> new ArrayList<>()).add(key);
    }

    /**
     * A topic whose bindings all have literal keys is direct; one with a pattern, or a mix of
     * keyed and unfiltered bindings (an unfiltered one gets everything: '#'), is a topic topic.
     */
    private static List<Node> withRouting(List<Node> nodes, Map<String, List<String>> keysByTopic, List<Edge> edges) {
        Map<String, Topic.Routing> routing = new HashMap<>();
        for (Map.Entry<String, List<String>> e : keysByTopic.entrySet()) {
            List<String> keys = e.getValue();
            if (keys.stream().allMatch(k -> k == null)) {
                continue;
            }
            boolean literal = keys.stream().allMatch(k -> k != null && !k.contains("*") && !k.contains("#")
                    && RoutingFilter.isLiteral(RoutingFilter.of(Topic.Routing.DIRECT, k, Map.of()).filter()));
            routing.put(e.getKey(), literal ? Topic.Routing.DIRECT : Topic.Routing.TOPIC);
        }
        if (routing.isEmpty()) {
            return nodes;
        }
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            if (routing.get(e.from()) == Topic.Routing.TOPIC && e.key() == null && e.fromPort() == Port.OUT) {
                edges.set(i, e.withKey("#"));
            }
        }
        List<Node> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            out.add(n instanceof Topic t && routing.containsKey(t.id())
                    ? new Topic(t.id(), t.name(), t.position(), routing.get(t.id()), t.durable()) : n);
        }
        return out;
    }

    private Node queue(String id, QueueDecl decl, Map<String, El> s, boolean deadLetterQueue) throws FlowFileException {
        String what = "queue '" + decl.name() + "'";
        boolean sac = s.containsKey("default-exclusive-queue") && bool(s.get("default-exclusive-queue"));
        boolean durable = true;
        for (Map.Entry<String, String> a : decl.element().attributes().entrySet()) {
            switch (a.getKey()) {
                case "name" -> {
                }
                case "exclusive" -> sac = Boolean.parseBoolean(a.getValue().strip());
                case "max-consumers" -> {
                    if (!a.getValue().strip().equals("-1")) {
                        warn(id, what + " allows at most " + XmlTree.cut(a.getValue()) + " consumers (max-consumers),"
                                + " which is not modelled", null);
                    }
                }
                default -> warn(id, what + ": the queue attribute " + XmlTree.cut(a.getKey()) + " (line "
                        + decl.element().line() + ") is not modelled; left out", null);
            }
        }
        for (El c : decl.element().children()) {
            switch (c.name()) {
                case "durable" -> durable = bool(c);
                case "filter" -> {
                    if (!decl.multicast()) {
                        warn(id, what + " has a filter (line " + c.line() + "), which a Pipewright queue does not"
                                + " have; left out", null);
                    }
                }
                default -> warn(id, what + ": <" + XmlTree.cut(c.name()) + "> (line " + c.line()
                        + ") is not modelled; left out", null);
            }
        }
        Duration ttl = millis(s.get("expiry-delay"), false);
        Duration redelivery = millis(s.get("redelivery-delay"), true);
        double multiplier = 1.0;
        El mult = s.get("redelivery-delay-multiplier");
        if (mult != null) {
            try {
                multiplier = Double.parseDouble(mult.trimmedText());
            } catch (NumberFormatException e) {
                throw error(mult, what + ": <redelivery-delay-multiplier> must be a number (was '"
                        + XmlTree.cut(mult.trimmedText()) + "')");
            }
            if (!(multiplier >= 1) || multiplier > Limits.MAX_REDELIVERY_MULTIPLIER) {
                warn(id, what + ": redelivery-delay-multiplier " + multiplier + " is outside 1 to "
                        + (int) Limits.MAX_REDELIVERY_MULTIPLIER + ", which Pipewright models; it is left at 1", null);
                multiplier = 1.0;
            }
        }
        Duration maxRedelivery = null;
        El maxEl = s.get("max-redelivery-delay");
        if (maxEl != null) {
            long ms = number(maxEl);
            maxRedelivery = ms >= BrokerXmlWriter.NO_CAP_MILLIS || ms < 0 ? null : Duration.ofMillis(ms);
        } else if (redelivery != null && multiplier > 1) {
            // Artemis's default cap: ten times the redelivery delay.
            maxRedelivery = redelivery.multipliedBy(10);
        }
        Integer limit = null;
        El attempts = s.get("max-delivery-attempts");
        if (attempts != null) {
            long n = number(attempts);
            if (n == -1) {
                limit = Integer.MAX_VALUE;
                info(id, what + " is redelivered for ever (max-delivery-attempts -1): imported as delivery limit "
                        + Integer.MAX_VALUE + ", since the Artemis profile gives a queue without a limit 10 attempts");
            } else if (n >= 1 && n <= Integer.MAX_VALUE) {
                limit = (int) n;
            } else {
                warn(id, what + ": max-delivery-attempts " + n + " (line " + attempts.line() + ") is not modelled;"
                        + " left at Artemis's default of 10", null);
            }
        }
        Integer maxLength = null;
        Overflow overflow = Overflow.DROP_HEAD;
        El size = s.get("max-size-messages");
        El policy = s.get("address-full-policy");
        if (size != null && number(size) >= 0) {
            String p = policy == null ? "PAGE" : policy.trimmedText();
            long n = number(size);
            overflow = switch (p) {
                case "PAGE" -> Overflow.PAGE;
                case "BLOCK" -> Overflow.BLOCK;
                case "DROP" -> Overflow.DROP_NEW;
                case "FAIL" -> Overflow.REJECT_PUBLISH;
                default -> throw error(policy, what + ": <address-full-policy> must be PAGE, BLOCK, FAIL or DROP (was '"
                        + XmlTree.cut(p) + "')");
            };
            maxLength = (int) Math.min(n, Limits.MAX_QUEUE_LENGTH);
        }
        El bytes = s.get("max-size-bytes");
        if (bytes != null && !bytes.trimmedText().equals("-1")) {
            warn(id, what + " is limited in bytes (max-size-bytes " + XmlTree.cut(bytes.trimmedText()) + "), which"
                    + " Pipewright does not model; left out", "limit it in messages (max-size-messages)");
        }
        for (Map.Entry<String, El> e : s.entrySet()) {
            if (!USED_SETTINGS.contains(e.getKey()) && !QUIET_SETTINGS.contains(e.getKey())) {
                notModelled(e.getKey(), e.getValue());
            }
        }
        try {
            if (deadLetterQueue) {
                return new DeadLetterQueue(id, decl.name(), Position.ORIGIN, maxLength, overflow, ttl, null, null, limit,
                        redelivery, multiplier, maxRedelivery, sac, durable, null, null, QueueType.CLASSIC, null, false);
            }
            return new Queue(id, decl.name(), Position.ORIGIN, maxLength, overflow, ttl, null, null, limit, redelivery,
                    multiplier, maxRedelivery, sac, durable, QueueType.CLASSIC, null, false, null, false, null);
        } catch (InvalidPropertyException e) {
            throw error(decl.element(), what + ": " + e.getMessage());
        }
    }

    private final Set<String> reportedSettings = new HashSet<>();

    private void notModelled(String element, El at) {
        if (reportedSettings.add(element)) {
            warn(null, "the address setting <" + XmlTree.cut(element) + "> (first on line " + at.line() + ") is not"
                    + " modelled; left out", null);
        }
    }

    private boolean bool(El e) throws FlowFileException {
        String t = e.trimmedText();
        if (!t.equals("true") && !t.equals("false")) {
            throw error(e, "<" + e.name() + "> must be true or false (was '" + XmlTree.cut(t) + "')");
        }
        return t.equals("true");
    }

    private long number(El e) throws FlowFileException {
        String t = e.trimmedText();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException ex) {
            throw error(e, "<" + e.name() + "> must be a whole number (was '" + XmlTree.cut(t) + "')");
        }
    }

    /** Milliseconds as a duration; null for unset, -1, or (when {@code zeroIsNone}) 0. */
    private Duration millis(El e, boolean zeroIsNone) throws FlowFileException {
        if (e == null) {
            return null;
        }
        long ms = number(e);
        if (ms < 0 || (ms == 0 && zeroIsNone) || ms == 0) {
            return null;
        }
        if (ms > dev.pipewright.model.Durations.MAX.toMillis()) {
            throw error(e, "<" + e.name() + "> must be at most 100 years in milliseconds (was " + ms + ")");
        }
        return Duration.ofMillis(ms);
    }

    /** The address settings, indexed: literal matches by name, the wildcard ones in a list. */
    private final class Settings {
        private final Map<String, El> literal = new HashMap<>();
        private final Map<String, AddressMatch> wildcardsByMatch = new LinkedHashMap<>();
        private final List<AddressMatch> wildcards;
        private final Map<String, El> byMatch = new HashMap<>();
        private long work;

        Settings(List<El> settings) throws FlowFileException {
            for (El s : settings) {
                String match = s.attr("match");
                if (match == null) {
                    throw error(s, "an <address-setting> has no match; give it match=\"...\"");
                }
                if (!AddressMatch.isValid(match)) {
                    warn(null, "address setting '" + XmlTree.cut(match) + "' (line " + s.line() + ") has '#' before its"
                            + " end, which Artemis refuses; left out", "put '#' only at the end");
                    continue;
                }
                if (byMatch.put(match, s) != null) {
                    warn(null, "address setting '" + XmlTree.cut(match) + "' (line " + s.line() + ") is given twice;"
                            + " the last one counts, as on the server", null);
                }
                if (AddressMatch.isLiteral(match)) {
                    literal.put(match, s);
                } else {
                    wildcardsByMatch.put(match, new AddressMatch(match));
                }
            }
            wildcards = new ArrayList<>(wildcardsByMatch.values());
            wildcards.sort((a, b) -> AddressMatch.MOST_SPECIFIC_FIRST.compare(a.match(), b.match()));
        }

        /** Every setting that applies to {@code address}, the most specific match's value for each. */
        Map<String, El> effective(String address) throws FlowFileException {
            List<El> matched = new ArrayList<>();
            El exact = literal.get(address);
            if (exact != null) {
                matched.add(exact);
            }
            for (AddressMatch w : wildcards) {
                work += 1 + w.match().length() + address.length();
                if (work > MAX_MATCH_WORK) {
                    throw new FlowFileException(source, "the broker.xml has too many wildcard address settings for its"
                            + " addresses to be matched in reasonable time; keep fewer wildcard matches", null);
                }
                if (w.matches(address)) {
                    matched.add(byMatch.get(w.match()));
                }
            }
            Map<String, El> merged = new LinkedHashMap<>();
            for (El s : matched) {
                for (El c : s.children()) {
                    merged.putIfAbsent(c.name(), c);
                }
            }
            return merged;
        }
    }

    /** Node ids from names: the characters an id may hold, unique. */
    private static final class Ids {
        private final Set<String> used = new HashSet<>();

        String fresh(String name) {
            String base = name.replaceAll("[^A-Za-z0-9_.:-]+", "-");
            if (base.length() > 200) {
                base = base.substring(0, 200);
            }
            if (base.isEmpty() || base.equals("-")) {
                base = "node";
            }
            String id = base;
            for (int i = 2; !used.add(id); i++) {
                id = base + "-" + i;
            }
            return id;
        }
    }

    private static String fileStem(String source) {
        String s = source.replace('\\', '/');
        s = s.substring(s.lastIndexOf('/') + 1);
        return s.endsWith(".xml") ? s.substring(0, s.length() - 4) : s;
    }
}
