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
import dev.pipewright.model.config.nats.NatsStreams;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.Source;
import io.nats.client.api.StreamConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streams and durable consumers of one live run on NATS: exactly the NATS export's
 * ({@link NatsStreams}), put under the run's prefix ({@code pw-RUN-} for names, {@code pw.RUN.} for
 * subjects), so the run and the export cannot disagree.
 *
 * <p>Each queue is the export's stream with its subject ({@code pw.RUN.NAME}), which a source wired
 * straight to it publishes to. A topic is the export's subject space: a stream of its own
 * ({@code pw-RUN-topic-NAME}) capturing {@code pw.RUN.t.NAME} and everything below it, and each
 * queue bound to it <em>sources</em> that stream through the subject filter the export writes for the
 * binding. So the server itself makes one copy per matching binding, even where filters overlap (two
 * streams may not capture one subject, but may source one), and a message no filter matches stays in
 * the topic's stream only: dropped, as the simulator counts an unroutable one.
 */
final class NatsTopology {
    /** One queue's stream, the subject a source publishes to it on, and whether it sources a topic. */
    record Stream(String queueId, String name, String subject, StreamConfiguration config, boolean sourced) {
    }

    /** A durable pull consumer a consumer node reads a stream with. */
    record Reader(String streamName, ConsumerConfiguration config) {
    }

    /**
     * A topic's stream, the subject its messages are published under, and the filter each bound
     * queue sources it through ({@code ""} for every subject), by queue id, for the bindings that can match.
     */
    record TopicStream(String topicId, String name, String subject, StreamConfiguration config, Map<String, String> filters) {
        /** How many bindings a message published on {@code published} reaches, by the filters the server applies. */
        int copies(String published) {
            return reached(published).size();
        }

        /** The queues a message published on {@code published} reaches, by the filters the server applies. */
        List<String> reached(String published) {
            List<String> out = new ArrayList<>();
            filters.forEach((queue, f) -> {
                if (f.isEmpty() || NatsLimits.subjectMatches(f, published)) {
                    out.add(queue);
                }
            });
            return out;
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

    /**
     * Reads the export {@code doc} of {@code flow} under {@code runId}: its streams are the topics'
     * then the queues', each in the flow's order ({@link NatsStreams}).
     */
    static NatsTopology of(Flow flow, JsonNode doc, String runId) throws io.nats.client.support.JsonParseException {
        NatsTopology t = new NatsTopology();
        String names = "pw-" + runId + "-";
        String subjects = "pw." + runId + ".";
        List<Node> owners = new ArrayList<>();
        flow.nodes().stream().filter(Topic.class::isInstance).forEach(owners::add);
        flow.nodes().stream().filter(QueueSettings.class::isInstance).forEach(owners::add);
        JsonNode exported = doc.get("streams");
        if (exported.size() != owners.size()) {
            throw new IllegalStateException("the NATS export has " + exported.size() + " streams for "
                    + owners.size() + " topics and queues");
        }
        Map<String, Map<String, String>> filtersByTopicStream = new LinkedHashMap<>();
        for (int i = 0; i < owners.size(); i++) {
            StreamConfiguration c = StreamConfiguration.instance(exported.get(i).toString());
            String name = names + c.getName();
            List<String> own = c.getSubjects().stream().map(subjects::concat).toList();
            List<Source> sources = new ArrayList<>();
            for (Source s : c.getSources()) {
                String filter = s.getFilterSubject() == null ? "" : subjects + s.getFilterSubject();
                filtersByTopicStream.get(names + s.getSourceName()).put(owners.get(i).id(), filter);
                Source.Builder sb = Source.builder().sourceName(names + s.getSourceName());
                sources.add((filter.isEmpty() ? sb : sb.filterSubject(filter)).build());
            }
            StreamConfiguration config = StreamConfiguration.builder(c).name(name).subjects(own).sources(sources).build();
            if (owners.get(i) instanceof Topic topic) {
                Map<String, String> filters = new LinkedHashMap<>();
                filtersByTopicStream.put(name, filters);
                t.topics.put(topic.id(), new TopicStream(topic.id(), name, own.getFirst(), config, filters));
            } else {
                t.streams.put(owners.get(i).id(), new Stream(owners.get(i).id(), name, own.getFirst(), config,
                        !sources.isEmpty()));
            }
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

    /** Every stream the run creates: the topics' first, as the queues source them. */
    List<StreamConfiguration> creationOrder() {
        List<StreamConfiguration> out = new ArrayList<>();
        topics.values().forEach(s -> out.add(s.config()));
        streams.values().forEach(s -> out.add(s.config()));
        return out;
    }
}
