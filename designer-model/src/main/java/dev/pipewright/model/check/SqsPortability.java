// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Durations;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import dev.pipewright.model.SqsSendBatch;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.List;

/**
 * What a design loses moving to Amazon SQS, and what an SQS design loses moving away from it. The
 * rules and their sources (the Amazon SQS Developer Guide) are in {@code docs/brokers.md}.
 */
final class SqsPortability {
    /** SQS's longest delivery delay, for delay queues and per-message timers: 15 minutes. */
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** SQS's shortest message retention period: 1 minute. */
    static final Duration MIN_RETENTION = Duration.ofMinutes(1);
    /** SQS's longest message retention period: 14 days. */
    static final Duration MAX_RETENTION = Duration.ofDays(14);

    private SqsPortability() {
    }

    private static String queue(QueueSettings q) {
        return "queue '" + q.name() + "'";
    }

    /** A queue's findings under the SQS profile. */
    static void queue(QueueSettings q, boolean expiredWire, List<Finding> out) {
        String name = queue(q);
        if (!SqsNames.valid(q.name(), q.sqsFifo())) {
            out.add(Finding.warning(q.id(), null, name + " is not a name SQS accepts (1 to 80 letters, digits, - and _,"
                    + (q.sqsFifo() ? " ending .fifo for a FIFO queue" : "") + "): the SQS export names it '"
                    + SqsNames.of(q) + "'", "rename it"));
        }
        if (q.maxPriority() != null) {
            out.add(Finding.warning(q.id(), null, name + " has priorities, but SQS has none: messages are delivered"
                    + " without regard to priority", "use one queue per priority, polled in order"));
        }
        if (q.maxLength() != null) {
            out.add(Finding.warning(q.id(), null, name + " has a max length, but an SQS queue has none: it keeps every"
                    + " message (the simulation still applies the limit)", "leave the max length empty"));
        }
        if (q.redeliveryDelay() != null && !q.redeliveryDelay().isZero()) {
            out.add(Finding.warning(q.id(), null, name + " has a redelivery delay, which SQS does not have: a failed"
                    + " message comes back when its visibility timeout ends", "set the visibility timeout instead"));
        }
        if (q.deliveryDelay() != null && q.deliveryDelay().compareTo(MAX_DELAY) > 0) {
            out.add(Finding.warning(q.id(), null, name + " delays delivery by " + Durations.format(q.deliveryDelay())
                    + ", longer than SQS's 15 minutes (DelaySeconds 900)", "delay by 15m or less"));
        }
        if (q.messageTtl() != null && (q.messageTtl().compareTo(MIN_RETENTION) < 0
                || q.messageTtl().compareTo(MAX_RETENTION) > 0)) {
            out.add(Finding.warning(q.id(), null, name + " keeps messages for " + Durations.format(q.messageTtl())
                    + ", but SQS's retention period is 1 minute to 14 days", "choose a TTL from 1m to 14d"));
        }
        if (q.messageTtl() != null || expiredWire) {
            out.add(Finding.info(q.id(), null, name + " expires messages; SQS deletes a message at the end of its"
                    + " retention period, it does not dead-letter it", null));
        }
        if (q.singleActiveConsumer() && !q.sqsFifo()) {
            out.add(Finding.warning(q.id(), null, name + " has a single active consumer, which SQS does not have:"
                    + " every consumer receives", "make it a FIFO queue with one message group"));
        }
    }

    /**
     * A FIFO queue whose senders make more than {@value SqsSendBatch#FIFO_CALLS_PER_SECOND} API calls
     * a second: SQS throttles the calls above it (the simulation holds the sources back to it). A
     * source wired straight to the queue sends each burst in batches ({@link SqsSendBatch#calls});
     * every other message is a call of its own.
     */
    static void fifoThroughput(QueueSettings q, dev.pipewright.model.Flow flow, List<Finding> out) {
        if (!q.sqsFifo()) {
            return;
        }
        double rate = LoadEstimate.of(flow).arrival(q.id());
        double calls = rate;
        for (Edge e : flow.edges()) {
            if (e.to().equals(q.id()) && e.fromPort() == Port.OUT && flow.node(e.from()).orElse(null) instanceof Source s
                    && !s.scripted() && s.arrival() == Source.Arrival.BURSTS && s.burstSize() > 1) {
                double messages = s.rate() * (1 + s.duplicateRate());
                double perMessage = (double) SqsSendBatch.calls(s.burstSize(), SqsSendBatch.bodyBytes(s.payloadSize()))
                        / s.burstSize();
                calls -= messages * (1 - perMessage);
            }
        }
        if (calls > SqsSendBatch.FIFO_CALLS_PER_SECOND) {
            out.add(Finding.warning(q.id(), null, queue(q) + " is an SQS FIFO queue, and " + Math.round(rate)
                    + " messages a second are sent to it in " + Math.round(calls) + " calls: a FIFO queue takes 300"
                    + " API calls a second (3,000 messages in batches of 10) and throttles the rest, so the simulation"
                    + " holds the sources back to 300 calls a second", "send in bursts of 10 (a source's burst goes in"
                    + " batches), turn on high throughput for the queue, or spread the messages over several queues"));
        }
    }

