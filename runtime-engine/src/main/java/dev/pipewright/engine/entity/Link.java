// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.engine.stats.EdgeCounters;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Port;
import java.util.Map;

/** A running edge: where it goes, its binding key or route name, and its traffic counters. */
public final class Link {
    private final String edgeId;
    private final Entity from;
    private final Entity to;
    private final Port port;
    private String key;
    private Map<String, String> headers;
    private final EdgeCounters counters;

    public Link(Edge edge, Entity from, Entity to) {
        this.edgeId = edge.id();
        this.from = from;
        this.to = to;
        this.port = edge.fromPort();
        this.key = edge.key();
        this.headers = edge.headers();
        this.counters = new EdgeCounters(edge.id());
    }

    public String edgeId() {
        return edgeId;
    }

    public Entity from() {
        return from;
    }

    public Entity to() {
        return to;
    }

    public Port port() {
        return port;
    }

    /** Binding key or route name; null for none. */
    public String key() {
        return key;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public EdgeCounters counters() {
        return counters;
    }

    /** Takes a changed binding key or headers from the model. */
    public void update(Edge edge) {
        this.key = edge.key();
        this.headers = edge.headers();
    }

    /** Sends {@code m} along this edge; false if the target refused it (the caller still owns it). */
    public boolean send(Message m, int outcome) {
        counters.cross(outcome);
        return to.offer(m, this);
    }

    /** Sends an ordinary message along this edge. */
    public boolean send(Message m) {
        return send(m, EdgeCounters.OK);
    }
}
