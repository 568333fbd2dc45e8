// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Durations;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.asyncapi.MessageFlow.Message;
import dev.pipewright.model.config.asyncapi.MessageFlow.Origin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the AsyncAPI 3.0 document of one flow as a JSON tree: servers by broker profile, a
 * channel per queue, dead-letter queue and topic, operations for what sources, consumers and
 * processors send and receive, and a message per source (with its reply, for request/reply) or
 * per payload-changing processor. What the format cannot hold becomes a {@link Finding}.
 */
final class DocumentWriter {
    static final String AMQP_BINDING_VERSION = "0.3.0";
    static final String JMS_BINDING_VERSION = "0.0.1";
    /** AMQP 0-9-1 short strings, and so the binding's queue and exchange names, hold at most 255 characters. */
    static final int MAX_AMQP_NAME = 255;
    /** Bindings of one topic listed in its channel's description. */
    private static final int MAX_LISTED_BINDINGS = 50;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Flow flow;
    private final Map<String, Node> nodes;
    private final boolean amqp;
    private final boolean jms;
    private final MessageFlow messages;
    private final ComponentIds channelIds = new ComponentIds();
    private final ComponentIds operationIds = new ComponentIds();
    private final ComponentIds messageIds = new ComponentIds();
    /** Every message kind with its component key, in flow order. */
    private final Map<Message, String> messageKeys = new LinkedHashMap<>();
    private final Map<Message, Integer> messageOrder = new HashMap<>();
    private final Set<Message> used = new LinkedHashSet<>();
    private final Map<String, List<Edge>> incoming = new HashMap<>();
    private final List<Finding> warnings = new ArrayList<>();

    DocumentWriter(Flow flow) {
        this.flow = flow;
        this.nodes = flow.nodesById();
        this.amqp = flow.info().broker() != Broker.ARTEMIS;
        this.jms = flow.info().broker() != Broker.RABBITMQ;
        this.messages = MessageFlow.of(flow);
        for (Edge e : flow.edges()) {
            incoming.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
        }
        for (Node n : flow.nodes()) {
            if (n instanceof Source s) {
                key(new Message(Origin.SOURCE, s.id()), s.id());
                key(new Message(Origin.REPLY, s.id()), s.id() + ".reply");
            } else if (n instanceof Processor p && MessageFlow.makesNewPayload(p)) {
                key(new Message(Origin.PROCESSED, p.id()), p.id() + ".out");
            }
        }
    }

    private void key(Message m, String wanted) {
        messageOrder.put(m, messageOrder.size());
        messageKeys.put(m, messageIds.of(wanted));
    }

    List<Finding> warnings() {
        return warnings;
    }

    ObjectNode build() {
        ObjectNode doc = NODES.objectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", flow.info().name());
        info.put("version", "1.0.0");
        String about = "Exported by Pipewright from the flow '" + flow.info().name() + "' (broker profile: "
                + flow.info().broker().label() + ").";
        info.put("description", flow.info().description().isBlank() ? about : flow.info().description() + "\n\n" + about);
        doc.put("defaultContentType", "application/json");
        doc.set("servers", servers());
        ObjectNode channels = doc.putObject("channels");
        for (Node n : flow.nodes()) {
            if (isChannel(n)) {
                channels.set(channelIds.of(n.id()), channel(n));
            }
        }
        doc.set("operations", operations());
        ObjectNode components = doc.putObject("components");
        ObjectNode componentMessages = components.putObject("messages");
        for (Map.Entry<Message, String> e : messageKeys.entrySet()) {
            if (used.contains(e.getKey())) {
                componentMessages.set(e.getValue(), message(e.getKey()));
            }
        }
        if (componentMessages.isEmpty()) {
            doc.remove("components");
        }
        if (messages.truncated()) {
            warnings.add(new Finding(Severity.WARNING, null, null, "the flow's messages reach more than "
                    + MessageFlow.MAX_PAIRS + " node and message pairs; the channels' message lists are incomplete",
                    "split the flow, or export the parts that matter"));
        }
        noteLeftOut();
        return doc;
    }