    /** Most messages one ReceiveMessage returns: {@code MaxNumberOfMessages} is 1 to 10 (Amazon SQS API Reference). */
    static final int RECEIVE_BATCH = 10;

    /**
     * A consumer's prefetch is its ReceiveMessage batch under SQS, which is at most 10: for a flow
     * made for SQS more is an error (SQS refuses the call), for one moving to SQS a warning (it would
     * receive 10 at a time).
     */
    static void receiveBatch(Node n, Broker from, List<Finding> out) {
        if (!(n instanceof Consumer c) || c.prefetch() <= RECEIVE_BATCH) {
            return;
        }
        String message = "consumer '" + c.name() + "' has prefetch " + c.prefetch() + ", but an SQS consumer receives"
                + " at most 10 messages at a time (ReceiveMessage's MaxNumberOfMessages is 1 to 10)";
        String fix = "set its prefetch to 10 or less";
        out.add(from == Broker.SQS ? Finding.error(c.id(), null, message, fix)
                : Finding.warning(c.id(), null, message + ": on SQS it would receive 10 at a time", fix));
    }

    /** The findings of a node other than a queue under the SQS profile. */
    static void node(Node n, List<Finding> out) {
        switch (n) {
            case Topic t -> out.add(Finding.warning(t.id(), null, "topic '" + t.name() + "' routes to queues, but SQS"
                    + " has no exchanges or topics: its export leaves the topic out", "publish through an Amazon SNS"
                    + " topic with SQS subscriptions (and filter policies for routing keys)"));
            case Consumer c when c.onFailure() == Consumer.FailureAction.REQUEUE && fails(c) -> out.add(Finding.info(
                    c.id(), null, "consumer '" + c.name() + "' requeues what fails, but SQS has no requeue: a message"
                    + " not deleted comes back when its visibility timeout ends", null));
            case Consumer c when c.onFailure() == Consumer.FailureAction.DEAD_LETTER && fails(c) -> out.add(
                    Finding.warning(c.id(), null, "consumer '" + c.name() + "' dead-letters what fails, but SQS has no"
                    + " reject: a failed message comes back after its visibility timeout until maxReceiveCount"
                    + " redrives it", "set a delivery limit (maxReceiveCount) on its queue"));
            case Source s when s.priorityMix().size() > 1 || s.script().stream().anyMatch(m -> m.priority() != null
                    && m.priority() != 0) -> out.add(Finding.warning(s.id(), null, "source '" + s.name()
                    + "' publishes priorities, but SQS messages have none", "send each priority to its own queue"));
            case Source s when s.script().stream().anyMatch(SqsPortability::ownTtl) -> out.add(Finding.warning(
                    s.id(), null, "source '" + s.name() + "' gives messages their own TTL, but SQS has no per-message"
                    + " expiry: on SQS only the queue's retention period applies (the simulation still applies"
                    + " the message's)", "leave it to the queue's retention"));
            default -> {
            }
        }
    }

    private static boolean ownTtl(ScriptedMessage m) {
        return m.ttl() != null;
    }

    private static boolean fails(Consumer c) {
        return c.failureRate() > 0 || c.failFirstAttempts() != null || c.failWhen() != null;
    }

    /** What an SQS design's queue loses on {@code target}, another broker. */
    static void leavingSqs(QueueSettings q, Broker target, List<Finding> out) {
        if (target == Broker.GENERIC) {
            return;
        }
        // NATS JetStream's ack_wait is a visibility timeout (the NATS profile reads it so).
        if (q.visibilityTimeout() != null && target != Broker.NATS) {
            out.add(Finding.info(q.id(), null, queue(q) + " has a visibility timeout, which " + target.label()
                    + " does not have: a failed message is requeued at once, and a slow consumer is never given"
                    + " a second copy", null));
        }
        if (q.fifo() && target == Broker.NATS) {
            out.add(Finding.info(q.id(), null, queue(q) + " is an SQS FIFO queue; NATS JetStream has no message groups,"
                    + " and its Nats-Msg-Id duplicate window is 2 minutes, not 5", "use one consumer instance to keep order"));
        } else if (q.fifo()) {
            out.add(Finding.info(q.id(), null, queue(q) + " is an SQS FIFO queue; " + target.label() + " has no"
                    + " message groups or deduplication window", "use a single active consumer to keep order"));
        }
    }
}
