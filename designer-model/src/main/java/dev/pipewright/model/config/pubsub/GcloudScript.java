// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.pubsub;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Durations;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.PubSubLimits;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.TerminalText;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Portability;
import dev.pipewright.model.check.PubSubNames;
import dev.pipewright.model.check.Severity;
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
import java.util.regex.Pattern;

/**
 * A flow as Google Cloud Pub/Sub topics and subscriptions (pull, or push where a queue names a push
 * endpoint): a POSIX shell script of
 * {@code gcloud pubsub topics create} and {@code gcloud pubsub subscriptions create} commands
 * (gcloud reference, "gcloud pubsub subscriptions create"). Each topic node is a topic; each queue
 * or dead-letter queue is a subscription of the topic it is bound to, or of a topic of its own, named
 * after it, when no topic feeds it (Pub/Sub publishes only to topics); a dead-letter wire names the
 * topic of the queue it leads to. Topics come first, so every topic a subscription names exists.
 *
 * <p>Every name is made one Pub/Sub accepts ({@link PubSubNames}: letters, digits and
 * {@code - _ . ~ + %} only) and every word is single-quoted besides, so no name from a flow file can
 * add a command; the flow's name appears only in a comment, with line breaks and control characters
 * escaped. Values outside Pub/Sub's ranges are brought into them, with a warning.
 */
public final class GcloudScript {
    /** Pub/Sub's longest subscription filter, in bytes ("Filter messages", limits). */
    static final int MAX_FILTER_BYTES = 256;
    private static final Pattern FILTER_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern FILTER_VALUE = Pattern.compile("[A-Za-z0-9 _.:/@+=-]{0,128}");

    private final Flow flow;
    private final List<Finding> findings = new ArrayList<>();
    /** Topic names by the id of the node they are for: a topic node, or a queue fed without one. */
    private final Map<String, String> topics = new LinkedHashMap<>();
    private final Map<String, String> subscriptions = new LinkedHashMap<>();
    /** Found once, so a flow of 10,000 nodes and 50,000 edges is not scanned once per queue. */
    private final Map<String, Node> nodes;
    private final Map<String, List<Edge>> fromTopics = new HashMap<>();
    private final Map<String, Edge> deadLetterWires = new HashMap<>();