    // ---- servers

    private ObjectNode servers() {
        ObjectNode servers = NODES.objectNode();
        if (amqp) {
            ObjectNode s = servers.putObject("rabbitmq");
            s.put("host", "127.0.0.1:5672");
            s.put("protocol", "amqp");
            s.put("protocolVersion", "0.9.1");
            s.put("title", "RabbitMQ");
            s.put("description", "A RabbitMQ broker (AMQP 0-9-1), virtual host '/'; the local one Pipewright runs flows on.");
        }
        if (jms) {
            ObjectNode s = servers.putObject("artemis");
            s.put("host", "127.0.0.1:61616");
            s.put("protocol", "jms");
            s.put("title", "ActiveMQ Artemis");
            s.put("description", "An ActiveMQ Artemis broker through Jakarta Messaging (its default acceptor, port 61616).");
            ObjectNode b = s.putObject("bindings").putObject("jms");
            b.put("jmsConnectionFactory", "org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory");
            b.put("bindingVersion", JMS_BINDING_VERSION);
        }
        return servers;
    }

    // ---- channels

    private static boolean isChannel(Node n) {
        return n instanceof QueueSettings || n instanceof Topic;
    }

    private ObjectNode channel(Node n) {
        ObjectNode ch = NODES.objectNode();
        boolean braces = n.name().indexOf('{') >= 0 || n.name().indexOf('}') >= 0;
        if (braces) {
            // An address's {x} is a channel parameter: the exact name stays in the bindings and the title.
            warnings.add(new Finding(Severity.WARNING, n.id(), null, kindWord(n) + " '" + shown(n.name())
                    + "' has braces in its name, which AsyncAPI reads as channel parameters; its address is its id '"
                    + n.id() + "', its name is in the title and the bindings", "rename it without { and }"));
        }
        ch.put("address", braces ? n.id() : n.name());
        ch.put("title", n.name());
        ch.put("description", describeChannel(n));
        ObjectNode msgs = ch.putObject("messages");
        for (Message m : sorted(messages.arriving(n.id()))) {
            msgs.putObject(messageKeys.get(m)).put("$ref", "#/components/messages/" + messageKeys.get(m));
            used.add(m);
        }
        if (n.name().length() > MAX_AMQP_NAME && amqp) {
            warnings.add(new Finding(Severity.WARNING, n.id(), null, kindWord(n) + " '" + shown(n.name())
                    + "' has a name longer than " + MAX_AMQP_NAME
                    + " characters, more than AMQP 0-9-1 allows; the AMQP binding leaves the name out", "shorten the name"));
        }
        ObjectNode bindings = NODES.objectNode();
        if (amqp) {
            bindings.set("amqp", amqpChannel(n));
        }
        if (jms && n instanceof QueueSettings q) {
            ObjectNode b = bindings.putObject("jms");
            if (braces) {
                b.put("destination", n.name());
            }
            // Strict ordering is what a single active consumer gives; JMS calls that a FIFO queue.
            b.put("destinationType", q.singleActiveConsumer() ? "fifo-queue" : "queue");
            b.put("bindingVersion", JMS_BINDING_VERSION);
        }
        ch.set("bindings", bindings);
        return ch;
    }

    private static ObjectNode amqpChannel(Node n) {
        ObjectNode b = NODES.objectNode();
        ObjectNode o;
        if (n instanceof Topic t) {
            b.put("is", "routingKey");
            o = b.putObject("exchange");
            if (t.name().length() <= MAX_AMQP_NAME) {
                o.put("name", t.name());
            }
            o.put("type", t.routing().name().toLowerCase(Locale.ROOT));
            o.put("durable", t.durable());
        } else {
            QueueSettings q = (QueueSettings) n;
            b.put("is", "queue");
            o = b.putObject("queue");
            if (q.name().length() <= MAX_AMQP_NAME) {
                o.put("name", q.name());
            }
            o.put("durable", q.durable());
            o.put("exclusive", false);
        }
        o.put("autoDelete", false);
        o.put("vhost", "/");
        b.put("bindingVersion", AMQP_BINDING_VERSION);
        return b;
    }

