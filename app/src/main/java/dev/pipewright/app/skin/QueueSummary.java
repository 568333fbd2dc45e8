// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import static dev.pipewright.app.skin.SummaryText.word;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Durations;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.PubSubLimits;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The summary lines queues and dead-letter queues share. */
final class QueueSummary {
    private QueueSummary() {
    }

    /**
     * The lines of {@code q}; {@code firstDetail}, when not null, leads the second line (a
     * dead-letter queue's retry).
     */
    static List<String> lines(QueueSettings q, Flow flow, String firstDetail) {
        if (flow.info().broker() == Broker.MQTT) {
            return mqttLines(q, flow);
        }
        if (flow.info().broker() == Broker.KAFKA && q instanceof Queue topic) {
            return kafkaLines(topic, flow);
        }
        List<String> first = new ArrayList<>();
        boolean sqs = flow.info().broker() == Broker.SQS;
        boolean pubsub = flow.info().broker() == Broker.PUBSUB;
        // SQS and Pub/Sub have no max length, so their own words come first and the line fits the card.
        if (!(sqs || pubsub) || q.maxLength() != null) {
            first.add(q.maxLength() == null ? "unbounded" : String.format(Locale.ROOT, "max %,d", q.maxLength()));
        }
        if (sqs && q.sqsFifo()) {
            first.add("FIFO");
        }
        if (pubsub && q.fifo()) {
            first.add("ordered"); // Pub/Sub's message ordering by ordering key
        }
        if (pubsub && PubSubLimits.push(q)) {
            first.add("push");
        } else if (pubsub && q.exactlyOnce()) {
            first.add("exactly-once");
        }
        if (!flow.outgoing(q.id(), Port.DEAD_LETTER).isEmpty()) {
            // SQS's word for its dead-letter queue policy; Pub/Sub forwards to a dead-letter topic.
            first.add(sqs ? "redrive" : pubsub ? "DLT" : "DLX");
        }
        if (q.maxPriority() != null) {
            first.add("prio 0–" + q.maxPriority());
        }
        if (first.isEmpty()) {
            first.add("unbounded");
        }
        List<String> second = new ArrayList<>();
        if (firstDetail != null) {
            second.add(firstDetail);
        }
        if (q.messageTtl() != null) {
            second.add("ttl " + Durations.format(q.messageTtl()));
        }
        if (q.deliveryLimit() != null) {
            second.add((sqs ? "receives " : pubsub ? "attempts " : "limit ") + q.deliveryLimit());
        }
        if (sqs) {
            second.add("vis " + Durations.format(q.visibilityTimeoutOrDefault())); // the visibility timeout, short to fit the card
        }
        if (pubsub) {
            second.add("ack " + Durations.format(PubSubLimits.ackDeadline(q))); // the ack deadline
        }
        if (q.deliveryDelay() != null && !q.deliveryDelay().isZero()) {
            second.add("delay " + Durations.format(q.deliveryDelay()));
        }
        if (q.singleActiveConsumer()) {
            second.add("single active");
        }
        if (second.isEmpty()) {
            second.add(q.maxLength() == null ? "no limits" : "overflow " + word(q.overflow().name()));
        }
        return List.of(String.join(" · ", first), String.join(" · ", second.subList(0, Math.min(2, second.size()))));
    }

    /** Longest filter a card shows before it is cut with an ellipsis. */
    private static final int MAX_FILTER_CHARS = 24;

    /**
     * Under MQTT a queue is a subscription's session: the card says which kind and the filter it
     * subscribes with, as the broker's other rules (limits, priorities, dead letters) do not apply.
     */
    private static List<String> mqttLines(QueueSettings q, Flow flow) {
        String session = q.durable() ? "persistent session" : "clean start";
        if (q.maxLength() != null) {
            session += String.format(Locale.ROOT, " · max %,d", q.maxLength());
        }
        List<String> filters = flow.incoming(q.id()).stream()
                .filter(e -> flow.node(e.from()).orElse(null) instanceof Topic)
                .map(e -> e.key() == null ? "(no filter)" : e.key()).toList();
        if (filters.isEmpty()) {
            return List.of(session, "no subscription");
        }
        String filter = filters.getFirst();
        if (filter.length() > MAX_FILTER_CHARS) {
            filter = filter.substring(0, MAX_FILTER_CHARS - 1) + "…";
        }
        return List.of(session, filters.size() == 1 ? filter : filter + " +" + (filters.size() - 1));
    }

    /** A queue under the Kafka profile is a topic: its partitions, dead-letter topic, retention and retries. */
    private static List<String> kafkaLines(Queue q, Flow flow) {
        int partitions = q.partitionsOrDefault();
        List<String> first = new ArrayList<>(List.of(partitions + (partitions == 1 ? " partition" : " partitions")));
        if (!flow.outgoing(q.id(), Port.DEAD_LETTER).isEmpty()) {
            first.add("DLT");
        }
        List<String> second = new ArrayList<>();
        second.add("retain " + (q.messageTtl() == null ? "7d" : Durations.format(q.messageTtl())));
        if (q.deliveryLimit() != null) {
            second.add("tries " + q.deliveryLimit());
        }
        return List.of(String.join(" · ", first), String.join(" · ", second));
    }
}
