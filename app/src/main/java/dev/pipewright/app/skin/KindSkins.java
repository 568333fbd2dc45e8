// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The skin of every node kind. A new kind adds its skin to {@link #ALL}; the app's
 * KindCompletenessTest fails while a kind has none.
 */
public final class KindSkins {
    private static final List<KindSkin<?>> ALL = List.of(new SourceSkin(), new QueueSkin(), new TopicSkin(),
            new ProcessorSkin(), new ConsumerSkin(), new DeadLetterQueueSkin(), new MessageStoreSkin(),
            new EndpointSkin());

    private static final Map<NodeKind, KindSkin<?>> BY_KIND;

    static {
        Map<NodeKind, KindSkin<?>> byKind = new EnumMap<>(NodeKind.class);
        for (KindSkin<?> skin : ALL) {
            if (byKind.put(Objects.requireNonNull(skin.kind(), skin.getClass().getSimpleName()), skin) != null) {
                throw new IllegalStateException("two skins for " + skin.kind());
            }
        }
        BY_KIND = Collections.unmodifiableMap(byKind);
    }

    private KindSkins() {
    }

    /** The skin of {@code kind}. */
    public static KindSkin<?> of(NodeKind kind) {
        KindSkin<?> skin = BY_KIND.get(Objects.requireNonNull(kind, "kind"));
        if (skin == null) {
            throw new IllegalStateException("no skin for the node kind " + kind + "; add one to KindSkins");
        }
        return skin;
    }

    /** The skin of {@code node}'s kind. */
    public static KindSkin<?> of(Node node) {
        return of(node.kind());
    }

    /** The kinds that have a skin. */
    public static java.util.Set<NodeKind> kinds() {
        return BY_KIND.keySet();
    }

    /** The one or two short lines of key properties a node card shows under its name. */
    public static List<String> summary(Node node, Flow flow) {
        return of(node).summaryOf(node, flow);
    }
}