    private String describeChannel(Node n) {
        StringBuilder sb = new StringBuilder();
        if (n instanceof Topic t) {
            sb.append("Topic: publish/subscribe, every matching binding gets a copy (a ")
                    .append(t.routing().name().toLowerCase(Locale.ROOT))
                    .append(" exchange on RabbitMQ, a multicast address on Artemis).");
            List<String> bound = new ArrayList<>();
            boolean keyed = false;
            for (Edge e : flow.outgoing(t.id())) {
                Node to = nodes.get(e.to());
                String b = to == null ? "'" + e.to() + "'" : "'" + to.name() + "'";
                if (e.key() != null) {
                    b += " with key '" + e.key() + "'";
                    keyed = true;
                }
                if (!e.headers().isEmpty()) {
                    b += " matching headers " + e.headers();
                    keyed = true;
                }
                bound.add(b);
            }
            if (!bound.isEmpty()) {
                sb.append(" Bound to ").append(String.join("; ", bound.subList(0, Math.min(bound.size(), MAX_LISTED_BINDINGS))));
                sb.append(bound.size() > MAX_LISTED_BINDINGS ? "; and " + (bound.size() - MAX_LISTED_BINDINGS) + " more." : ".");
            }
            if (keyed) {
                warnings.add(new Finding(Severity.WARNING, t.id(), null, "topic '" + shown(t.name())
                        + "': AsyncAPI's AMQP binding has no exchange-to-queue bindings, so its binding keys and header"
                        + " matches are written in the channel's description only",
                        "export --to rabbitmq or --to artemis for the bindings themselves"));
            }
            return sb.toString();
        }
        QueueSettings q = (QueueSettings) n;
        sb.append(n instanceof DeadLetterQueue ? "Dead-letter queue: collects what other queues gave up on."
                : "Queue: point-to-point, each message goes to one consumer.");
        List<String> left = queueSettings(q);
        if (!left.isEmpty()) {
            sb.append(" Settings: ").append(String.join("; ", left)).append('.');
            warnings.add(new Finding(Severity.WARNING, n.id(), null, kindWord(n) + " '" + shown(n.name())
                    + "': AsyncAPI's AMQP and JMS bindings have no place for its " + String.join(", ", left)
                    + "; they are written in the channel's description only",
                    "export --to rabbitmq or --to artemis for the broker configuration"));
        }
        return sb.toString();
    }

    /** The settings of a queue that its channel's bindings cannot say, in words. */
    private List<String> queueSettings(QueueSettings q) {
        List<String> s = new ArrayList<>();
        if (q.maxLength() != null) {
            s.add("max length " + q.maxLength() + " (" + q.overflow().name().toLowerCase(Locale.ROOT).replace('_', '-') + ")");
        }
        if (q.messageTtl() != null) {
            s.add("message TTL " + Durations.format(q.messageTtl()));
        }
        if (q.maxPriority() != null) {
            s.add("max priority " + q.maxPriority());
        }
        if (q.deliveryDelay() != null && !q.deliveryDelay().isZero()) {
            s.add("delivery delay " + Durations.format(q.deliveryDelay()));
        }
        if (q.deliveryLimit() != null) {
            s.add("delivery limit " + q.deliveryLimit());
        }
        if (q.redeliveryDelay() != null && !q.redeliveryDelay().isZero()) {
            s.add("redelivery delay " + Durations.format(q.redeliveryDelay())
                    + (q.redeliveryMultiplier() > 1 ? " times " + q.redeliveryMultiplier() + " per attempt" : "")
                    + (q.maxRedeliveryDelay() != null ? " up to " + Durations.format(q.maxRedeliveryDelay()) : ""));
        }
        if (q.singleActiveConsumer()) {
            s.add("single active consumer");
        }
        if (q.queueType() != QueueType.CLASSIC) {
            s.add("queue type " + q.queueType().name().toLowerCase(Locale.ROOT));
        }
        for (Edge e : flow.outgoing(q.id(), Port.DEAD_LETTER)) {
            Node to = nodes.get(e.to());
            s.add("dead-letter target '" + (to == null ? e.to() : to.name()) + "'");
        }
        if (q instanceof DeadLetterQueue d && d.retryAfter() != null) {
            s.add("retry to the origin after " + Durations.format(d.retryAfter())
                    + (d.maxRetries() != null ? ", at most " + d.maxRetries() + " times" : ""));
        }
        return s;
    }

