// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.NatsLimits;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Topic;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The streams and durable consumers of one live run on NATS, taken from the NATS export and put
 * under the run's prefix ({@code pw-RUN-} for names, {@code pw.RUN.} for subjects).
 *
 * <p>Each queue is the export's stream with a subject of its own ({@code pw.RUN.q.NAME}), which
 * a source wired straight to it publishes to. A topic is a subject space: the run gives it a stream
 * of its own ({@code pw-RUN-topic-NAME}, limits retention, in memory, at most 5 minutes, 100,000
 * messages and 64 MiB, the oldest discarded) capturing
 * {@code pw.RUN.t.NAME} and everything below it, and each queue bound to it <em>sources</em> that
 * stream through the subject filter the export writes for the binding ({@code *} one token,
 * {@code >} the rest; a fanout binding takes every subject). So the server itself makes one copy
 * per matching binding, as JetStream does when the export's overlapping subjects are not allowed
 * (a subject belongs to one stream), and a message no filter matches stays in the topic's stream
 * only: dropped, as the simulator counts an unroutable one.
 */
final class NatsTopology {
    /** How long a topic's stream keeps what it captured: its bindings source it within milliseconds. */
    static final Duration TOPIC_MAX_AGE = Duration.ofMinutes(5);
    /**
     * Most messages and bytes a topic's stream keeps (discarding the oldest), so a long fast run does
     * not fill the server's memory with copies its queues sourced long ago.
     */
    static final long TOPIC_MAX_MSGS = 100_000;
    static final long TOPIC_MAX_BYTES = 64L * 1024 * 1024;

    /** One queue's stream, the subject a source publishes to it on, and whether it sources a topic. */
    record Stream(String queueId, String name, String subject, StreamConfiguration config, boolean sourced) {
    }

    /** A durable pull consumer a consumer node reads a stream with. */
    record Reader(String streamName, ConsumerConfiguration config) {
    }

    /**
     * A topic's stream, the subject its messages are published under, and the filters its bound
     * queues source it through ({@code ""} for every subject), one per binding that can match.
     */
    record TopicStream(String topicId, String name, String subject, StreamConfiguration config, List<String> filters) {
        /** How many bindings a message published on {@code published} reaches, by the filters the server applies. */
        int copies(String published) {
            int n = 0;
            for (String f : filters) {
                if (f.isEmpty() || NatsLimits.subjectMatches(f, published)) {
                    n++;
                }
            }
            return n;
        }

        /** The subject a message with {@code routingKey} is published to: the key below the topic's subject. */
        String subjectFor(Topic t, String routingKey) {
            if (t.routing() == Topic.Routing.FANOUT || routingKey == null || routingKey.isEmpty()) {
                return subject;
            }
            return subject + "." + routingKey;
        }
    }

    final Map<String, Stream> streams = new LinkedHashMap<>();
    final Map<String, Reader> readers = new LinkedHashMap<>();
    final Map<String, TopicStream> topics = new LinkedHashMap<>();

    private NatsTopology() {
    }

