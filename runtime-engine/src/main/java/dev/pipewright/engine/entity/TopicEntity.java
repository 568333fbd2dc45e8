// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.Broker;
import dev.pipewright.model.MqttHeaders;
import dev.pipewright.model.NatsLimits;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A running topic (a RabbitMQ exchange): every binding that matches gets a copy. Fanout matches
 * all bindings; direct those whose key equals the routing key; topic those whose dotted pattern
 * matches ({@code *} one word, {@code #} zero or more); headers those whose arguments match the
 * message's headers ({@code x-match} {@code all}, the default, or {@code any}). A message no
 * binding matches is unroutable and counted dropped. Several queues bound with the same key make a
 * shared subscription only when consumers share one queue; each bound queue gets its own copy.
 *
 * <p>Under the NATS profile a topic-routed binding key is a subject filter: {@code *} matches one
 * token and {@code >} at the end one or more ({@link NatsLimits#subjectMatches}).
 *
 * <p>Under the MQTT profile the routing key is the topic name and every binding key a topic filter,
 * whatever the routing says; {@link MqttTopic} has those rules and the retained messages.
 */
public final class TopicEntity extends Entity {
    private Topic model;
    private List<Link> bindings = List.of();
    private final Map<String, List<Link>> routeCache = new HashMap<>();
    /** The MQTT rules; null under other profiles. */
    private final MqttTopic mqtt;
    /** Under NATS a topic binding's key is a subject filter ({@code *} one token, {@code >} one or more). */
    private final boolean nats;

    public TopicEntity(World world, Node node) {
        super(world, node);
        this.model = (Topic) node;
        this.mqtt = world.broker() == Broker.MQTT ? new MqttTopic() : null;
        this.nats = world.broker() == Broker.NATS;
    }

    @Override
    protected void start() {
        bindings = outs(Port.OUT);
    }

    @Override
    public boolean offer(Message m, Link via) {
        stats.in++;
        if (mqtt != null && m.ttl < 0) {
            long expiry = MqttHeaders.expirySeconds(m.headers);
            m.ttl = expiry > 0 ? expiry : -1;
        }
        if (mqtt != null) {
            mqtt.retain(m, world.now());
        }
        List<Link> matched = route(m);
        if (matched.isEmpty()) {
            world.drop(m, this, "unroutable: no binding matches key " + m.routingKey);
            return true;
        }
        stats.out += matched.size();
        emitAll(m, matched);
        return true;
    }

    @Override
    QueueEntity blockingQueue(Message m, Link via, int hops) {
        if (hops <= 0) {
            return null;
        }
        // Under MQTT every subscription that could get it, without taking a shared subscription's turn.
        for (Link l : mqtt != null ? mqtt.candidates(bindings, m.routingKey == null ? "" : m.routingKey) : route(m)) {
            QueueEntity full = l.to().blockingQueue(m, l, hops - 1);
            if (full != null) {
                return full;
            }
        }
        return null;
    }

    private List<Link> route(Message m) {
        if (mqtt != null) {
            return mqtt.route(bindings, m.routingKey == null ? "" : m.routingKey);
        }
        return switch (model.routing()) {
            case FANOUT -> bindings;
            case DIRECT, TOPIC -> {
                String key = m.routingKey == null ? "" : m.routingKey;
                List<Link> cached = routeCache.get(key);
                if (cached == null) {
                    cached = new ArrayList<>();
                    for (Link l : bindings) {
                        String bindingKey = l.key() == null ? "" : l.key();
                        boolean match = model.routing() == Topic.Routing.DIRECT ? bindingKey.equals(key)
                                : nats ? NatsLimits.subjectMatches(bindingKey, key) : TopicPattern.matches(bindingKey, key);
                        if (match) {
                            cached.add(l);
                        }
                    }
                    if (routeCache.size() > 10_000) {
                        routeCache.clear();
                    }
                    routeCache.put(key, cached);
                }
                yield cached;
            }
            case HEADERS -> {
                List<Link> list = new ArrayList<>();
                for (Link l : bindings) {
                    if (headersMatch(l.headers(), m.headers == null ? Map.of() : m.headers)) {
                        list.add(l);
                    }
                }
                yield list;
            }
        };
    }

    static boolean headersMatch(Map<String, String> binding, Map<String, String> headers) {
        boolean any = "any".equalsIgnoreCase(binding.get("x-match"));
        int considered = 0;
        for (Map.Entry<String, String> e : binding.entrySet()) {
            if (e.getKey().startsWith("x-")) {
                continue;
            }
            considered++;
            boolean equal = e.getValue().equals(headers.get(e.getKey()));
            if (any && equal) {
                return true;
            }
            if (!any && !equal) {
                return false;
            }
        }
        return !any || considered == 0;
    }

    /** Called when a binding's key or headers changed. */
    public void bindingsChanged() {
        routeCache.clear();
        if (mqtt != null) {
            mqtt.bindingsChanged();
        }
    }

    @Override
    public void reconfigure(Node changed) {
        model = (Topic) changed;
        bindingsChanged();
    }

    /** MQTT: a subscription along {@code link} started; it gets the retained messages its filter matches. */
    void subscriptionStarted(Link link) {
        if (mqtt != null) {
            mqtt.sendRetained(link, this, world);
        }
    }

    /** Sends one retained copy to a subscription that just started. */
    void sendRetainedCopy(Link link, Message copy) {
        stats.out++;
        sendOrDrop(link, copy);
    }

    /** MQTT: the topics with a retained message now; 0 under other profiles. */
    public int retainedCount() {
        return mqtt == null ? 0 : mqtt.retainedCount();
    }

    @Override
    public void handle(int type, Object subject, long arg) {
        throw new IllegalStateException("topic " + id + " schedules no events");
    }

    @Override
    public String eventName(int type) {
        return "event-" + type;
    }
}
