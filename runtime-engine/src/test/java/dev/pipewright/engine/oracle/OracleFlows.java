// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.oracle;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The flows of the queueing-theory oracle, built in Java: Poisson sources into one queue served by
 * c consumer instances with prefetch 1. With prefetch 1 an instance holds only the message it is
 * serving, so the queue's ready messages are exactly the waiting line and its wait (enqueue to
 * delivery) is the textbook waiting time Wq.
 */
final class OracleFlows {
    static final String QUEUE = "q";
    static final String CONSUMER = "c";
    static final String DLQ = "dlq";

    private OracleFlows() {
    }

    /** The service time with mean 1/mu: exponential or constant. */
    static Distribution service(double mu, boolean exponential) {
        Duration mean = Duration.ofNanos(Math.round(1e9 / mu));
        return exponential ? Distribution.exponential(mean) : Distribution.constant(mean);
    }

    static Source poissonSource(String id, double lambda) {
        return (Source) Source.of(id, id, Position.ORIGIN)
                .with("rate", lambda)
                .with("arrival", Source.Arrival.POISSON);
    }

    static Consumer consumer(int servers, Distribution service) {
        return (Consumer) Consumer.of(CONSUMER, CONSUMER, Position.ORIGIN)
                .with("instances", servers)
                .with("prefetch", 1)
                .with("processingTime", service);
    }

    /** lambda -> queue -> c servers: M/M/c or M/D/c. */
    static Flow single(double lambda, int servers, Distribution service) {
        return build(List.of(poissonSource("src", lambda)), Queue.of(QUEUE, QUEUE, Position.ORIGIN),
                consumer(servers, service), false);
    }

    /**
     * M/M/1/K: the queue holds at most K - 1 ready messages (maxLength counts ready messages only)
     * and the one instance, with prefetch 1, holds the one in service: K in the system. Arrivals
     * beyond that are refused (reject-publish).
     */
    static Flow finiteCapacity(double lambda, double mu, int capacity) {
        Queue queue = (Queue) Queue.of(QUEUE, QUEUE, Position.ORIGIN)
                .with("maxLength", capacity - 1)
                .with("overflow", Overflow.REJECT_PUBLISH);
        return build(List.of(poissonSource("src", lambda)), queue, consumer(1, service(mu, true)), false);
    }

    /**
     * Two Poisson sources, one of high and one of low priority, into a priority queue with one
     * server. After service each class goes its own way, by routing key through a direct topic, to
     * a queue with an instant sink, so the sinks' end-to-end times are each class's time in system.
     */
    static Flow twoPriorities(double lambdaHigh, double lambdaLow, double mu) {
        Source high = (Source) poissonSource("high", lambdaHigh)
                .with("priorityMix", Map.of(9, 1.0)).with("routingKeys", List.of("high"));
        Source low = (Source) poissonSource("low", lambdaLow)
                .with("priorityMix", Map.of(0, 1.0)).with("routingKeys", List.of("low"));
        Queue queue = (Queue) Queue.of(QUEUE, QUEUE, Position.ORIGIN).with("maxPriority", 9);
        Flow flow = build(List.of(high, low), queue, consumer(1, service(mu, true)), false);
        List<Node> nodes = new ArrayList<>(flow.nodes());
        List<Edge> edges = new ArrayList<>(flow.edges());
        nodes.add(Topic.of("route", "route", Position.ORIGIN).with("routing", Topic.Routing.DIRECT));
        edges.add(Edge.of("e-served", CONSUMER, Port.OUT, "route"));
        for (String key : new String[] {"high", "low"}) {
            nodes.add(Queue.of("done-" + key, "done-" + key, Position.ORIGIN));
            nodes.add(Consumer.of("sink-" + key, "sink-" + key, Position.ORIGIN)
                    .with("prefetch", 0)
                    .with("processingTime", Distribution.constant(Duration.ZERO)));
            edges.add(Edge.of("e-route-" + key, "route", Port.OUT, "done-" + key).withKey(key));
            edges.add(Edge.of("e-sink-" + key, "done-" + key, Port.OUT, "sink-" + key));
        }
        return new Flow(flow.info(), nodes, edges);
    }

    /**
     * {@code messages} messages through a consumer that fails with probability {@code p} and
     * requeues, on a queue that dead-letters after {@code limit} deliveries.
     */
    static Flow failingConsumer(long messages, double rate, double p, int limit) {
        Source source = (Source) poissonSource("src", rate).with("messageLimit", messages);
        Queue queue = (Queue) Queue.of(QUEUE, QUEUE, Position.ORIGIN).with("deliveryLimit", limit);
        Consumer consumer = (Consumer) consumer(4, Distribution.exponential(Duration.ofMillis(1)))
                .with("failureRate", p)
                .with("onFailure", Consumer.FailureAction.REQUEUE);
        return build(List.of(source), queue, consumer, true);
    }

    private static Flow build(List<Source> sources, Queue queue, Consumer consumer, boolean deadLetters) {
        List<Node> nodes = new ArrayList<>(sources);
        nodes.add(queue);
        nodes.add(consumer);
        List<Edge> edges = new ArrayList<>();
        for (Source s : sources) {
            edges.add(Edge.of("e-" + s.id(), s.id(), Port.OUT, QUEUE));
        }
        edges.add(Edge.of("e-deliver", QUEUE, Port.OUT, CONSUMER));
        if (deadLetters) {
            nodes.add(DeadLetterQueue.of(DLQ, DLQ, Position.ORIGIN));
            edges.add(Edge.of("e-dead", QUEUE, Port.DEAD_LETTER, DLQ));
        }
        return new Flow(new FlowInfo("oracle", ""), nodes, edges);
    }
}
