// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.QueueReader;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.Wiring;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A steady-state estimate of the message rate arriving at each queue, for capacity advice. Source
 * rates flow along the wires: topics copy to every binding whose key matches (by the source's
 * routing keys), processors pass messages on (an aggregator divides by its batch size, a content
 * router splits evenly among its routes), and a queue's consumers pass on at most what they can
 * process. Rounds repeat until the rates settle, so chains of queues and consumers are followed.
 *
 * <p>Within a round, rates move one wire per step, at most {@link #MAX_HOPS} steps (a loop without
 * a queue would otherwise go round forever). Everything arriving at the same node with the same
 * routing key and headers in the same step is added up before it moves on, so the work grows with
 * wires times steps, never with the number of paths (which doubles with every fork).
 */
final class LoadEstimate {
    private static final int MAX_ROUNDS = 12;
    private static final int MAX_HOPS = 32;

    /** What arrives at a node: the key and headers decide where a topic sends it. */
    private record Arrival(String nodeId, String key, Map<String, String> headers) {
    }

    private final Map<String, Node> nodes;
    private final Wires wires;
    /** Counts only sources with no message limit: what keeps arriving for ever. */
    private final boolean unlimitedOnly;
    /** Topics match MQTT filters (the MQTT profile), not RabbitMQ's patterns. */
    private final boolean mqtt;
    private Map<String, Double> arrivals = new HashMap<>();
    private LoadEstimate unlimited;

    private LoadEstimate(Flow flow, boolean unlimitedOnly) {
        this.unlimitedOnly = unlimitedOnly;
        this.mqtt = flow.info().broker() == dev.pipewright.model.Broker.MQTT;
        nodes = flow.nodesById();
        List<Edge> valid = new ArrayList<>();
        for (Edge e : flow.edges()) {
            Node from = nodes.get(e.from());
            Node to = nodes.get(e.to());
            if (from != null && to != null && Wiring.refusal(from, e.fromPort(), to).isEmpty()) {
                valid.add(e);
            }
        }
        wires = new Wires(valid);
    }

    static LoadEstimate of(Flow flow) {
        LoadEstimate estimate = new LoadEstimate(flow, false);
        estimate.settle();
        boolean anyLimited = flow.nodes().stream().anyMatch(n -> n instanceof Source s && limited(s));
        if (anyLimited) {
            estimate.unlimited = new LoadEstimate(flow, true);
            estimate.unlimited.settle();
        } else {
            estimate.unlimited = estimate;
        }
        return estimate;
    }

    /**
     * Messages per second arriving at {@code id} from sources without a message limit: a source
     * that stops after a finite number of messages cannot make a queue grow without bound.
     */
    double unlimitedArrival(String id) {
        return unlimited.arrival(id);
    }

    /** Messages per second arriving at the queue or dead-letter queue {@code id}. */
    double arrival(String id) {
        return arrivals.getOrDefault(id, 0.0);
    }

    /** The consumers and processors reading the queue {@code id}. */
    List<Node> readers(String id) {
        return wires.out(id, Port.OUT).stream().map(e -> nodes.get(e.to()))
                .filter(n -> n instanceof QueueReader).toList();
    }

    /** Messages per second all readers of the queue can process together. */
    double capacity(String id) {
        return capacity(readers(id));
    }

    private static double capacity(List<Node> readers) {
        return readers.stream().mapToDouble(LoadEstimate::capacityOf).sum();
    }

    static double capacityOf(Node reader) {
        return reader instanceof QueueReader r ? r.capacityPerSecond() : 0;
    }

    /** A source that stops: one with a message limit, or one with a script. */
    static boolean limited(Source s) {
        return s.messageLimit() != null || s.scripted();
    }

    /**
     * Messages per second the source publishes with each routing key (null for none). A script
     * counts as its messages spread evenly over its span (at least a second).
     */
    private static Map<String, Double> ratesByKey(Source s) {
        List<String> keys = s.routingKeys().isEmpty() ? Collections.singletonList(null) : s.routingKeys();
        Map<String, Double> rates = new LinkedHashMap<>();
        if (!s.scripted()) {
            double rate = s.rate() * (1 + s.duplicateRate()) / keys.size();
            for (String key : keys) {
                rates.merge(key, rate, Double::sum);
            }
            return rates;
        }
        double span = 1;
        for (ScriptedMessage m : s.script()) {
            span = Math.max(span, m.at().toNanos() / 1e9);
        }
        double each = 1 / span;
        int turn = 0;
        for (ScriptedMessage m : s.script()) {
            rates.merge(m.key() != null ? m.key() : keys.get(turn++ % keys.size()), each, Double::sum);
        }
        return rates;
    }

