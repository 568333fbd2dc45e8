// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import static dev.pipewright.model.check.Validator.describe;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Limits;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueReader;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Pattern advice about a flow that runs: queues whose producers outrun their consumers (with the
 * arithmetic), failures with no dead-letter target, retries with no limit, payloads that want a
 * claim check, topics nobody subscribes to, queues nobody reads, and sources wired to nothing or
 * with a rate of zero. Numbers are written for people ({@code 1,000,000 msg/s}, {@code 16.7ms}).
 * Only warnings and infos; errors are the {@link Validator}'s.
 */
public final class Lint {
    /** Payloads above this size want a claim check. */
    public static final int CLAIM_CHECK_BYTES = 256 * 1024;
    /** Utilisation from which a queue is reported as close to its capacity. */
    public static final double HIGH_UTILISATION = 0.9;

    private Lint() {
    }

    /** The advice for {@code flow}, in flow order. */
    public static List<Finding> lint(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        List<Finding> out = new ArrayList<>();
        LoadEstimate load = LoadEstimate.of(flow);
        Map<String, Node> nodes = flow.nodesById();
        Wires wires = new Wires(flow.edges());
        Set<String> beforeClaimCheck = upstreamOfClaimCheck(flow, wires);
        Set<String> replyQueues = replyQueues(flow);
        for (Node n : flow.nodes()) {
            switch (n) {
                case Source s -> {
                    checkRate(s, out);
                    checkWired(s, wires, out);
                    checkPayloadSize(s, beforeClaimCheck, out);
                }
                case Topic t -> checkSubscribers(t, wires, out);
                case Consumer c -> checkFailures(c, wires, nodes, out);
                case DeadLetterQueue d -> {
                    checkRetryLimit(d, out);
                    checkCapacity(d, load, wires, out);
                    checkReaders(d, load, out);
                }
                case Queue q -> {
                    checkCapacity(q, load, wires, out);
                    if (!replyQueues.contains(q.id()) && !waitsOutTtl(q, wires)) {
                        checkReaders(q, load, out);
                    }
                    checkOverflowTarget(q, wires, out);
                }
                // No default: a new kind must say here whether it has advice.
                case Processor p -> {
                }
                case MessageStore m -> {
                }
                case Endpoint e -> {
                }
            }
        }
        return out;
    }

    private static void checkRate(Source s, List<Finding> out) {
        if (s.rate() == 0 && !s.scripted()) {
            out.add(Finding.warning(s.id(), null, describe(s) + " has a rate of 0 msg/s, so it never sends a message",
                    "set its rate to the messages per second it should send"));
        }
    }

        private static void checkWired(Source s, Wires wires, List<Finding> out) {
        if (wires.out(s.id()).isEmpty()) {
            out.add(Finding.warning(s.id(), null, describe(s) + " is not wired to anything, so its messages go nowhere",
                    "wire its 'out' port to a queue or topic"));
        }
    }

    private static void checkPayloadSize(Source s, Set<String> beforeClaimCheck, List<Finding> out) {
        if (s.payloadSize() <= CLAIM_CHECK_BYTES || beforeClaimCheck.contains(s.id())) {
            return;
        }
        out.add(Finding.warning(s.id(), null, describe(s) + " sends payloads of " + Numbers.bytes(s.payloadSize())
                + ", over " + Numbers.bytes(CLAIM_CHECK_BYTES) + ": large messages slow a broker down and can exceed its size limit",
                "keep the body in a store and send a reference: add a claim-check-in processor after the source"));
    }