    // ---- operations

    private ObjectNode operations() {
        ObjectNode ops = NODES.objectNode();
        for (Node n : flow.nodes()) {
            switch (n) {
                case Source s -> {
                    for (Edge e : flow.outgoing(s.id())) {
                        send(ops, s, e);
                    }
                    checkReplyQueue(s);
                }
                case Consumer c -> readerOperations(ops, c);
                case Processor p -> {
                    readerOperations(ops, p);
                    if (MessageFlow.makesNewPayload(p) && !messages.arriving(p.id()).isEmpty()) {
                        warnings.add(new Finding(Severity.INFO, p.id(), null, "processor '" + shown(p.name()) + "' ("
                                + variantWord(p) + ") makes new payloads; what they hold is application code, so"
                                + " their schema is left open", "describe the payload in the document by hand"));
                    }
                }
                default -> { }
            }
        }
        for (Edge e : flow.edges()) {
            Node from = nodes.get(e.from());
            Node to = nodes.get(e.to());
            if (from != null && to != null && !isChannel(from) && !isChannel(to)) {
                warnings.add(new Finding(Severity.WARNING, null, e.id(), "the wire from " + kindWord(from) + " '"
                        + shown(from.name()) + "' to " + kindWord(to) + " '" + shown(to.name())
                        + "' passes through no queue or topic, so no AsyncAPI channel describes it",
                        "put a queue between them if they talk through the broker"));
            }
        }
        return ops;
    }

    private void readerOperations(ObjectNode ops, Node reader) {
        for (Edge in : incoming.getOrDefault(reader.id(), List.of())) {
            Node from = nodes.get(in.from());
            if (from instanceof QueueSettings) {
                receive(ops, reader, from);
            }
        }
        for (Edge e : flow.outgoing(reader.id())) {
            send(ops, reader, e);
        }
    }

    private void send(ObjectNode ops, Node sender, Edge e) {
        Node to = nodes.get(e.to());
        if (to == null || !isChannel(to)) {
            return;
        }
        String channel = channelIds.of(to.id());
        String key = operationIds.of(sender.id() + ".send." + to.id());
        ObjectNode op = (ObjectNode) ops.get(key);
        if (op == null) {
            op = ops.putObject(key);
            op.put("action", "send");
            op.putObject("channel").put("$ref", "#/channels/" + channel);
            op.put("title", sender.name() + " sends to " + to.name());
            op.put("description", describeSender(sender, e));
            op.putArray("messages");
            ObjectNode b = op.putObject("bindings").putObject("amqp");
            if (!amqp) {
                op.remove("bindings");
            }
            if (to instanceof QueueSettings q && q.messageTtl() != null) {
                b.put("expiration", q.messageTtl().toMillis());
            }
            if (sender instanceof Source s) {
                Integer priority = onlyPriority(s);
                if (priority != null) {
                    b.put("priority", priority);
                }
            }
            b.put("deliveryMode", durable(to) ? 2 : 1);
            b.put("bindingVersion", AMQP_BINDING_VERSION);
            if (sender instanceof Source s && s.replyQueue() != null && nodes.get(s.replyQueue()) instanceof QueueSettings r) {
                ObjectNode reply = op.putObject("reply");
                String replyChannel = channelIds.of(r.id());
                reply.putObject("channel").put("$ref", "#/channels/" + replyChannel);
                reply.putArray("messages").addObject().put("$ref", "#/channels/" + replyChannel + "/messages/"
                        + messageKeys.get(new Message(Origin.REPLY, s.id())));
            }
        }
        ArrayNode refs = (ArrayNode) op.get("messages");
        Set<Message> onChannel = messages.arriving(to.id());
        for (Message m : sorted(messages.sent(sender.id(), e.fromPort()))) {
            String ref = "#/channels/" + channel + "/messages/" + messageKeys.get(m);
            if (onChannel.contains(m) && !containsRef(refs, ref)) {
                refs.addObject().put("$ref", ref);
            }
        }
    }

