// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Durations;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one or two short lines of key properties a node card shows under its name. */
final class NodeSummary {
    private NodeSummary() {
    }

    static List<String> lines(Node node, Flow flow) {
        return switch (node) {
            case Source s -> source(s);
            case QueueSettings q -> queue(q, flow);
            case Topic t -> List.of(word(t.routing().name()) + " routing",
                    count(flow.outgoing(t.id()).size(), "binding"));
            case Processor p -> processor(p);
            case Consumer c -> consumer(c);
            case MessageStore m -> List.of("retry every " + Durations.format(m.retryInterval()),
                    m.maxAttempts() == null ? "no attempt limit" : "max " + m.maxAttempts() + " attempts");
            case Endpoint e -> List.of(e.concurrency() + " × " + e.processingTime(),
                    e.downWindows().isEmpty() ? "always up" : count(e.downWindows().size(), "down window"));
        };
    }

    private static List<String> source(Source s) {
        String first = number(s.rate()) + " msg/s " + word(s.arrival().name());
        if (s.arrival() == Source.Arrival.BURSTS) {
            first += " of " + s.burstSize();
        }
        List<String> second = new ArrayList<>();
        if (s.messageLimit() != null) {
            second.add(String.format(Locale.ROOT, "%,d msgs", s.messageLimit()));
        }
        if (!s.routingKeys().isEmpty()) {
            second.add("key " + String.join(", ", s.routingKeys()));
        }
        if (!s.priorityMix().isEmpty()) {
            second.add("priorities");
        }
        if (s.replyQueue() != null) {
            second.add("request/reply");
        }
        if (second.isEmpty()) {
            second.add(s.payloadSize() + " B payload");
        }
        return List.of(first, String.join(" · ", second));
    }

    private static List<String> queue(QueueSettings q, Flow flow) {
        List<String> first = new ArrayList<>();
        first.add(q.maxLength() == null ? "unbounded" : String.format(Locale.ROOT, "max %,d", q.maxLength()));
        if (!flow.outgoing(q.id(), Port.DEAD_LETTER).isEmpty()) {
            first.add("DLX");
        }
        if (q.maxPriority() != null) {
            first.add("prio 0–" + q.maxPriority());
        }
        List<String> second = new ArrayList<>();
        if (q instanceof DeadLetterQueue d && d.retryAfter() != null) {
            second.add("retry after " + Durations.format(d.retryAfter())
                    + (d.maxRetries() == null ? "" : " × " + d.maxRetries()));
        }
        if (q.messageTtl() != null) {
            second.add("ttl " + Durations.format(q.messageTtl()));
        }
        if (q.deliveryLimit() != null) {
            second.add("limit " + q.deliveryLimit());
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

    private static List<String> processor(Processor p) {
        String first = word(p.variant().name());
        String second = switch (p.variant()) {
            case CONTENT_ROUTER -> count(p.routes().size(), "route");
            case AGGREGATOR -> "batch of " + p.batchSize();
            case DELAY -> "hold " + Durations.format(p.delay());
            case IDEMPOTENT_RECEIVER -> String.format(Locale.ROOT, "window %,d", p.window());
            default -> p.concurrency() + " × " + distribution(p.processingTime());
        };
        return List.of(first, second);
    }

    private static List<String> consumer(Consumer c) {
        String first = c.instances() + " × " + distribution(c.processingTime());
        String second = "prefetch " + c.prefetch();
        if (c.failureRate() > 0) {
            second += " · fail " + number(c.failureRate() * 100) + "% → " + word(c.onFailure().name());
        }
        return List.of(first, second);
    }

    private static String distribution(Distribution d) {
        return d.toString();
    }

    /** A number without needless decimals: 80, 2.5, 0.33. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** An enum constant as a person writes it: CONTENT_ROUTER gives "content router". */
    static String word(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
