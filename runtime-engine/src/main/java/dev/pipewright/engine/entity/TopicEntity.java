// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

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
 */
public final class TopicEntity extends Entity {
    private Topic model;
    private List<Link> bindings = List.of();
    private final Map<String, List<Link>> routeCache = new HashMap<>();

    public TopicEntity(World world, Node node) {
        super(world, node);
        this.model = (Topic) node;
    }

    @Override
    protected void start() {
        bindings = outs(Port.OUT);
    }

    @Override
    public boolean offer(Message m, Link via) {
        stats.in++;
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
    QueueEntity blockingQueue(Message m, int hops) {
        if (hops <= 0) {
            return null;
        }
        for (Link l : route(m)) {
            QueueEntity full = l.to().blockingQueue(m, hops - 1);
            if (full != null) {
                return full;
            }
        }
        return null;
    }

    private List<Link> route(Message m) {
        return switch (model.routing()) {
            case FANOUT -> bindings;
            case DIRECT, TOPIC -> {
                String key = m.routingKey == null ? "" : m.routingKey;
                List<Link> cached = routeCache.get(key);
                if (cached == null) {
                    cached = new ArrayList<>();
                    for (Link l : bindings) {
                        String bindingKey = l.key() == null ? "" : l.key();
                        boolean match = model.routing() == Topic.Routing.DIRECT
                                ? bindingKey.equals(key) : TopicPattern.matches(bindingKey, key);
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
    }

    @Override
    public void reconfigure(Node changed) {
        model = (Topic) changed;
        routeCache.clear();
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
