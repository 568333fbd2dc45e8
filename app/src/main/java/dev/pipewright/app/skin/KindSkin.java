// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import java.util.List;
import java.util.Map;

/**
 * How the app shows one node kind: its icon and palette group, the summary lines on its card, the
 * property groups of its own properties, and what its live statistics and badge show. The model's
 * {@link NodeKind} says what the kind is (name, colour, ports); the skin says only what is the
 * app's to say. One class per kind, listed in {@link KindSkins}.
 *
 * @param <N> the record of the kind
 */
public interface KindSkin<N extends Node> {

    /** The record this skin draws. */
    Class<N> type();

    /** The kind this skin draws. */
    default NodeKind kind() {
        return NodeKind.ofRecord(type());
    }

    /** The faults a node of this kind offers during a run; none unless a skin says. */
    default List<FaultOffer> faults() {
        return List.of();
    }

    /** The Ikonli literal (Material Design Icons 2) for the kind. */
    String iconLiteral();

    /** The palette group the kind is listed under. */
    PaletteGroup paletteGroup();

    /** The one or two short lines of key properties the node's card shows under its name. */
    List<String> summary(N node, Flow flow);

    /**
     * The group, label and help of the properties only this kind has, by record component name.
     * Properties several kinds share are described in the properties sheet's catalogue.
     */
    default Map<String, PropertyHelp> properties() {
        return Map.of();
    }

    // What the live view shows. The defaults fit a kind that takes messages in and passes them on.

    /** True when the kind only sends (it has no input): its live rate is the rate it sends at. */
    default boolean onlySends() {
        return kind().inputs().isEmpty();
    }

    /** True when the kind holds messages: depth rows, a fill bar and a depth badge. */
    default boolean holdsMessages() {
        return kind().isQueueLike();
    }

    /** True when a growing backlog should warn (a ring round the card). */
    default boolean warnsOnGrowth() {
        return holdsMessages();
    }

    /** True when the kind works with several instances or slots whose state is worth showing. */
    default boolean showsInstances() {
        return false;
    }

    /** True when the card shows one pip per instance. */
    default boolean showsPips() {
        return false;
    }

    /** The word for the kind's state when it is not up ("down"), or null when it is always up. */
    default String downState() {
        return null;
    }

    /** True when the rate badge says so while the node is down. */
    default boolean badgeSaysDown() {
        return false;
    }

    /** The label of the row with the time spent in the node, or null for no such row. */
    default String timeRowLabel() {
        return holdsMessages() ? "Queue wait p50/95/99" : "Time p50/95/99";
    }

    /** The summary lines of {@code node}, which must be of this skin's kind. */
    default List<String> summaryOf(Node node, Flow flow) {
        return summary(type().cast(node), flow);
    }
}