    private GcloudScript(Flow flow) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.nodes = flow.nodesById();
        for (Edge e : flow.edges()) {
            if (nodes.get(e.from()) instanceof Topic) {
                fromTopics.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            }
            if (e.fromPort() == Port.DEAD_LETTER) {
                deadLetterWires.putIfAbsent(e.from(), e);
            }
        }
    }

    /** The flow's topics and subscriptions as a shell script; the warnings name what Pub/Sub cannot hold. */
    public static Exported write(Flow flow) {
        return new GcloudScript(flow).script();
    }

    private Exported script() {
        // What the design loses on Pub/Sub, as check --target pubsub says it, is what the export leaves out.
        findings.addAll(Portability.findings(flow, Broker.PUBSUB));
        name();
        StringBuilder sh = new StringBuilder();
        sh.append("#!/bin/sh\n")
                .append("# Google Cloud Pub/Sub topics and subscriptions for the flow '")
                .append(comment(flow.info().name())).append("',\n")
                .append("# written by pipewright export --to pubsub. Run it where gcloud is signed in, in the project\n")
                .append("# they are for (gcloud config set project PROJECT). A dead-letter topic also needs the\n")
                .append("# Pub/Sub service agent allowed to publish to it and to subscribe to the subscription\n")
                .append("# (cloud.google.com/pubsub/docs/handling-failures).\n")
                .append("set -eu\n");
        for (String topic : topics.values()) {
            sh.append("gcloud pubsub topics create ").append(quote(topic)).append('\n');
        }
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q) {
                sh.append(subscription(q)).append('\n');
            }
        }
        return new Exported(sh.toString(), findings);
    }

    /** Pub/Sub names, unique within topics and within subscriptions: one cleaned into a name taken gets a number. */
    private void name() {
        Set<String> takenTopics = new HashSet<>();
        Set<String> takenSubscriptions = new HashSet<>();
        for (Node n : flow.nodes()) {
            if (n instanceof Topic t) {
                topics.put(t.id(), unique(t, t.name(), takenTopics, "topic"));
            }
        }
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q) {
                subscriptions.put(q.id(), unique(n, q.name(), takenSubscriptions, "subscription"));
                if (feedingTopics(q).isEmpty()) {
                    topics.put(q.id(), unique(n, q.name(), takenTopics, "topic"));
                }
            }
        }
    }

    private String unique(Node n, String name, Set<String> taken, String kind) {
        String base = PubSubNames.of(name);
        String chosen = base;
        for (int i = 2; taken.contains(chosen); i++) {
            String suffix = "-" + i;
            chosen = (base.length() + suffix.length() > PubSubNames.MAX_LENGTH
                    ? base.substring(0, PubSubNames.MAX_LENGTH - suffix.length()) : base) + suffix;
        }
        if (!chosen.equals(base)) {
            warn(n, "'" + name + "' has the same Pub/Sub " + kind + " name as another: it is exported as '" + chosen + "'",
                    "give them names that differ in letters, digits or - _ . ~ + %");
        }
        taken.add(chosen);
        return chosen;
    }

    private List<Edge> feedingTopics(QueueSettings q) {
        return fromTopics.getOrDefault(q.id(), List.of());
    }

    private String subscription(QueueSettings q) {
        List<String> words = new ArrayList<>(List.of("gcloud pubsub subscriptions create " + quote(subscriptions.get(q.id()))));
        List<Edge> bound = feedingTopics(q);
        if (bound.size() > 1) {
            warn(q, "queue '" + q.name() + "' is bound to " + bound.size() + " topics, but a Pub/Sub subscription has"
                    + " one: it is exported as a subscription of '" + topics.get(bound.getFirst().from()) + "' only",
                    "give each topic its own queue");
        }
        String topicId = bound.isEmpty() ? q.id() : bound.getFirst().from();
        words.add("--topic=" + quote(topics.get(topicId)));
        words.add("--ack-deadline=" + seconds(q, "ack deadline", PubSubLimits.ackDeadline(q),
                PubSubLimits.MIN_ACK_DEADLINE, PubSubLimits.MAX_ACK_DEADLINE));
        if (q.messageTtl() != null) {
            words.add("--message-retention-duration=" + seconds(q, "retention", q.messageTtl(),
                    PubSubLimits.MIN_RETENTION, PubSubLimits.MAX_RETENTION) + "s");
        }
        deadLetter(q, words);
        if (PubSubLimits.exponentialRetry(q)) {
            long min = seconds(q, "minimum back-off", q.redeliveryDelay(), Duration.ZERO, PubSubLimits.MAX_BACKOFF);
            long max = seconds(q, "maximum back-off", PubSubLimits.maxBackoff(q), Duration.ofSeconds(min),
                    PubSubLimits.MAX_BACKOFF);
            words.add("--min-retry-delay=" + min + "s");
            words.add("--max-retry-delay=" + max + "s");
        }
        if (q.fifo()) {
            words.add("--enable-message-ordering");
        }
        if (PubSubLimits.push(q)) {
            words.add("--push-endpoint=" + quote(q.pushEndpoint()));
        } else if (q.exactlyOnce()) {
            words.add("--enable-exactly-once-delivery"); // pull subscriptions only: check --target says so of push
        }
        if (!bound.isEmpty()) {
            filter(q, bound.getFirst(), words);
        }
        return String.join(" \\\n    ", words);
    }

    private void deadLetter(QueueSettings q, List<String> words) {
        Edge wire = deadLetterWires.get(q.id());
        if (wire == null) {
            return;
        }
        Node target = nodes.get(wire.to());
        String topic = target == null ? null : target instanceof Topic ? topics.get(target.id())
                : target instanceof QueueSettings d ? topics.get(feedingTopics(d).isEmpty() ? d.id()
                : feedingTopics(d).getFirst().from()) : null;
        if (topic == null) {
            warn(q, "queue '" + q.name() + "' dead-letters to a node that is not a queue or topic: the export"
                    + " gives it no dead-letter topic", "wire its dead-letter port to a dead-letter queue");
            return;
        }
        words.add("--dead-letter-topic=" + quote(topic));
        int attempts = q.deliveryLimit() == null ? PubSubLimits.MIN_DELIVERY_ATTEMPTS : q.deliveryLimit();
        int kept = Math.clamp(attempts, PubSubLimits.MIN_DELIVERY_ATTEMPTS, PubSubLimits.MAX_DELIVERY_ATTEMPTS);
        if (q.deliveryLimit() == null) {
            warn(q, "queue '" + q.name() + "' has a dead-letter queue but no delivery limit: Pub/Sub's dead-letter"
                    + " policy then allows 5 delivery attempts, and the export says so", "set a delivery limit");
        }
        words.add("--max-delivery-attempts=" + kept);
    }

    /** A headers topic's binding as a subscription filter on attributes ({@code x-match} all: AND, any: OR). */
    private void filter(QueueSettings q, Edge binding, List<String> words) {
        Topic topic = (Topic) nodes.get(binding.from());
        Map<String, String> headers = binding.headers() == null ? Map.of() : binding.headers();
        if (topic.routing() != Topic.Routing.HEADERS || headers.isEmpty()) {
            return;
        }
        boolean any = "any".equalsIgnoreCase(headers.get("x-match"));
        List<String> terms = new ArrayList<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(headers).entrySet()) {
            if (e.getKey().startsWith("x-")) {
                continue;
            }
            if (!FILTER_KEY.matcher(e.getKey()).matches() || !FILTER_VALUE.matcher(e.getValue()).matches()) {
                warn(q, "queue '" + q.name() + "' is bound with a header the export cannot write as a Pub/Sub filter"
                        + " (keys of letters, digits and _, values of letters, digits, spaces and _ . : / @ + = -):"
                        + " the subscription gets every message", "use plainer header names and values");
                return;
            }
            terms.add("attributes." + e.getKey() + " = \"" + e.getValue() + "\"");
        }
        if (terms.isEmpty()) {
            return;
        }
        String filter = String.join(any ? " OR " : " AND ", terms);
        if (filter.length() > MAX_FILTER_BYTES) {
            warn(q, "queue '" + q.name() + "' is bound with headers whose Pub/Sub filter would be longer than 256"
                    + " bytes: the subscription gets every message", "bind with fewer headers");
            return;
        }
        words.add("--message-filter=" + quote(filter));
    }

    /**
     * Whole seconds within [min, max]. A value out of range is brought into it, as check --target
     * pubsub has warned already; one that is not whole seconds is rounded up and warned about here.
     */
    private long seconds(QueueSettings q, String what, Duration value, Duration min, Duration max) {
        long whole = (value.toNanos() + 999_999_999L) / 1_000_000_000L;
        long kept = Math.clamp(whole, min.toSeconds(), max.toSeconds());
        if (kept == whole && whole * 1_000_000_000L != value.toNanos()) {
            warn(q, "queue '" + q.name() + "' has a " + what + " of " + Durations.format(value) + ", which Pub/Sub"
                    + " cannot take: the export writes " + kept + "s", "choose whole seconds from "
                    + Durations.format(min) + " to " + Durations.format(max));
        }
        return kept;
    }

    private void warn(Node n, String message, String fix) {
        warn(n.id(), message, fix);
    }

    private void warn(QueueSettings q, String message, String fix) {
        warn(q.id(), message, fix);
    }

    private void warn(String nodeId, String message, String fix) {
        findings.add(new Finding(Severity.WARNING, nodeId, null, message, fix));
    }

    /** A shell word: single quotes, each quote inside written as {@code '\''}. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Text for a comment line: control characters (line breaks among them) escaped, so it stays one comment. */
    static String comment(String text) {
        return TerminalText.escape(text);
    }
}
