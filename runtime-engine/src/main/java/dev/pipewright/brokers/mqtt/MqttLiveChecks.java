// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.mqtt;

import dev.pipewright.brokers.live.LiveChecks;
import dev.pipewright.brokers.live.Modelled;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MqttHeaders;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.MqttTopicFilter;
import dev.pipewright.model.check.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a live run on an MQTT broker refuses (errors) or runs without (warnings), in the words
 * {@code check} uses: sources publish to topics by topic name, consumers read subscriptions.
 */
final class MqttLiveChecks {
    private MqttLiveChecks() {
    }

    /** {@link LiveChecks#common} and MQTT's own findings for {@code flow}. */
    static List<Finding> of(Flow flow) {
        List<Finding> out = new ArrayList<>(LiveChecks.common(flow));
        if (flow.info().broker() != Broker.MQTT) {
            out.add(new Finding(Severity.WARNING, null, null, "the flow follows " + flow.info().broker().label()
                    + "'s rules, but an MQTT broker runs it by MQTT's: compare it with the simulator under the mqtt"
                    + " profile", "set the flow's broker to mqtt"));
        }
        for (Node n : flow.nodes()) {
            switch (n) {
                case Source s -> source(flow, s, out);
                case Consumer c -> {
                    if (c.failWhen() != null && Modelled.headerCondition(c) != null) {
                        out.add(new Finding(Severity.WARNING, c.id(), null, "consumer '" + c.name() + "': failWhen's header"
                                + " condition is not applied on MQTT, whose 3.1.1 messages carry no headers",
                                "use failureRate or failFirstAttempts"));
                    }
                    String queue = flow.incoming(c.id()).stream().map(Edge::from).findFirst().orElse(null);
                    boolean subscribed = queue != null && flow.incoming(queue).stream()
                            .anyMatch(e -> flow.node(e.from()).orElse(null) instanceof Topic);
                    if (!subscribed) {
                        out.add(LiveChecks.error(c, "under MQTT a consumer reads a subscription: wire its queue from a"
                                + " topic, with the topic filter on that wire"));
                    }
                    if (!flow.outgoing(c.id(), Port.OUT).isEmpty()) {
                        out.add(LiveChecks.error(c, "a consumer that passes messages on does not run live yet;"
                                + " run it in the simulator"));
                    }
                }
                case Topic t -> {
                    for (Edge e : flow.outgoing(t.id(), Port.OUT)) {
                        String problem = MqttTopicFilter.problem(e.key());
                        if (problem != null) {
                            out.add(new Finding(Severity.ERROR, t.id(), e.id(), "topic '" + t.name() + "': the filter '"
                                    + (e.key() == null ? "" : e.key()) + "' cannot be subscribed: " + problem,
                                    "write a filter such as sensors/+/temperature"));
                        }
                        if (!(flow.node(e.to()).orElse(null) instanceof QueueSettings q) || !hasConsumer(flow, q.id())) {
                            out.add(new Finding(Severity.WARNING, t.id(), e.id(), "topic '" + t.name() + "': the wire '"
                                    + (e.key() == null ? "" : e.key()) + "' leads to no consumer, so nothing subscribes"
                                    + " with it in a live run", "wire a consumer to its queue"));
                        }
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private static void source(Flow flow, Source s, List<Finding> out) {
        for (Edge e : flow.outgoing(s.id(), Port.OUT)) {
            if (!(flow.node(e.to()).orElse(null) instanceof Topic)) {
                out.add(LiveChecks.error(s, "under MQTT a source publishes to a topic; wire it to one"));
                return;
            }
        }
        List<String> names = new ArrayList<>(s.routingKeys());
        flow.outgoing(s.id(), Port.OUT).stream().map(Edge::key).filter(Objects::nonNull).forEach(names::add);
        boolean named = !names.isEmpty();
        s.script().stream().map(dev.pipewright.model.ScriptedMessage::key).filter(Objects::nonNull).forEach(names::add);
        if (names.isEmpty()) {
            out.add(LiveChecks.error(s, "it names no MQTT topic: give it routing keys, the topic names it publishes to"));
        } else if (!named && s.script().stream().anyMatch(m -> m.key() == null)) {
            out.add(LiveChecks.error(s, "a scripted message without a key names no MQTT topic: give it a key, or give"
                    + " the source routing keys"));
        }
        for (String name : names) {
            if (name.isEmpty() || name.indexOf('+') >= 0 || name.indexOf('#') >= 0) {
                out.add(LiveChecks.error(s, "'" + name + "' is not an MQTT topic name (not empty, no + or #)"));
            } else if (name.startsWith("$")) {
                out.add(new Finding(Severity.WARNING, s.id(), null, "source '" + s.name() + "': the topic '" + name
                        + "' starts with $, but a live run publishes it under its own prefix, where wildcards match it",
                        "run it in the simulator to see $-topics"));
            }
        }
        // Each message's expiry is published with MQTT 5 (ExpiringPublisher): the source's, or a scripted message's own.
        if (s.headers().containsKey(MqttHeaders.EXPIRY) && MqttHeaders.expirySeconds(s.headers()) < 0) {
            out.add(new Finding(Severity.WARNING, s.id(), null, "source '" + s.name() + "': " + MqttHeaders.EXPIRY
                    + " is not a whole number of seconds from 1 to 4294967295, so a live run publishes without expiry",
                    "give it a whole number of seconds"));
        }
        if (s.script().stream().anyMatch(m -> m.headers().containsKey(MqttHeaders.EXPIRY) && m.ttl() == null
                && MqttHeaders.expirySeconds(m.headers()) < 0)) {
            out.add(new Finding(Severity.WARNING, s.id(), null, "source '" + s.name() + "': a scripted message's "
                    + MqttHeaders.EXPIRY + " is not a whole number of seconds from 1 to 4294967295, so a live run"
                    + " publishes that message without expiry", "give it a whole number of seconds"));
        }
        if (s.script().stream().anyMatch(m -> m.ttl() != null && (m.ttl().isZero() || m.ttl().toNanos() % 1_000_000_000L != 0))) {
            out.add(new Finding(Severity.WARNING, s.id(), null, "source '" + s.name() + "': a scripted message's TTL is"
                    + " not a whole number of seconds, but MQTT counts expiry in seconds: a live run rounds it up to one",
                    "give it a TTL of whole seconds"));
        }
        if (s.script().stream().anyMatch(m -> m.delay() != null && !m.delay().isZero())) {
            out.add(new Finding(Severity.WARNING, s.id(), null, "source '" + s.name() + "': a scripted message's own"
                    + " delay is not applied in a live run, since MQTT has no delayed delivery", "run it in the simulator"
                    + " to see the delay"));
        }
    }

    /** True when a consumer reads queue {@code queueId}. */
    static boolean hasConsumer(Flow flow, String queueId) {
        return flow.outgoing(queueId, Port.OUT).stream().anyMatch(e -> flow.node(e.to()).orElse(null) instanceof Consumer);
    }
}
