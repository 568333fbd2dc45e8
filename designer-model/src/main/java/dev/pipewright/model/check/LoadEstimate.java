// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.Wiring;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A steady-state estimate of the message rate arriving at each queue, for capacity advice. Source
 * rates flow along the wires: topics copy to every binding whose key matches (by the source's
 * routing keys), processors pass messages on (an aggregator divides by its batch size, a content
 * router splits evenly among its routes), and a queue's consumers pass on at most what they can
 * process. Rounds repeat until the rates settle, so chains of queues and consumers are followed.
 */
final class LoadEstimate {
    private static final int MAX_ROUNDS = 12;
    private static final int MAX_HOPS = 32;

    private final Map<String, Node> nodes;
    private final Map<String, List<Edge>> outgoing = new HashMap<>();
    private Map<String, Double> arrivals = new HashMap<>();

    private LoadEstimate(Flow flow) {
        nodes = flow.nodesById();
        for (Edge e : flow.edges()) {
            Node from = nodes.get(e.from());
            Node to = nodes.get(e.to());
            if (from != null && to != null && Wiring.refusal(from, e.fromPort(), to).isEmpty()) {
                outgoing.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            }
        }
    }

    static LoadEstimate of(Flow flow) {
        LoadEstimate estimate = new LoadEstimate(flow);
        estimate.settle();
        return estimate;
    }

    /** Messages per second arriving at the queue or dead-letter queue {@code id}. */
    double arrival(String id) {
        return arrivals.getOrDefault(id, 0.0);
    }

    /** The consumers and processors reading the queue {@code id}. */
    List<Node> readers(String id) {
        return out(id, Port.OUT).stream().map(e -> nodes.get(e.to()))
                .filter(n -> n instanceof Consumer || n instanceof Processor).toList();
    }

    /** Messages per second all readers of the queue can process together. */
    double capacity(String id) {
        return readers(id).stream().mapToDouble(LoadEstimate::capacityOf).sum();
    }

    static double capacityOf(Node reader) {
        return switch (reader) {
            case Consumer c -> c.capacityPerSecond();
            case Processor p -> p.processingTime().meanSeconds() <= 0 ? Double.POSITIVE_INFINITY
                    : p.concurrency() / p.processingTime().meanSeconds();
            default -> 0;
        };
    }

    private void settle() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<String, Double> previous = arrivals;
            arrivals = new HashMap<>();
            for (Node n : nodes.values()) {
                if (n instanceof Source s) {
                    List<String> keys = s.routingKeys().isEmpty() ? java.util.Collections.singletonList(null) : s.routingKeys();
                    double rate = s.rate() * (1 + s.duplicateRate()) / keys.size();
                    for (String key : keys) {
                        send(s.id(), Port.OUT, rate, key, s.headers(), 0);
                    }
                }
            }
            for (Map.Entry<String, Double> queue : previous.entrySet()) {
                passOnFromQueue(queue.getKey(), queue.getValue());
            }
            if (settled(previous)) {
                return;
            }
        }
    }

    /** What the readers of a queue pass on: at most their capacity, shared by capacity. */
    private void passOnFromQueue(String queueId, double arriving) {
        List<Node> readers = readers(queueId);
        double total = capacity(queueId);
        long unlimited = readers.stream().filter(r -> Double.isInfinite(capacityOf(r))).count();
        double served = Math.min(arriving, total);
        for (Node reader : readers) {
            double cap = capacityOf(reader);
            double share = unlimited > 0 ? (Double.isInfinite(cap) ? 1.0 / unlimited : 0) : cap / total;
            leave(reader, served * share, null, Map.of(), 1);
        }
    }

    private void send(String fromId, Port port, double rate, String key, Map<String, String> headers, int hops) {
        for (Edge e : out(fromId, port)) {
            arrive(nodes.get(e.to()), rate, key, headers, hops + 1);
        }
    }

    private void arrive(Node node, double rate, String key, Map<String, String> headers, int hops) {
        if (hops > MAX_HOPS || rate <= 0) {
            return;
        }
        if (node.kind().isQueueLike()) {
            arrivals.merge(node.id(), rate, Double::sum);
        } else if (node instanceof Topic t) {
            for (Edge binding : out(t.id(), Port.OUT)) {
                if (TopicRouting.accepts(t.routing(), binding, key, headers)) {
                    arrive(nodes.get(binding.to()), rate, key, headers, hops + 1);
                }
            }
        } else {
            leave(node, rate, key, headers, hops);
        }
    }

    /** A processor, message store or consumer passing {@code rate} on along its outputs. */
    private void leave(Node node, double rate, String key, Map<String, String> headers, int hops) {
        double passed = rate;
        if (node instanceof Processor p) {
            int outs = out(p.id(), Port.OUT).size();
            passed = switch (p.variant()) {
                case AGGREGATOR -> rate / p.batchSize();
                case CONTENT_ROUTER -> outs == 0 ? 0 : rate / outs;
                default -> rate;
            };
        }
        if (node instanceof Processor || node instanceof Consumer || node.kind() == dev.pipewright.model.NodeKind.MESSAGE_STORE) {
            send(node.id(), Port.OUT, passed, node instanceof Consumer ? null : key, headers, hops);
        }
    }

    private List<Edge> out(String id, Port port) {
        return outgoing.getOrDefault(id, List.of()).stream().filter(e -> e.fromPort() == port).toList();
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
