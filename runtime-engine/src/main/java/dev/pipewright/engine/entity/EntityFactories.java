// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import java.util.Objects;

/**
 * The engine's factory for each node kind: how a node's definition becomes its running entity
 * (Camel's reifier). This is the one place the engine lists the kinds; the switch has no
 * {@code default}, so a new {@link NodeKind} without an entity does not compile.
 */
public final class EntityFactories {
    private EntityFactories() {
    }

    /** Makes the running entity of one node. */
    @FunctionalInterface
    public interface EntityFactory {
        Entity create(World world, Node node);
    }

    /** The factory for nodes of {@code kind}. */
    public static EntityFactory of(NodeKind kind) {
        return switch (Objects.requireNonNull(kind, "kind")) {
            case SOURCE -> SourceEntity::new;
            case QUEUE -> (world, node) -> world.broker() == Broker.KAFKA ? new KafkaTopicEntity(world, node)
                    : new QueueEntity(world, node);
            case TOPIC -> TopicEntity::new;
            case PROCESSOR -> ProcessorEntity::new;
            case CONSUMER -> ConsumerEntity::new;
            case DEAD_LETTER_QUEUE -> DeadLetterQueueEntity::new;
            case MESSAGE_STORE -> MessageStoreEntity::new;
            case ENDPOINT -> EndpointEntity::new;
        };
    }

    /** The running entity of {@code node}, made by its kind's factory. */
    public static Entity create(World world, Node node) {
        return of(node.kind()).create(world, node);
    }
}