    /**
     * The nodes with a claim-check-in processor on some path from them (the processors included):
     * one walk back along the wires from every such processor, instead of one walk per source.
     */
    private static Set<String> upstreamOfClaimCheck(Flow flow, Wires wires) {
        Deque<String> todo = new ArrayDeque<>();
        for (Node n : flow.nodes()) {
            if (n instanceof Processor p && p.variant() == Processor.Variant.CLAIM_CHECK_IN) {
                todo.add(p.id());
            }
        }
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (seen.add(id)) {
                for (Edge e : wires.in(id)) {
                    todo.add(e.from());
                }
            }
        }
        return seen;
    }

    private static void checkSubscribers(Topic t, Wires wires, List<Finding> out) {
        if (wires.out(t.id()).isEmpty()) {
            out.add(Finding.warning(t.id(), null, describe(t) + " has no subscriber, so every message published to it is lost",
                    "bind a queue to it: wire its 'out' port to a queue"));
        }
    }

    private static void checkFailures(Consumer c, Wires wires, Map<String, Node> nodes, List<Finding> out) {
        if (c.failureRate() <= 0) {
            return;
        }
        String rate = percent(c.failureRate());
        for (Edge in : wires.in(c.id())) {
            if (!(nodes.get(in.from()) instanceof QueueSettings q)) {
                continue;
            }
            boolean deadLetterTarget = !wires.out(q.id(), Port.DEAD_LETTER).isEmpty();
            String queue = named(q);
            boolean canDeadLetter = NodeKind.ofRecord(q.getClass()).outputs().contains(Port.DEAD_LETTER);
            if (c.onFailure() == Consumer.FailureAction.REQUEUE && q.deliveryLimit() == null) {
                out.add(Finding.warning(c.id(), null, describe(c) + " fails " + rate + " of messages and requeues them,"
                        + " and " + queue + " has no delivery limit: retries with no limit, so a poison message loops forever",
                        "set a delivery limit on " + queue + (canDeadLetter && !deadLetterTarget
                                ? " and wire its 'dead-letter' port to a dead-letter queue" : "")));
            } else if (canDeadLetter && !deadLetterTarget && c.onFailure() != Consumer.FailureAction.REJECT) {
                String what = c.onFailure() == Consumer.FailureAction.REQUEUE
                        ? "messages that reach the delivery limit of " + queue
                        : "the messages it fails";
                out.add(Finding.warning(c.id(), null, describe(c) + " fails " + rate + " of messages, and " + what
                        + " are dropped: the queue has no dead-letter target",
                        "wire the 'dead-letter' port of " + queue + " to a dead-letter queue"));
            } else if (c.onFailure() == Consumer.FailureAction.REJECT) {
                out.add(Finding.info(c.id(), null, describe(c) + " fails " + rate + " of messages and rejects them:"
                        + " they are dropped, not dead-lettered", "set its failure action to dead-letter to keep them"));
            }
        }
    }

    private static void checkRetryLimit(DeadLetterQueue d, List<Finding> out) {
        if (d.retryAfter() != null && d.maxRetries() == null) {
            out.add(Finding.warning(d.id(), null, "dead-letter queue '" + d.name() + "' sends messages back every "
                    + dev.pipewright.model.Durations.format(d.retryAfter())
                    + " with no retry limit: a message that always fails loops forever", "set its maxRetries"));
        }
    }

    /** The queues sources wait for replies on: a source takes its replies itself when nothing else reads them. */
    private static Set<String> replyQueues(Flow flow) {
        Set<String> ids = new HashSet<>();
        for (Node n : flow.nodes()) {
            if (n instanceof Source s && s.replyQueue() != null) {
                ids.add(s.replyQueue());
            }
        }
        return ids;
    }

    /**
     * A queue with a TTL, a dead-letter target and no reader: each message waits out the TTL and
     * moves on (RabbitMQ's delayed retry), so nothing piles up there.
     */
    private static boolean waitsOutTtl(Queue q, Wires wires) {
        return q.messageTtl() != null && !wires.out(q.id(), Port.DEAD_LETTER).isEmpty() && wires.out(q.id(), Port.OUT).isEmpty();
    }

    private static void checkReaders(QueueSettings q, LoadEstimate load, List<Finding> out) {
        if (!load.readers(q.id()).isEmpty()) {
            return;
        }
        if (q instanceof DeadLetterQueue d) {
            if (d.retryAfter() == null) {
                out.add(Finding.info(d.id(), null, "dead-letter queue '" + d.name() + "' has no consumer: dead letters"
                        + " stay there for inspection", null));
            }
        } else {
            out.add(Finding.warning(q.id(), null, "queue '" + q.name() + "' has no consumer, so its messages pile up",
                    "wire its 'out' port to a consumer"));
        }
    }

    private static void checkOverflowTarget(Queue q, Wires wires, List<Finding> out) {
        if (q.maxLength() != null && q.overflow() == Overflow.REJECT_PUBLISH_DLX
                && wires.out(q.id(), Port.DEAD_LETTER).isEmpty()) {
            out.add(Finding.warning(q.id(), null, "queue '" + q.name() + "' dead-letters what overflows it, but has no"
                    + " dead-letter target, so those messages are dropped", "wire its 'dead-letter' port to a dead-letter queue"));
        }
        if (q.maxLength() != null && q.maxLength() == 0 && q.overflow() == Overflow.BLOCK) {
            out.add(Finding.warning(q.id(), null, "queue '" + q.name() + "' blocks at max length 0, so it is always"
                    + " full: a source publishing to it waits for ever", "set a max length of 1 or more"));
        }
    }

    private static void checkCapacity(QueueSettings q, LoadEstimate load, Wires wires, List<Finding> out) {
        List<Node> readers = load.readers(q.id());
        double lambda = load.arrival(q.id());
        double capacity = load.capacity(q.id());
        if (readers.isEmpty() || lambda <= 0 || Double.isInfinite(capacity)) {
            return;
        }
        String queue = named(q);
        double utilisation = lambda / capacity;
        // What keeps arriving once every source with a message limit has sent its last message.
        double lasting = load.unlimitedArrival(q.id());
        if (utilisation >= 1) {
            String over = queue + " receives " + rate(lambda) + " msg/s but its consumers handle at most "
                    + rate(capacity) + " msg/s (" + readersText(readers) + ")";
            if (q.maxLength() != null && q.overflow() != Overflow.PAGE) {
                // A capped queue cannot grow without bound: it fills, then its overflow policy acts
                // (paging keeps every message beyond the limit, so a paging queue still grows).
                out.add(Finding.info(q.id(), null, over + ": it will be full (max length "
                        + Numbers.number(q.maxLength()) + "), then " + whenFull(q, wires, lambda - capacity), null));
            } else if (lasting >= capacity) {
                out.add(Finding.warning(q.id(), null, queue + " receives " + rate(lasting) + " msg/s but its consumers"
                        + " handle at most " + rate(capacity) + " msg/s (" + readersText(readers) + "): the queue grows by "
                        + rate(lasting - capacity) + " msg/s without bound", capacityFix(readers, lasting)));
            } else {
                out.add(Finding.info(q.id(), null, over + " while its sources with a message limit publish: a backlog"
                        + " builds up, then drains once they have sent their last message", null));
            }
        } else if (utilisation >= HIGH_UTILISATION) {
            out.add(Finding.info(q.id(), null, queue + " runs at " + percent(utilisation) + " of its consumers' capacity ("
                    + rate(lambda) + " of " + rate(capacity) + " msg/s): waiting times grow sharply close to 100%",
                    "add a consumer instance to leave headroom"));
        }
    }

    /** What a full queue's overflow policy does with {@code excess} msg/s more than its consumers take. */
    private static String whenFull(QueueSettings q, Wires wires, double excess) {
        boolean deadLetters = NodeKind.ofRecord(q.getClass()).outputs().contains(Port.DEAD_LETTER)
                && !wires.out(q.id(), Port.DEAD_LETTER).isEmpty();
        // At exactly its capacity nothing is lost on average, so no "0 msg/s" is named.
        String lost = rate(excess).equals("0") ? "" : ": about " + rate(excess) + " msg/s";
        return switch (q.overflow()) {
            case DROP_HEAD -> "drop-head " + (deadLetters ? "dead-letters" : "drops") + " the oldest message to make room"
                    + lost + (lost.isEmpty() ? "" : deadLetters ? " dead-lettered" : " lost");
            case REJECT_PUBLISH -> "reject-publish refuses new messages" + lost + (lost.isEmpty() ? "" : " refused");
            case REJECT_PUBLISH_DLX -> "reject-publish-dlx refuses new messages and "
                    + (deadLetters ? "dead-letters them" : "drops them (no dead-letter target)")
                    + lost + (lost.isEmpty() ? "" : " refused");
            case BLOCK -> "block holds its sources back to what the consumers take" + lost
                    + (lost.isEmpty() ? "" : " held at the sources");
            case DROP_NEW -> "drop-new discards new messages without telling the publisher" + lost
                    + (lost.isEmpty() ? "" : " lost");
            case PAGE -> "page keeps every message beyond the limit" + lost + (lost.isEmpty() ? "" : " paged");
        };
    }

    private static String readersText(List<Node> readers) {
        List<String> parts = new ArrayList<>();
        for (Node r : readers) {
            String part = switch ((QueueReader) r) {
                case Consumer c -> count(c.instances(), "instance") + " / " + seconds(c.processingTime().meanSeconds()) + " mean";
                case Processor p -> "concurrency " + Numbers.number(p.concurrency()) + " / " + seconds(p.processingTime().meanSeconds()) + " mean";
            };
            parts.add(readers.size() == 1 ? part : "'" + r.name() + "': " + part);
        }
        return String.join(", ", parts);
    }

    private static String capacityFix(List<Node> readers, double lambda) {
        if (readers.size() == 1) {
            QueueReader r = (QueueReader) readers.getFirst();
            boolean consumer = r instanceof Consumer;
            int now = r.parallelism();
            double mean = r.processingTime().meanSeconds();
            // Stable only when instances > lambda * mean, i.e. utilisation below 1.
            double more = Math.floor(lambda * mean) + 1 - now;
            List<String> ways = new ArrayList<>();
            if (now + more <= (consumer ? Limits.MAX_INSTANCES : Limits.MAX_CONCURRENCY)) {
                long n = (long) more;
                ways.add(consumer ? "add " + count(n, "more consumer instance")
                        : "raise its concurrency by " + Numbers.number(n));
            }
            double fastEnough = now / lambda;
            if (fastEnough >= 1e-9) {
                ways.add("cut processing time below " + seconds(fastEnough));
            }
            if (!ways.isEmpty()) {
                return String.join(" or ", ways);
            }
            return "no number of " + (consumer ? "instances" : "concurrent messages") + " or processing time can keep up"
                    + " with " + rate(lambda) + " msg/s: lower the rate, or spread it over several queues";
        }
        return "add consumer instances or make processing faster: together they must handle more than "
                + rate(lambda) + " msg/s";
    }

    /** {@code queue 'orders'} or {@code dead-letter queue 'orders.dlq'}. */
    private static String named(QueueSettings q) {
        return NodeKind.ofRecord(q.getClass()).displayName().toLowerCase(Locale.ROOT) + " '" + q.name() + "'";
    }

    private static String rate(double perSecond) {
        return Numbers.number(perSecond);
    }

    private static String percent(double fraction) {
        double p = fraction * 100;
        return (p == Math.rint(p) || p >= 10 ? String.format(Locale.ROOT, "%.0f", p)
                : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }

    private static String seconds(double s) {
        return Numbers.seconds(s);
    }

    private static String count(long n, String noun) {
        return Numbers.count(n, noun);
    }
}
