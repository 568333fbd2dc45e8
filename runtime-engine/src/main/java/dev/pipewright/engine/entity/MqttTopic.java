// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.MqttHeaders;
import dev.pipewright.model.check.MqttTopicFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A topic's MQTT rules: which subscriptions a message's topic name (its routing key) reaches, and
 * the retained messages.
 *
 * <p>Each binding key is a topic filter ({@link MqttTopicFilter}). Every matching ordinary
 * subscription gets a copy; the subscriptions sharing one {@code $share/GROUP/FILTER} key are one
 * shared subscription, and one of them gets the message, in turn (Mosquitto's round robin; MQTT
 * 5.0 section 4.8.2). A subscription whose session has ended (a clean-start client that is
 * disconnected) is not there.
 *
 * <p>A message published with {@link MqttHeaders#RETAIN} replaces its topic's retained message (one
 * without a body removes it, MQTT 3.1.1 section 3.3.1.3); a subscription that starts later gets the
 * retained messages its filter matches first, except a shared one (MQTT 5.0 section 4.8.2). A
 * retained message with an expiry ages as it waits and is gone when it runs out.
 */
final class MqttTopic {
    /** Most topics with a retained message one topic keeps; beyond it the oldest goes (memory stays bounded). */
    static final int MAX_RETAINED = 10_000;
    /** Most topic names whose matching subscriptions are remembered. */
    private static final int MAX_CACHED_NAMES = 10_000;

    /** The subscriptions one topic name matches: ordinary ones, and each shared one's members. */
    private record Route(List<Link> plain, List<String> shareKeys, List<List<Link>> shared) {
    }

    private record Retained(Message message, double at) {
    }

    private final Map<String, Route> routes = new HashMap<>();
    private final Map<String, Integer> turns = new HashMap<>();
    private final LinkedHashMap<String, Retained> retained = new LinkedHashMap<>();

    /** The links {@code topicName} goes to now; each shared subscription's turn moves on. */
    List<Link> route(List<Link> bindings, String topicName) {
        Route r = routeOf(bindings, topicName);
        List<Link> to = new ArrayList<>(r.plain.size() + r.shared.size());
        for (Link l : r.plain) {
            if (subscribed(l)) {
                to.add(l);
            }
        }
        for (int g = 0; g < r.shared.size(); g++) {
            Link chosen = nextMember(r.shareKeys.get(g), r.shared.get(g));
            if (chosen != null) {
                to.add(chosen);
            }
        }
        return to;
    }

    /** Every link {@code topicName} could go to (all members of shared subscriptions), taking no turn. */
    List<Link> candidates(List<Link> bindings, String topicName) {
        Route r = routeOf(bindings, topicName);
        List<Link> all = new ArrayList<>(r.plain);
        r.shared.forEach(all::addAll);
        return all;
    }

    private Route routeOf(List<Link> bindings, String topicName) {
        Route r = routes.get(topicName);
        if (r == null) {
            r = match(bindings, topicName);
            if (routes.size() >= MAX_CACHED_NAMES) {
                routes.clear();
            }
            routes.put(topicName, r);
        }
        return r;
    }

    private static Route match(List<Link> bindings, String topicName) {
        List<Link> plain = new ArrayList<>();
        Map<String, List<Link>> groups = new LinkedHashMap<>();
        for (Link l : bindings) {
            String key = l.key() == null ? "" : l.key();
            if (!MqttTopicFilter.matches(MqttTopicFilter.filterOf(key), topicName)) {
                continue;
            }
            if (MqttTopicFilter.shareGroup(key) == null) {
                plain.add(l);
            } else {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
            }
        }
        return new Route(plain, List.copyOf(groups.keySet()), List.copyOf(groups.values()));
    }

    /** The next member of a shared subscription whose session is there, in turn; null when none is. */
    private Link nextMember(String key, List<Link> members) {
        int n = members.size();
        int from = turns.getOrDefault(key, 0);
        for (int k = 0; k < n; k++) {
            int i = (from + k) % n;
            if (subscribed(members.get(i))) {
                turns.put(key, (i + 1) % n);
                return members.get(i);
            }
        }
        return null;
    }

    private static boolean subscribed(Link l) {
        return !(l.to() instanceof QueueEntity q) || q.mqttSubscribed();
    }

    /** Keeps (or removes) {@code m} as its topic's retained message when it asks to be retained. */
    void retain(Message m, double now) {
        if (!MqttHeaders.retain(m.headers) || m.routingKey == null) {
            return;
        }
        retained.remove(m.routingKey);
        if (m.size == 0 && !m.hasPayload()) {
            return;
        }
        if (retained.size() >= MAX_RETAINED) {
            Iterator<String> oldest = retained.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        retained.put(m.routingKey, new Retained(m.copy(m.id), now));
    }

    /** Sends the retained messages {@code link}'s filter matches along it, as copies made by {@code topic}. */
    void sendRetained(Link link, TopicEntity topic, World world) {
        String key = link.key() == null ? "" : link.key();
        if (MqttTopicFilter.shareGroup(key) != null) {
            return;
        }
        double now = world.now();
        List<Message> out = new ArrayList<>();
        for (Iterator<Retained> it = retained.values().iterator(); it.hasNext(); ) {
            Retained r = it.next();
            double ttl = r.message.ttl;
            if (ttl > 0 && now >= r.at + ttl) {
                it.remove();
                continue;
            }
            if (MqttTopicFilter.matches(key, r.message.routingKey)) {
                Message c = world.copy(r.message, topic);
                c.ttl = ttl > 0 ? ttl - (now - r.at) : -1;
                out.add(c);
            }
        }
        for (Message c : out) {
            topic.sendRetainedCopy(link, c);
        }
    }

    /** Retained messages kept now. */
    int retainedCount() {
        return retained.size();
    }

    /** Forgets the matches worked out so far (a binding changed). */
    void bindingsChanged() {
        routes.clear();
    }
}
