// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Broker;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Durations;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Portability;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.check.SqsNames;
import dev.pipewright.model.config.Exported;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes each queue's {@code CreateQueue} attributes (Amazon SQS API Reference, "CreateQueue"):
 * {@code VisibilityTimeout}, {@code MessageRetentionPeriod}, {@code DelaySeconds},
 * {@code ReceiveMessageWaitTimeSeconds}, {@code FifoQueue} and {@code ContentBasedDeduplication} for
 * FIFO queues, and {@code RedrivePolicy} as the JSON string SQS expects. Values SQS would refuse are
 * brought into its range, with a warning.
 */
final class QueueAttributesWriter {
    /** SQS's attribute ranges, in seconds (API Reference, "CreateQueue"). */
    static final long MAX_DELAY = 900;
    static final long MIN_RETENTION = 60;
    static final long MAX_RETENTION = 1_209_600;
    static final long MAX_RECEIVE_COUNT = 1000;
    /**
     * The simulation delivers a message the moment it is visible, as a consumer long polling does:
     * the export asks for the longest wait, 20 s.
     */
    static final int RECEIVE_WAIT_SECONDS = 20;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Flow flow;
    private final String arnPrefix;
    private final List<Finding> findings = new ArrayList<>();
    /** Each queue's name on SQS, by node id. */
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, QueueSettings> ordered = new LinkedHashMap<>();

