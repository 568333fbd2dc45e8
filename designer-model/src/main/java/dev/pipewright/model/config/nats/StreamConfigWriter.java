// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.nats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.NatsLimits;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Portability;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.Exported;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Writes the streams and consumers of {@link NatsStreams#write(Flow)}. */
final class StreamConfigWriter {
    /** The longest stream or consumer name written; NATS names are file names on the server. */
    static final int MAX_NAME = 64;
    /** What a topic's stream name starts with: {@code topic-NAME}, capturing {@code t.NAME} and below. */
    static final String TOPIC_PREFIX = "topic-";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Flow flow;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();

    StreamConfigWriter(Flow flow) {
        this.flow = Objects.requireNonNull(flow, "flow");
    }

    Exported write() {
        findings.addAll(Portability.findings(flow, Broker.NATS));
        Map<String, Node> byId = flow.nodesById();
        // Names first, queues before topics, so a queue keeps its own name when a topic's would clash with it.
        Map<String, String> queueNames = new LinkedHashMap<>();
        Map<String, String> topicNames = new LinkedHashMap<>();
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q) {
                queueNames.put(q.id(), unique(q.id(), "queue '" + q.name() + "'", q.name()));
            }
        }
        for (Node n : flow.nodes()) {
            if (n instanceof Topic t) {
                topicNames.put(t.id(), unique(t.id(), "topic '" + t.name() + "'",
                        TOPIC_PREFIX + (t.name().isEmpty() ? "topic" : t.name())));
            }
        }
        ObjectNode root = mapper.createObjectNode();
        ArrayNode streams = root.putArray("streams");
        ArrayNode consumers = root.putArray("consumers");
        // Topics' streams first: the queues' streams source them.
        for (Node n : flow.nodes()) {
            if (n instanceof Topic t) {
                streams.add(topicStream(topicNames.get(t.id())));
            }
        }
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q) {
                ObjectNode s = stream(q, queueNames.get(q.id()));
                ArrayNode sources = sources(q, byId, topicNames);
                if (!sources.isEmpty()) {
                    s.set("sources", sources);
                }
                streams.add(s);
            }
        }
        for (Edge e : flow.edges()) {
            if (e.fromPort() == Port.OUT && byId.get(e.from()) instanceof QueueSettings q
                    && byId.get(e.to()) instanceof Consumer c) {
                ObjectNode entry = consumers.addObject();
                entry.put("stream", queueNames.get(q.id()));
                entry.set("config", consumer(q, c));
            }
        }
        try {
            return new Exported(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the NATS streams", e);
        }
    }

    /**
     * A topic's stream: a subject space ({@code t.NAME} and everything below it) that keeps what it
     * captured only as long as its queues take to source it, within limits, so copies already sourced
     * do not fill the server's memory.
     */
    private ObjectNode topicStream(String name) {
        String subject = topicSubject(name);
        ObjectNode s = mapper.createObjectNode();
        s.put("name", name);
        s.putArray("subjects").add(subject).add(subject + ".>");
        s.put("retention", "limits");
        s.put("max_consumers", -1);
        s.put("max_msgs", NatsStreams.TOPIC_MAX_MSGS);
        s.put("max_bytes", NatsStreams.TOPIC_MAX_BYTES);
        s.put("max_age", nanos(NatsStreams.TOPIC_MAX_AGE));
        s.put("max_msg_size", -1);
        s.put("storage", "memory");
        s.put("discard", "old");
        s.put("num_replicas", 1);
        s.put("duplicate_window", nanos(NatsLimits.DUPLICATE_WINDOW));
        return s;
    }

    /** The subject a topic's stream named {@code name} captures, and below which routing keys go: {@code t.NAME}. */
    private static String topicSubject(String streamName) {
        return "t." + streamName.substring(TOPIC_PREFIX.length());
    }

    /** A queue's stream: its subject is its name, which a source wired straight to it publishes to. */
    private ObjectNode stream(QueueSettings q, String name) {
        ObjectNode s = mapper.createObjectNode();
        s.put("name", name);
        s.putArray("subjects").add(name);
        s.put("retention", NatsLimits.limitsRetention(q) ? "limits" : "workqueue");
        s.put("max_consumers", -1);
        s.put("max_msgs", q.maxLength() == null ? -1 : q.maxLength());
        s.put("max_bytes", -1);
        s.put("max_age", nanos(q.messageTtl()));
        s.put("max_msg_size", -1);
        s.put("storage", q.durable() ? "file" : "memory");
        s.put("discard", q.maxLength() != null && q.overflow() == Overflow.REJECT_PUBLISH ? "new" : "old");
        s.put("num_replicas", 1);
        s.put("duplicate_window", nanos(NatsLimits.DUPLICATE_WINDOW));
        return s;
    }

    /**
     * The topics' streams {@code q} sources, each through its binding's subject filter: so the
     * server makes one copy per matching binding, even where two bindings' filters overlap (two
     * streams may not capture one subject, but may source one).
     */
    private ArrayNode sources(QueueSettings q, Map<String, Node> byId, Map<String, String> topicNames) {
        ArrayNode sources = mapper.createArrayNode();
        Set<String> sourced = new HashSet<>();
        for (Edge e : flow.edges()) {
            if (e.fromPort() != Port.OUT || !e.to().equals(q.id()) || !(byId.get(e.from()) instanceof Topic t)) {
                continue;
            }
            String name = topicNames.get(t.id());
            String filter = filter(t, e.key(), topicSubject(name));
            if (filter == null) {
                continue;
            }
            if (!sourced.add(t.id())) {
                findings.add(new Finding(Severity.WARNING, t.id(), null, "topic '" + t.name() + "' is bound to queue '"
                        + q.name() + "' more than once, and a NATS stream sources another stream once: only the first"
                        + " binding is exported", "bind it once, with a filter that covers both keys"));
                continue;
            }
            ObjectNode source = sources.addObject();
            source.put("name", name);
            if (!filter.isEmpty()) {
                source.put("filter_subject", filter);
            }
        }
        return sources;
    }

    /**
     * The subject filter a binding with {@code key} sources its topic's stream through: empty for
     * every subject (fanout), null for none (a topic-routed binding without a key matches nothing, as
     * in the simulator; NATS routes no headers).
     */
    static String filter(Topic topic, String key, String topicSubject) {
        String k = key == null ? "" : key.strip();
        return switch (topic.routing()) {
            case FANOUT -> "";
            case DIRECT -> k.isEmpty() ? topicSubject : topicSubject + "." + k;
            case TOPIC -> k.isEmpty() ? null : topicSubject + "." + k;
            case HEADERS -> null; // warned by the portability checks
        };
    }

    private ObjectNode consumer(QueueSettings q, Consumer c) {
        ObjectNode cc = mapper.createObjectNode();
        cc.put("durable_name", unique(c.id(), "consumer '" + c.name() + "'", c.name()));
        cc.put("deliver_policy", "all");
        cc.put("ack_policy", c.ackMode() == Consumer.AckMode.AUTO ? "none" : "explicit");
        cc.put("ack_wait", nanos(NatsLimits.ackWait(q)));
        cc.put("max_deliver", q.deliveryLimit() == null ? -1 : q.deliveryLimit());
        cc.put("replay_policy", "instant");
        cc.put("max_ack_pending", NatsLimits.maxAckPending(c));
        return cc;
    }

    private static long nanos(Duration d) {
        return d == null ? 0 : d.toNanos();
    }

    /** A name NATS takes (no spaces, {@code .}, {@code *}, {@code >}, path separators), unique among the export's. */
    private String unique(String nodeId, String what, String wanted) {
        String base = safe(wanted);
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base.substring(0, Math.min(base.length(), MAX_NAME - 4)) + "-" + i;
        }
        if (!name.equals(wanted)) {
            findings.add(new Finding(Severity.WARNING, nodeId, null, what + " is exported as '" + name
                    + "', a name NATS takes and no other exported name has", "name it with letters, digits, '-' or '_'"));
        }
        return name;
    }

    private static String safe(String wanted) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < wanted.length() && b.length() < MAX_NAME; i++) {
            char c = wanted.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_') ? c : '_');
        }
        return b.isEmpty() ? "stream" : b.toString();
    }
}
