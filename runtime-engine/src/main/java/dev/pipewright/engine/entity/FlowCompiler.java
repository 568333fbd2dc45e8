// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a flow's nodes and edges into running entities and links, one class per node kind (made
 * by {@link EntityFactories}).
 */
public final class FlowCompiler {
    private FlowCompiler() {
    }

    /** The running form of a flow: its entities (in {@code world}) and its links by edge id. */
    public record Compiled(World world, Map<String, Link> links) {
    }

    /** Builds and starts the entities of {@code flow}; the flow must be structurally valid. */
    public static Compiled compile(Flow flow, World world) {
        for (Node node : flow.nodes()) {
            world.register(EntityFactories.create(world, node));
        }
        Map<String, Link> links = new LinkedHashMap<>();
        for (Edge e : flow.edges()) {
            Entity from = world.entity(e.from());
            Entity to = world.entity(e.to());
            Link link = new Link(e, from, to);
            from.attachOut(link);
            to.attachIn(link);
            links.put(e.id(), link);
        }
        List<Entity> all = new ArrayList<>(world.entities());
        // Sources last: a source awaiting replies must see whether its reply queue has consumers.
        for (Entity e : all) {
            if (!(e instanceof SourceEntity)) {
                e.start();
            }
        }
        for (Entity e : all) {
            if (e instanceof SourceEntity) {
                e.start();
            }
        }
        return new Compiled(world, links);
    }
}