    private void receive(ObjectNode ops, Node reader, Node queue) {
        String channel = channelIds.of(queue.id());
        String key = operationIds.of(reader.id() + ".receive." + queue.id());
        if (ops.has(key)) {
            return;
        }
        ObjectNode op = ops.putObject(key);
        op.put("action", "receive");
        op.putObject("channel").put("$ref", "#/channels/" + channel);
        op.put("title", reader.name() + " receives from " + queue.name());
        op.put("description", describeReader(reader));
        if (amqp) {
            ObjectNode b = op.putObject("bindings").putObject("amqp");
            if (((QueueSettings) queue).messageTtl() != null) {
                b.put("expiration", ((QueueSettings) queue).messageTtl().toMillis());
            }
            if (reader instanceof Consumer c) {
                b.put("ack", c.ackMode() == Consumer.AckMode.MANUAL);
            }
            b.put("bindingVersion", AMQP_BINDING_VERSION);
        }
        if (reader instanceof Consumer c && c.replies()) {
            ObjectNode reply = op.putObject("reply");
            reply.putObject("address").put("location", "$message.header#/replyTo")
                    .put("description", "The request's reply-to: the AMQP reply-to property, JMSReplyTo under JMS.");
            Set<String> replyQueues = new LinkedHashSet<>();
            for (Message m : messages.arriving(queue.id())) {
                if (m.origin() == Origin.SOURCE && nodes.get(m.nodeId()) instanceof Source s && s.replyQueue() != null
                        && nodes.get(s.replyQueue()) instanceof QueueSettings) {
                    replyQueues.add(s.replyQueue());
                }
            }
            if (replyQueues.size() == 1) {
                String replyChannel = channelIds.of(replyQueues.iterator().next());
                reply.putObject("channel").put("$ref", "#/channels/" + replyChannel);
                ArrayNode refs = reply.putArray("messages");
                for (Message m : sorted(messages.arriving(queue.id()))) {
                    if (m.origin() == Origin.SOURCE && nodes.get(m.nodeId()) instanceof Source s
                            && replyQueues.contains(s.replyQueue())) {
                        refs.addObject().put("$ref", "#/channels/" + replyChannel + "/messages/"
                                + messageKeys.get(new Message(Origin.REPLY, s.id())));
                    }
                }
            }
        }
    }