    QueueAttributesWriter(Flow flow, String arnPrefix) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.arnPrefix = arnPrefix;
    }

    Exported write() {
        // What the design loses on SQS, as check --target sqs says it, is what the export leaves out.
        findings.addAll(Portability.findings(flow, Broker.SQS));
        nameQueues();
        Set<String> visiting = new HashSet<>();
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q) {
                order(q, visiting);
            }
        }
        ObjectNode root = mapper.createObjectNode();
        ArrayNode queues = root.putArray("queues");
        for (QueueSettings q : ordered.values()) {
            ObjectNode request = queues.addObject();
            request.put("QueueName", names.get(q.id()));
            request.set("Attributes", attributes(q));
        }
        try {
            return new Exported(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the SQS queues", e);
        }
    }

    /** Each queue's name on SQS, by node id, as {@link #write} exports it. */
    Map<String, String> names() {
        if (names.isEmpty()) {
            nameQueues();
        }
        return Map.copyOf(names);
    }

    /** SQS names, unique: a name cleaned into one already taken gets a number. */
    private void nameQueues() {
        Set<String> taken = new HashSet<>();
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q) {
                String name = SqsNames.of(q);
                for (int i = 2; taken.contains(name); i++) {
                    name = numbered(SqsNames.of(q), i, q.sqsFifo());
                }
                if (!name.equals(SqsNames.of(q))) {
                    warn(q, "queue '" + q.name() + "' has the same SQS name as another queue: it is exported as '"
                            + name + "'", "give the queues names that differ in letters, digits, - or _");
                }
                taken.add(name);
                names.put(q.id(), name);
            }
        }
    }

    private static String numbered(String name, int i, boolean fifo) {
        String suffix = "-" + i;
        String stem = fifo ? name.substring(0, name.length() - ".fifo".length()) : name;
        int room = SqsNames.MAX_LENGTH - suffix.length() - (fifo ? ".fifo".length() : 0);
        String cut = stem.length() > room ? stem.substring(0, room) : stem;
        return cut + suffix + (fifo ? ".fifo" : "");
    }

    /** Puts a queue's dead-letter queue before it (a redrive policy names a queue that exists). */
    private void order(QueueSettings q, Set<String> visiting) {
        if (ordered.containsKey(q.id()) || !visiting.add(q.id())) {
            return;
        }
        QueueSettings target = deadLetterQueue(q);
        if (target != null) {
            order(target, visiting);
        }
        ordered.put(q.id(), q);
    }

    private QueueSettings deadLetterQueue(QueueSettings q) {
        for (Edge e : flow.outgoing(q.id(), Port.DEAD_LETTER)) {
            if (flow.node(e.to()).orElse(null) instanceof QueueSettings target) {
                return target;
            }
        }
        return null;
    }

    private ObjectNode attributes(QueueSettings q) {
        ObjectNode a = mapper.createObjectNode();
        a.put("VisibilityTimeout", Long.toString(seconds(q, "visibility timeout", q.visibilityTimeoutOrDefault(), 0,
                43_200)));
        a.put("MessageRetentionPeriod", Long.toString(q.messageTtl() == null ? 345_600
                : seconds(q, "message TTL (retention period)", q.messageTtl(), MIN_RETENTION, MAX_RETENTION)));
        a.put("DelaySeconds", Long.toString(q.deliveryDelay() == null ? 0
                : seconds(q, "delivery delay", q.deliveryDelay(), 0, MAX_DELAY)));
        a.put("ReceiveMessageWaitTimeSeconds", Integer.toString(RECEIVE_WAIT_SECONDS));
        if (q.sqsFifo()) {
            a.put("FifoQueue", "true");
            // The simulation deduplicates by MessageDeduplicationId, else the publisher's message id:
            // senders give an id, as SQS requires without content-based deduplication.
            a.put("ContentBasedDeduplication", "false");
        }
        redrivePolicy(q, a);
        return a;
    }

    private void redrivePolicy(QueueSettings q, ObjectNode a) {
        List<Edge> dead = flow.outgoing(q.id(), Port.DEAD_LETTER);
        QueueSettings target = deadLetterQueue(q);
        if (!dead.isEmpty() && target == null) {
            warn(q, "queue '" + q.name() + "' dead-letters to a node that is not a queue, and an SQS redrive policy"
                    + " names a queue: the export has no redrive policy", "wire its dead-letter port to a queue");
            return;
        }
        if (target == null) {
            if (q.deliveryLimit() != null) {
                warn(q, "queue '" + q.name() + "' has a delivery limit but no dead-letter queue: SQS counts"
                        + " receives only for a redrive policy, so a failing message is received for ever",
                        "wire its dead-letter port to a dead-letter queue");
            }
            return;
        }
        if (q.deliveryLimit() == null) {
            warn(q, "queue '" + q.name() + "' has a dead-letter queue but no delivery limit: an SQS redrive policy"
                    + " needs maxReceiveCount, so the export has none and nothing reaches '" + target.name() + "'",
                    "set a delivery limit (1 to 1000)");
            return;
        }
        if (target.sqsFifo() != q.sqsFifo()) {
            warn(q, "queue '" + q.name() + "' is " + (q.sqsFifo() ? "a FIFO" : "a standard") + " queue and its"
                    + " dead-letter queue '" + target.name() + "' is not: SQS refuses the redrive policy",
                    "make both FIFO queues or both standard queues");
        }
        long count = q.deliveryLimit();
        if (count > MAX_RECEIVE_COUNT) {
            warn(q, "queue '" + q.name() + "' has delivery limit " + count + ", above SQS's 1000: exported as 1000", null);
            count = MAX_RECEIVE_COUNT;
        }
        if (target instanceof DeadLetterQueue d && d.retryAfter() != null) {
            findings.add(new Finding(Severity.WARNING, d.id(), null, "dead-letter queue '" + d.name() + "' sends"
                    + " messages back after " + Durations.format(d.retryAfter()) + ", which SQS does not do by itself",
                    "move them back with a redrive (StartMessageMoveTask) or a consumer of the dead-letter queue"));
        }
        ObjectNode policy = mapper.createObjectNode();
        policy.put("deadLetterTargetArn", arnPrefix + ":" + names.get(target.id()));
        policy.put("maxReceiveCount", count);
        try {
            a.put("RedrivePolicy", mapper.writeValueAsString(policy));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a redrive policy", e);
        }
    }

    /** Whole seconds within SQS's range; a warning when the design's value had to change. */
    private long seconds(QueueSettings q, String what, Duration d, long min, long max) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        long kept = Math.clamp(s, min, max);
        if (kept != s || d.getNano() > 0) {
            warn(q, "queue '" + q.name() + "' has a " + what + " of " + Durations.format(d) + ", which SQS holds only"
                    + " in whole seconds from " + min + " to " + max + ": exported as " + kept + " s", null);
        }
        return kept;
    }

    private void warn(QueueSettings q, String message, String fix) {
        findings.add(new Finding(Severity.WARNING, q.id(), null, message, fix));
    }
}
