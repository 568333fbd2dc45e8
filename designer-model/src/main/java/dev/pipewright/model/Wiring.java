// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;


import java.util.Optional;
import java.util.Set;

/**
 * Which output port of which kind may be wired to which kind, and why not when it may not. The
 * canvas uses it to highlight valid targets and the validator to report bad edges.
 */
public final class Wiring {
    private Wiring() {
    }

    /** The kinds an output port of a node of {@code kind} may be wired to, as its {@link NodeKind} says. */
    public static Set<NodeKind> targets(NodeKind kind, Port port) {
        return kind.targets(port);
    }

    /**
     * Says why a wire from {@code from}'s {@code port} to {@code to} cannot be made, or empty when
     * it can.
     */
    public static Optional<String> refusal(Node from, Port port, Node to) {
        if (from.id().equals(to.id())) {
            return Optional.of("a node cannot be wired to itself");
        }
        if (!from.kind().outputs().contains(port)) {
            return Optional.of(from.kind().displayName() + " '" + from.name() + "' has no '" + port.word() + "' output");
        }
        if (to.kind().inputs().isEmpty()) {
            return Optional.of(to.kind().displayName() + " '" + to.name() + "' has no input: sources only send");
        }
        Set<NodeKind> allowed = targets(from.kind(), port);
        if (!allowed.contains(to.kind())) {
            StringBuilder names = new StringBuilder();
            for (NodeKind k : allowed) {
                names.append(names.isEmpty() ? "" : ", ").append(k.displayName().toLowerCase());
            }
            String fromName = from.kind().displayName().toLowerCase();
            String toName = to.kind().displayName().toLowerCase();
            return Optional.of("the '" + port.word() + "' output of " + article(fromName) + " " + fromName
                    + " can go to " + article(names.toString()) + " " + names + ", not to " + article(toName) + " "
                    + toName);
        }
        return Optional.empty();
    }

    /** "an" before a vowel ("an endpoint", "an aggregator"), "a" otherwise. */
    private static String article(String word) {
        return !word.isEmpty() && "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