    private static boolean containsRef(ArrayNode refs, String ref) {
        for (JsonNode r : refs) {
            if (ref.equals(r.path("$ref").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean durable(Node n) {
        return n instanceof Topic t ? t.durable() : ((QueueSettings) n).durable();
    }

    /** The one priority a source publishes at, or null when it has none or a mix. */
    private static Integer onlyPriority(Source s) {
        List<Integer> used = s.priorityMix().entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
        return used.size() == 1 ? used.getFirst() : null;
    }

    private void checkReplyQueue(Source s) {
        if (s.replyQueue() != null && !(nodes.get(s.replyQueue()) instanceof QueueSettings)) {
            warnings.add(new Finding(Severity.WARNING, s.id(), null, "source '" + shown(s.name()) + "' names the reply queue '"
                    + shown(s.replyQueue()) + "', which is no queue of the flow, so its requests have no reply channel",
                    "choose one of the flow's queues as its reply queue"));
        }
        List<Integer> used = s.priorityMix().entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
        if (used.size() > 1 && amqp) {
            warnings.add(new Finding(Severity.WARNING, s.id(), null, "source '" + shown(s.name()) + "' publishes a mix of"
                    + " priorities " + used + "; AsyncAPI's AMQP operation binding holds one priority, so the mix is in the"
                    + " message's description only", null));
        }
        if (jms && used.stream().anyMatch(p -> p > 9)) {
            warnings.add(new Finding(Severity.WARNING, s.id(), null, "source '" + shown(s.name()) + "' publishes priorities"
                    + " above 9, which JMS does not have (JMSPriority goes from 0 to 9)", "use priorities 0 to 9"));
        }
    }

    private String describeSender(Node sender, Edge e) {
        if (sender instanceof Source s) {
            StringBuilder sb = new StringBuilder("Publishes about ").append(number(s.rate())).append(" msg/s (")
                    .append(s.arrival().name().toLowerCase(Locale.ROOT)).append(" arrivals)");
            if (s.messageLimit() != null) {
                sb.append(", ").append(s.messageLimit()).append(" messages in all");
            }
            if (!s.routingKeys().isEmpty()) {
                sb.append("; routing keys in turn: ").append(String.join(", ", s.routingKeys()));
            }
            if (s.replyQueue() != null) {
                sb.append("; each is a request awaiting its reply for ").append(Durations.format(s.replyTimeout()));
            }
            return sb.append('.').toString();
        }
        return e.fromPort() == Port.ERROR ? "Sends the messages it failed to process." : "Passes on what it has processed.";
    }

    private static String describeReader(Node reader) {
        if (reader instanceof Consumer c) {
            return c.instances() + " competing instance" + (c.instances() == 1 ? "" : "s") + ", prefetch " + c.prefetch()
                    + (c.ackMode() == Consumer.AckMode.MANUAL ? ", acknowledging after processing"
                    : ", acknowledged on delivery") + (c.replies() ? "; replies to each request." : ".");
        }
        Processor p = (Processor) reader;
        return "A " + variantWord(p) + " processor" + (p.expression() != null ? " (" + p.expression() + ")" : "") + ".";
    }

    // ---- messages

    private ObjectNode message(Message m) {
        ObjectNode msg = NODES.objectNode();
        msg.put("name", messageKeys.get(m));
        switch (m.origin()) {
            case SOURCE -> sourceMessage(msg, (Source) nodes.get(m.nodeId()));
            case REPLY -> {
                Source s = (Source) nodes.get(m.nodeId());
                msg.put("title", "Reply to " + s.name());
                msg.put("summary", "The reply a consumer sends to a request from " + s.name() + ".");
                msg.put("contentType", "application/octet-stream");
                msg.set("headers", headers(s, true));
                msg.putObject("correlationId").put("location", "$message.header#/correlationId")
                        .put("description", "The id of the request it answers.");
                msg.putObject("payload").put("description", "What a reply holds is the consumer's application code.");
                msg.set("bindings", messageBindings(s, true));
            }
            case PROCESSED -> {
                Processor p = (Processor) nodes.get(m.nodeId());
                msg.put("title", p.name() + " output");
                msg.put("summary", "What the " + variantWord(p) + " processor " + p.name() + " sends on.");
                msg.putObject("payload").put("description", "Made by application code; not described here.");
            }
            default -> throw new IllegalStateException("unknown origin " + m.origin());
        }
        return msg;
    }

    private void sourceMessage(ObjectNode msg, Source s) {
        boolean request = s.replyQueue() != null && nodes.get(s.replyQueue()) instanceof QueueSettings;
        msg.put("title", s.name());
        StringBuilder summary = new StringBuilder("Published by ").append(s.name()).append('.');
        if (!s.priorityMix().isEmpty()) {
            summary.append(" Priorities (weight): ").append(s.priorityMix()).append('.');
        }
        msg.put("summary", summary.toString());
        JsonNode example = null;
        if (s.payloadTemplate() == null) {
            msg.put("contentType", "application/octet-stream");
            msg.putObject("payload").put("type", "string").put("format", "binary")
                    .put("description", "An opaque body of " + s.payloadSize() + " bytes.");
        } else {
            PayloadSchemas.Inferred inferred = PayloadSchemas.infer(s.payloadTemplate());
            msg.put("contentType", "application/json");
            msg.set("payload", inferred.schema());
            example = inferred.example();
            if (inferred.problem() != null) {
                warnings.add(new Finding(Severity.WARNING, s.id(), null, "source '" + shown(s.name()) + "': "
                        + inferred.problem(), "check the template with pipewright check"));
            }
        }
        if (!s.headers().isEmpty() || request) {
            msg.set("headers", headers(s, request));
        }
        if (request) {
            msg.putObject("correlationId").put("location", "$message.header#/correlationId")
                    .put("description", "Each request's id; its reply carries it back.");
        }
        if (example != null) {
            ObjectNode ex = msg.putArray("examples").addObject();
            ex.put("name", "first");
            ex.put("summary", "The first message, placeholders at their first value.");
            if (!s.headers().isEmpty()) {
                ObjectNode h = ex.putObject("headers");
                s.headers().forEach(h::put);
            }
            ex.set("payload", example);
        }
        msg.set("bindings", messageBindings(s, request));
    }

    private static ObjectNode headers(Source s, boolean request) {
        ObjectNode h = NODES.objectNode().put("type", "object");
        ObjectNode props = h.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (Map.Entry<String, String> e : s.headers().entrySet()) {
            props.putObject(e.getKey()).put("type", "string").put("const", e.getValue());
            required.add(e.getKey());
        }
        if (request) {
            props.putObject("correlationId").put("type", "string")
                    .put("description", "The AMQP correlation-id property (JMSCorrelationID under JMS).");
            props.putObject("replyTo").put("type", "string")
                    .put("description", "The AMQP reply-to property (JMSReplyTo under JMS): the reply queue.");
        }
        if (!required.isEmpty()) {
            h.set("required", required);
        }
        return h;
    }

    private ObjectNode messageBindings(Source s, boolean request) {
        ObjectNode b = NODES.objectNode();
        if (amqp) {
            b.putObject("amqp").put("bindingVersion", AMQP_BINDING_VERSION);
        }
        if (jms) {
            ObjectNode j = b.putObject("jms");
            ObjectNode h = j.putObject("headers").put("type", "object");
            ObjectNode props = h.putObject("properties");
            props.putObject("JMSDeliveryMode").put("type", "string").putArray("enum").add("PERSISTENT").add("NON_PERSISTENT");
            List<Integer> priorities = s.priorityMix().keySet().stream().filter(p -> p <= 9).toList();
            ObjectNode p = props.putObject("JMSPriority").put("type", "integer").put("minimum", 0).put("maximum", 9);
            if (!priorities.isEmpty()) {
                ArrayNode e = p.putArray("enum");
                priorities.forEach(e::add);
            }
            if (request) {
                props.putObject("JMSCorrelationID").put("type", "string");
                props.putObject("JMSReplyTo").put("type", "string");
            }
            j.put("bindingVersion", JMS_BINDING_VERSION);
        }
        return b;
    }

    private List<Message> sorted(Set<Message> set) {
        List<Message> list = new ArrayList<>(set);
        list.sort(Comparator.comparingInt(m -> messageOrder.getOrDefault(m, Integer.MAX_VALUE)));
        return list;
    }

    // ---- what is left out

    private void noteLeftOut() {
        for (Node n : flow.nodes()) {
            if (n instanceof MessageStore || n instanceof Endpoint) {
                warnings.add(new Finding(Severity.INFO, n.id(), null, kindWord(n) + " '" + shown(n.name())
                        + "' is application code outside the broker; AsyncAPI describes channels, so it is left out", null));
            }
        }
    }

    private static String kindWord(Node n) {
        return n.kind().displayName().toLowerCase(Locale.ROOT);
    }

    private static String variantWord(Processor p) {
        return p.variant().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** A name as findings quote it: at most 60 characters (findings escape control characters). */
    static String shown(String name) {
        return name.length() > 60 ? name.substring(0, 57) + "..." : name;
    }
}
