// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.lesson;

import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a lesson step's button does to the running flow, written on one line as words separated
 * by spaces: {@code crash payment-processor}, {@code rate orders 60}, {@code flood orders 3 10}.
 * The kinds are a closed set, each acting on one node of one kind.
 *
 * @param kind what is done
 * @param nodeId the node it is done to
 * @param numbers the kind's numbers in order (a rate; a factor and seconds), none for most kinds
 */
public record LessonAction(Kind kind, String nodeId, List<Double> numbers) {
    /** The longest action line read. */
    public static final int MAX_LENGTH = 200;

    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}(\\.\\d{1,6})?");

    /** The actions a lesson can name. */
    public enum Kind {
        ADD_INSTANCE("add-instance", NodeKind.CONSUMER, "one more instance"),
        REMOVE_INSTANCE("remove-instance", NodeKind.CONSUMER, "one fewer instance (not below 1)"),
        CRASH("crash", NodeKind.CONSUMER, "crash the lowest-numbered running instance"),
        RESTORE("restore", NodeKind.CONSUMER, "restore the crashed instances"),
        PAUSE("pause", NodeKind.CONSUMER, "stop taking messages"),
        RESUME("resume", NodeKind.CONSUMER, "take messages again"),
        RATE("rate", NodeKind.SOURCE, "set the rate per second", "PER_SECOND"),
        FLOOD("flood", NodeKind.SOURCE, "multiply the rate for a while", "FACTOR", "SECONDS"),
        ENDPOINT_DOWN("endpoint-down", NodeKind.ENDPOINT, "take the endpoint down"),
        ENDPOINT_UP("endpoint-up", NodeKind.ENDPOINT, "bring the endpoint up"),
        PUBLISH("publish", NodeKind.SOURCE, "publish exactly one message now");

        private final String word;
        private final NodeKind nodeKind;
        private final String meaning;
        private final List<String> numberNames;

        Kind(String word, NodeKind nodeKind, String meaning, String... numberNames) {
            this.word = word;
            this.nodeKind = nodeKind;
            this.meaning = meaning;
            this.numberNames = List.of(numberNames);
        }

        /** The word that starts the action line. */
        public String word() {
            return word;
        }

        /** The kind of node the action acts on. */
        public NodeKind nodeKind() {
            return nodeKind;
        }

        /** What it does, in words. */
        public String meaning() {
            return meaning;
        }

        /** The numbers it takes, by name. */
        public List<String> numberNames() {
            return numberNames;
        }

        /** How the action is written: {@code rate NODE PER_SECOND}. */
        public String form() {
            return (word + " NODE " + String.join(" ", numberNames)).trim();
        }

        static Optional<Kind> fromWord(String word) {
            return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst();
        }

        static String allWords() {
            return Arrays.stream(values()).map(Kind::word).collect(Collectors.joining(", "));
        }
    }

    public LessonAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(nodeId, "nodeId");
        numbers = List.copyOf(numbers);
    }

    /**
     * Reads an action line.
     *
     * @throws IllegalArgumentException saying what is wrong and how the action is written
     */
    public static LessonAction parse(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("the action is empty; write one of " + Kind.allWords() + " and a node id");
        }
        if (line.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the action is longer than " + MAX_LENGTH + " characters");
        }
        String[] words = line.trim().split(" +");
        Kind kind = Kind.fromWord(words[0]).orElseThrow(() -> new IllegalArgumentException(
                "unknown action '" + words[0] + "'; use one of " + Kind.allWords()));
        int wanted = 2 + kind.numberNames().size();
        if (words.length != wanted) {
            throw new IllegalArgumentException("'" + line.trim() + "' has " + (words.length < wanted ? "too few" : "too many")
                    + " words; write " + kind.form());
        }
        List<Double> numbers = new ArrayList<>();
        for (int i = 2; i < words.length; i++) {
            String name = kind.numberNames().get(i - 2);
            if (!NUMBER.matcher(words[i]).matches()) {
                throw new IllegalArgumentException("'" + line.trim() + "': " + name + " must be a plain number such as 60 or 2.5, not '"
                        + words[i] + "'; write " + kind.form());
            }
            double value = Double.parseDouble(words[i]);
            if (value <= 0 && !name.equals("PER_SECOND")) {
                throw new IllegalArgumentException("'" + line.trim() + "': " + name + " must be above zero");
            }
            numbers.add(value);
        }
        return new LessonAction(kind, words[1], numbers);
    }

    /** Why this action does not fit {@code flow} (no such node, or a node of another kind), or empty. */
    public Optional<String> problemIn(Flow flow) {
        Optional<Node> node = flow.node(nodeId);
        if (node.isEmpty()) {
            return Optional.of("action '" + text() + "': the flow has no node with the id '" + nodeId + "'");
        }
        if (node.get().kind() != kind.nodeKind()) {
            return Optional.of("action '" + text() + "': '" + nodeId + "' is a " + node.get().kind().displayName().toLowerCase(Locale.ROOT)
                    + ", and " + kind.word() + " acts on a " + kind.nodeKind().displayName().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    /** The action as a lesson writes it: {@code rate orders 60}. */
    public String text() {
        StringBuilder sb = new StringBuilder(kind.word()).append(' ').append(nodeId);
        for (double n : numbers) {
            sb.append(' ').append(n == Math.rint(n) ? Long.toString((long) n) : Double.toString(n));
        }
        return sb.toString();
    }
}