    private void settle() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<String, Double> previous = arrivals;
            arrivals = new HashMap<>();
            // steps.get(h): what arrives at each node h wires away from a source or a queue's reader.
            List<Map<Arrival, Double>> steps = new ArrayList<>();
            for (int h = 0; h <= MAX_HOPS + 1; h++) {
                steps.add(new HashMap<>());
            }
            for (Node n : nodes.values()) {
                if (n instanceof Source s && !(unlimitedOnly && limited(s))) {
                    for (Map.Entry<String, Double> byKey : ratesByKey(s).entrySet()) {
                        send(steps.get(1), s.id(), byKey.getValue(), byKey.getKey(), s.headers());
                    }
                }
            }
            for (Map.Entry<String, Double> queue : previous.entrySet()) {
                passOnFromQueue(steps.get(2), queue.getKey(), queue.getValue());
            }
            for (int h = 1; h <= MAX_HOPS; h++) {
                for (Map.Entry<Arrival, Double> a : steps.get(h).entrySet()) {
                    arrive(a.getKey(), a.getValue(), steps.get(h + 1));
                }
            }
            if (settled(previous)) {
                return;
            }
        }
    }

    /** What the readers of a queue pass on: at most their capacity, shared by capacity. */
    private void passOnFromQueue(Map<Arrival, Double> next, String queueId, double arriving) {
        List<Node> readers = readers(queueId);
        double total = capacity(readers);
        long unlimited = readers.stream().filter(r -> Double.isInfinite(capacityOf(r))).count();
        double served = Math.min(arriving, total);
        for (Node reader : readers) {
            double cap = capacityOf(reader);
            double share = unlimited > 0 ? (Double.isInfinite(cap) ? 1.0 / unlimited : 0) : cap / total;
            leave(next, (QueueReader) reader, served * share, null, Map.of());
        }
    }

    /** Adds {@code rate} to what arrives next at every node wired to {@code fromId}'s out port. */
    private void send(Map<Arrival, Double> next, String fromId, double rate, String key, Map<String, String> headers) {
        if (rate <= 0) {
            return;
        }
        for (Edge e : wires.out(fromId, Port.OUT)) {
            next.merge(new Arrival(e.to(), key, headers), rate, Double::sum);
        }
    }

    /** Under MQTT: every matching subscription gets the rate, a shared one's members a share of it each. */
    private void mqttTopic(Topic t, Arrival a, double rate, Map<Arrival, Double> next) {
        Map<String, Integer> members = new HashMap<>();
        List<Edge> matching = new ArrayList<>();
        for (Edge binding : wires.out(t.id(), Port.OUT)) {
            String key = binding.key() == null ? "" : binding.key();
            if (MqttTopicFilter.matches(MqttTopicFilter.filterOf(key), a.key() == null ? "" : a.key())) {
                matching.add(binding);
                if (MqttTopicFilter.shareGroup(key) != null) {
                    members.merge(key, 1, Integer::sum);
                }
            }
        }
        for (Edge binding : matching) {
            int share = members.getOrDefault(binding.key(), 1);
            next.merge(new Arrival(binding.to(), a.key(), a.headers()), rate / share, Double::sum);
        }
    }

    private void arrive(Arrival a, double rate, Map<Arrival, Double> next) {
        if (rate <= 0) {
            return;
        }
        // No default: a new kind must say here how messages go through it.
        switch (nodes.get(a.nodeId())) {
            case QueueSettings q -> arrivals.merge(q.id(), rate, Double::sum);
            case Topic t when mqtt -> mqttTopic(t, a, rate, next);
            case Topic t -> {
                for (Edge binding : wires.out(t.id(), Port.OUT)) {
                    if (TopicRouting.accepts(t.routing(), binding, a.key(), a.headers())) {
                        next.merge(new Arrival(binding.to(), a.key(), a.headers()), rate, Double::sum);
                    }
                }
            }
            case Processor p -> leave(next, p, rate, a.key(), a.headers());
            case Consumer c -> leave(next, c, rate, a.key(), a.headers());
            case MessageStore m -> send(next, m.id(), rate, a.key(), a.headers());
            case Source s -> {
                // Sources have no input.
            }
            case Endpoint e -> {
                // Endpoints end the flow (their failover takes only what they refuse while down).
            }
        }
    }

    /** A queue's reader passing {@code rate} on along its outputs; a consumer's replies carry no key. */
    private void leave(Map<Arrival, Double> next, QueueReader reader, double rate, String key, Map<String, String> headers) {
        switch (reader) {
            case Processor p -> {
                int outs = wires.out(p.id(), Port.OUT).size();
                double passed = switch (p.variant()) {
                    case AGGREGATOR -> rate / p.batchSize();
                    case CONTENT_ROUTER -> outs == 0 ? 0 : rate / outs;
                    default -> rate;
                };
                send(next, p.id(), passed, key, headers);
            }
            case Consumer c -> send(next, c.id(), rate, null, headers);
        }
    }

    private boolean settled(Map<String, Double> previous) {
        if (!previous.keySet().equals(arrivals.keySet())) {
            return false;
        }
        for (Map.Entry<String, Double> e : arrivals.entrySet()) {
            if (Math.abs(e.getValue() - previous.get(e.getKey())) > 1e-9 * Math.max(1, e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