    /** Reads the export {@code doc} of {@code flow} under {@code runId}. */
    static NatsTopology of(Flow flow, JsonNode doc, String runId) throws io.nats.client.support.JsonParseException {
        NatsTopology t = new NatsTopology();
        String names = "pw-" + runId + "-";
        String subjects = "pw." + runId + ".";
        Set<String> taken = new HashSet<>();
        for (Node n : flow.nodes()) {
            if (n instanceof Topic topic) {
                String token = unique(safe(topic.name()), taken);
                String subject = subjects + "t." + token;
                String name = names + "topic-" + token;
                StreamConfiguration config = StreamConfiguration.builder().name(name).subjects(subject, subject + ".>")
                        .retentionPolicy(RetentionPolicy.Limits).storageType(StorageType.Memory)
                        .maxAge(TOPIC_MAX_AGE).maxMessages(TOPIC_MAX_MSGS).maxBytes(TOPIC_MAX_BYTES)
                        .discardPolicy(DiscardPolicy.Old).build();
                t.topics.put(topic.id(), new TopicStream(topic.id(), name, subject, config, new ArrayList<>()));
            }
        }
        List<QueueSettings> queues = flow.nodes().stream().filter(QueueSettings.class::isInstance)
                .map(QueueSettings.class::cast).toList();
        int i = 0;
        for (JsonNode s : doc.get("streams")) {
            // The export writes one stream per queue, in the flow's order.
            QueueSettings q = queues.get(i++);
            String exportedName = s.get("name").asText();
            String name = names + exportedName;
            String subject = subjects + "q." + exportedName;
            StreamConfiguration.Builder b = StreamConfiguration.builder(StreamConfiguration.instance(s.toString()))
                    .name(name).subjects(subject);
            List<io.nats.client.api.Source> sources = new ArrayList<>();
            for (Edge e : flow.edges()) {
                if (e.to().equals(q.id()) && e.fromPort() == Port.OUT && t.topics.containsKey(e.from())
                        && flow.node(e.from()).orElse(null) instanceof Topic topic) {
                    String filter = filter(topic, e.key(), t.topics.get(e.from()).subject());
                    if (filter != null) {
                        t.topics.get(e.from()).filters().add(filter);
                        io.nats.client.api.Source.Builder sb = io.nats.client.api.Source.builder()
                                .sourceName(t.topics.get(e.from()).name());
                        sources.add((filter.isEmpty() ? sb : sb.filterSubject(filter)).build());
                    }
                }
            }
            if (!sources.isEmpty()) {
                b.sources(sources);
            }
            t.streams.put(q.id(), new Stream(q.id(), name, subject, b.build(), !sources.isEmpty()));
        }
        // The export writes one consumer per wire from a queue to a consumer node, in the flow's wire order.
        List<Edge> reads = flow.edges().stream().filter(e -> e.fromPort() == Port.OUT
                && flow.node(e.from()).orElse(null) instanceof QueueSettings
                && flow.node(e.to()).orElse(null) instanceof Consumer).toList();
        int k = 0;
        for (JsonNode c : doc.get("consumers")) {
            Edge e = reads.get(k++);
            // Its filter, if the export gave one, is the queue's subject under the run's prefix.
            ConsumerConfiguration exportedConfig = ConsumerConfiguration.builder().json(c.get("config").toString()).build();
            ConsumerConfiguration config = exportedConfig.getFilterSubject() == null ? exportedConfig
                    : ConsumerConfiguration.builder(exportedConfig).filterSubject(t.streams.get(e.from()).subject()).build();
            t.readers.putIfAbsent(e.to(), new Reader(t.streams.get(e.from()).name(), config));
        }
        return t;
    }

    /**
     * The subject filter a binding with {@code key} sources its topic's stream through: empty for
     * every subject (fanout), null for none (a topic-routed binding without a key matches nothing,
     * as in the simulator).
     */
    static String filter(Topic topic, String key, String topicSubject) {
        String k = key == null ? "" : key;
        return switch (topic.routing()) {
            case FANOUT -> "";
            case DIRECT -> k.isEmpty() ? topicSubject : topicSubject + "." + k;
            case TOPIC -> k.isEmpty() ? null : topicSubject + "." + k;
            case HEADERS -> null; // refused before (NatsLiveChecks)
        };
    }

    /** Every stream the run creates: the topics' first, as the queues source them. */
    List<StreamConfiguration> creationOrder() {
        List<StreamConfiguration> out = new ArrayList<>();
        topics.values().forEach(s -> out.add(s.config()));
        streams.values().forEach(s -> out.add(s.config()));
        return out;
    }

    private static String unique(String base, Set<String> taken) {
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    /** A subject token and stream name part: letters, digits, '-' and '_' only, at most 48 characters. */
    static String safe(String wanted) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < wanted.length() && b.length() < 48; i++) {
            char c = wanted.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_') ? c : '_');
        }
        return b.isEmpty() ? "topic" : b.toString();
    }
}
