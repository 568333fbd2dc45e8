// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.lesson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.pipewright.model.Durations;
import dev.pipewright.model.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads lesson files ({@code NAME.md}): YAML front matter between {@code ---} lines, then the
 * Markdown body. The file is a stranger's input, so everything is capped (the file's size, the
 * number of steps and goals, the length of every text, the nesting of the YAML) and refused with
 * a message naming the file, the line and what to write instead: unknown keys, YAML aliases and
 * anchors (so no alias bomb expands), control characters, duplicate keys.
 */
public final class LessonFiles {
    /** The largest lesson file read, in bytes (and characters). */
    public static final int MAX_BYTES = 256 * 1024;
    /** The most steps a lesson may have. */
    public static final int MAX_STEPS = 10;
    /** The most goals a challenge may have. */
    public static final int MAX_GOALS = 20;
    /** The longest title. */
    public static final int MAX_TITLE = 100;
    /** The longest step or challenge text. */
    public static final int MAX_TEXT = 1000;
    /** The longest goal. */
    public static final int MAX_GOAL = 200;
    /** The longest virtual time a challenge may run its flow for. */
    public static final Duration MAX_RUN = Duration.ofHours(1);
    /** The highest order. */
    public static final int MAX_ORDER = 1_000_000;

    /** Front matter is shallow: the challenge's goals are the deepest value, at depth 3. */
    private static final int MAX_DEPTH = 6;
    private static final Set<String> TOP_KEYS = Set.of("title", "topic", "flow", "order", "try", "challenge");
    private static final Set<String> STEP_KEYS = Set.of("text", "action");
    private static final Set<String> CHALLENGE_KEYS = Set.of("text", "run", "seed", "goals");
    private static final String FORM = "a lesson starts with front matter between two '---' lines"
            + " (title, topic, flow, order, try), then its text";

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_BYTES)
                    .maxNumberLength(30)
                    .maxDocumentLength(MAX_BYTES)
                    .build())
            .build();

    private LessonFiles() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /**
     * Reads a lesson file, refusing one larger than {@link #MAX_BYTES} before reading it whole.
     *
     * @throws LessonFileException when it cannot be read or is not a lesson
     */
    public static Lesson read(Path file) throws LessonFileException {
        String name = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new LessonFileException(name, -1, "there is no such file");
        } catch (IOException e) {
            throw new LessonFileException(name, -1, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(name);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return read(text, name);
        } catch (CharacterCodingException e) {
            throw new LessonFileException(name, -1, "is not UTF-8 text; save it as UTF-8");
        }
    }

    /**
     * Reads a lesson from its text.
     *
     * @param fileName the file's name, for messages
     * @throws LessonFileException naming the file and line of what is wrong
     */
    public static Lesson read(String text, String fileName) throws LessonFileException {
        if (text.length() > MAX_BYTES) {
            throw tooLarge(fileName);
        }
        refuseControlCharacters(text, fileName);
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !isFence(lines[0])) {
            throw new LessonFileException(fileName, 1, "no front matter: " + FORM);
        }
        int end = -1;
        for (int i = 1; i < lines.length; i++) {
            if (isFence(lines[i])) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new LessonFileException(fileName, 1, "the front matter has no closing '---' line; " + FORM);
        }
        String frontMatter = String.join("\n", java.util.Arrays.asList(lines).subList(1, end));
        Located yaml = parse(frontMatter, fileName);
        String body = String.join("\n", java.util.Arrays.asList(lines).subList(end + 1, lines.length)).strip();
        return new Reader(yaml, fileName).lesson(body, end + 1);
    }

    private static boolean isFence(String line) {
        return line.strip().equals("---");
    }

    private static LessonFileException tooLarge(String fileName) {
        return new LessonFileException(fileName, -1, "is larger than " + MAX_BYTES / 1024
                + " KB, more than any lesson needs; keep a lesson to a page or two");
    }

    /** Control characters (tabs and line ends aside), invisible format characters and lone surrogates. */
    private static void refuseControlCharacters(String text, String fileName) throws LessonFileException {
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (c != '\t' && c != '\r' && (TerminalText.isUnsafe(c) || Character.isSurrogate(c))) {
                StringBuilder shown = new StringBuilder();
                TerminalText.appendEscape(shown, c);
                throw new LessonFileException(fileName, line, "holds the invisible character " + shown
                        + "; delete it (a lesson is plain text)");
            }
        }
    }

    /** The front matter as a tree, with the 1-based line of the front matter each value starts on. */
    private record Located(JsonNode root, Map<String, Integer> lines) {
        int lineOf(String pointer) {
            String p = pointer;
            while (true) {
                Integer line = lines.get(p);
                if (line != null) {
                    return line;
                }
                if (p.isEmpty()) {
                    return 1;
                }
                p = p.substring(0, p.lastIndexOf('/'));
            }
        }
    }

    private static Located parse(String yaml, String fileName) throws LessonFileException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.createParser(yaml)) {
            if (p.nextToken() == null) {
                throw new LessonFileException(fileName, 2, "the front matter is empty; " + FORM);
            }
            JsonNode root = read((YAMLParser) p, "", lines, fileName, 0);
            return new Located(root, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? 1 : e.getLocation().getLineNr();
            if (e instanceof StreamConstraintsException) {
                throw new LessonFileException(fileName, line + 1, "the front matter nests values deeper than a lesson"
                        + " needs; " + FORM);
            }
            // SnakeYAML's message is a few lines: the problem, then where; the place is ours to say.
            String why = e.getOriginalMessage() == null ? "" : String.join("; ", e.getOriginalMessage().lines()
                    .filter(l -> !l.isBlank() && !l.startsWith(" ")).limit(2).toList());
            if (why.length() > 160) {
                why = why.substring(0, 157) + "...";
            }
            throw new LessonFileException(fileName, line + 1, "the front matter is not valid YAML: " + why);
        } catch (IOException e) {
            throw new LessonFileException(fileName, -1, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static JsonNode read(YAMLParser p, String pointer, Map<String, Integer> lines, String fileName, int depth)
            throws IOException, LessonFileException {
        int line = p.currentTokenLocation().getLineNr();
        lines.put(pointer, line);
        if (p.isCurrentAlias() || p.getObjectId() != null) {
            throw new LessonFileException(fileName, line + 1, "YAML anchors and aliases (&name, *name) are not used in"
                    + " lessons; write each value out");
        }
        if (depth > MAX_DEPTH) {
            throw new LessonFileException(fileName, line + 1, "the front matter is nested too deeply; " + FORM);
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                    if (o.has(name)) {
                        throw new LessonFileException(fileName, p.currentTokenLocation().getLineNr() + 1,
                                "the key '" + name + "' appears twice; keep one");
                    }
                    p.nextToken();
                    o.set(name, read(p, child, lines, fileName, depth + 1));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, pointer + "/" + i, lines, fileName, depth + 1));
                    i++;
                }
                yield a;
            }
            case VALUE_STRING -> f.textNode(p.getText());
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG
                    ? f.numberNode(p.getLongValue()) : f.textNode(p.getText());
            case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> f.booleanNode(true);
            case VALUE_FALSE -> f.booleanNode(false);
            case VALUE_NULL -> f.nullNode();
            default -> throw new LessonFileException(fileName, line + 1, "unexpected content in the front matter; " + FORM);
        };
    }

    /** Turns the front-matter tree into a lesson, one checked value at a time. */
    private static final class Reader {
        private final Located yaml;
        private final String fileName;

        Reader(Located yaml, String fileName) {
            this.yaml = yaml;
            this.fileName = fileName;
        }

        private LessonFileException problem(String pointer, String problem) {
            return new LessonFileException(fileName, yaml.lineOf(pointer) + 1, problem);
        }

        Lesson lesson(String body, int bodyLine) throws LessonFileException {
            JsonNode root = yaml.root();
            if (!root.isObject()) {
                throw problem("", "the front matter must be keys and values (title: ..., topic: ...); " + FORM);
            }
            refuseUnknown(root, "", TOP_KEYS, "a lesson's front matter");
            String title = text(root, "/title", "title", MAX_TITLE, "title: Dead-letter queue");
            String topicText = text(root, "/topic", "topic", 40, "topic: Reliability");
            LessonTopic topic = LessonTopic.fromTitle(topicText).orElseThrow(() -> problem("/topic",
                    "topic: '" + topicText + "' is not a topic; use one of " + LessonTopic.allTitles()));
            String flow = text(root, "/flow", "flow", 200, "flow: dead-letter-queue.flow.json");
            if (!flow.endsWith(".flow.json") || flow.contains("/") || flow.contains("\\") || flow.startsWith(".")) {
                throw problem("/flow", "flow: '" + flow + "' must be the name of a .flow.json file beside the lesson,"
                        + " e.g. flow: dead-letter-queue.flow.json");
            }
            JsonNode orderNode = root.get("order");
            if (orderNode == null) {
                throw problem("", "order is missing; write e.g. 'order: 90' (the lesson's place in the list)");
            }
            if (!orderNode.isIntegralNumber() || orderNode.asLong() < 0 || orderNode.asLong() > MAX_ORDER) {
                throw problem("/order", "order must be a whole number from 0 to " + MAX_ORDER + ", e.g. 'order: 90'");
            }
            List<LessonStep> steps = steps(root.get("try"));
            Optional<Challenge> challenge = root.has("challenge") ? Optional.of(challenge(root.get("challenge")))
                    : Optional.empty();
            if (body.isEmpty()) {
                throw new LessonFileException(fileName, bodyLine, "the lesson has no text after its front matter;"
                        + " write what the pattern is for, then '## What to watch' and '## Trade-offs'");
            }
            return new Lesson(title, topic, flow, (int) orderNode.asLong(), body, steps, challenge);
        }

        private List<LessonStep> steps(JsonNode node) throws LessonFileException {
            if (node == null) {
                throw problem("", "try is missing; write two or three steps, each '- text: ...' with an optional"
                        + " 'action: ...'");
            }
            if (!node.isArray() || node.isEmpty()) {
                throw problem("/try", "try must be a list of steps, each '- text: ...' with an optional 'action: ...'");
            }
            if (node.size() > MAX_STEPS) {
                throw problem("/try", "try has " + node.size() + " steps; a lesson has at most " + MAX_STEPS);
            }
            List<LessonStep> steps = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String at = "/try/" + i;
                String what = "try: step " + (i + 1);
                JsonNode step = node.get(i);
                if (!step.isObject()) {
                    throw problem(at, what + " must be 'text: ...' with an optional 'action: ...'; write '- text: ...'");
                }
                refuseUnknown(step, at, STEP_KEYS, "a step");
                if (!step.has("text")) {
                    throw problem(at, what + " has no text; write '- text: ...'");
                }
                String text = text(step, at + "/text", what + " text", MAX_TEXT, "- text: ...");
                Optional<LessonAction> action = Optional.empty();
                if (step.has("action")) {
                    String line = text(step, at + "/action", what + " action", LessonAction.MAX_LENGTH, "action: crash NODE");
                    try {
                        action = Optional.of(LessonAction.parse(line));
                    } catch (IllegalArgumentException e) {
                        throw problem(at + "/action", what + ": " + e.getMessage());
                    }
                }
                steps.add(new LessonStep(text, action));
            }
            return steps;
        }

        private Challenge challenge(JsonNode node) throws LessonFileException {
            String at = "/challenge";
            if (!node.isObject()) {
                throw problem(at, "challenge must hold text, run, goals (and optionally seed)");
            }
            refuseUnknown(node, at, CHALLENGE_KEYS, "a challenge");
            String text = text(node, at + "/text", "challenge text", MAX_TEXT, "text: Make payments.dlq receive ...");
            String runText = node.has("run") && node.get("run").isNumber() ? null
                    : text(node, at + "/run", "challenge run", 40, "run: 60s");
            if (runText == null) {
                throw problem(at + "/run", "challenge run needs a unit; write e.g. 'run: 60s' or 'run: 5m'");
            }
            Duration run;
            try {
                run = Durations.parse(runText.strip());
            } catch (IllegalArgumentException e) {
                throw problem(at + "/run", "challenge run: " + e.getMessage());
            }
            if (run.isZero() || run.isNegative() || run.compareTo(MAX_RUN) > 0) {
                throw problem(at + "/run", "challenge run must be above zero and at most 1h of virtual time, e.g. 'run: 60s'");
            }
            long seed = Challenge.DEFAULT_SEED;
            if (node.has("seed")) {
                JsonNode s = node.get("seed");
                if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                    throw problem(at + "/seed", "challenge seed must be a whole number, e.g. 'seed: 42'");
                }
                seed = s.asLong();
            }
            JsonNode goals = node.get("goals");
            if (goals == null || !goals.isArray() || goals.isEmpty()) {
                throw problem(goals == null ? at : at + "/goals", "challenge goals must be a list of one or more"
                        + " checks, each '- NODE.METRIC OP VALUE', e.g. '- payments-dlq.count == 3'");
            }
            if (goals.size() > MAX_GOALS) {
                throw problem(at + "/goals", "challenge has " + goals.size() + " goals; at most " + MAX_GOALS);
            }
            List<String> list = new ArrayList<>();
            for (int i = 0; i < goals.size(); i++) {
                JsonNode g = goals.get(i);
                String where = at + "/goals/" + i;
                if (!g.isTextual() || g.asText().isBlank()) {
                    throw problem(where, "challenge goal " + (i + 1) + " must be a check written NODE.METRIC OP VALUE,"
                            + " e.g. '- payments-dlq.count == 3'");
                }
                if (g.asText().length() > MAX_GOAL) {
                    throw problem(where, "challenge goal " + (i + 1) + " is longer than " + MAX_GOAL + " characters");
                }
                list.add(g.asText().strip());
            }
            return new Challenge(text, run, seed, list);
        }

        private void refuseUnknown(JsonNode object, String at, Set<String> known, String what) throws LessonFileException {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw problem(at + "/" + name.replace("~", "~0").replace("/", "~1"), "unknown key '" + name + "'; "
                            + what + " has " + String.join(", ", known.stream().sorted().toList()));
                }
            }
        }

        private String text(JsonNode parent, String pointer, String what, int max, String example) throws LessonFileException {
            String key = pointer.substring(pointer.lastIndexOf('/') + 1);
            JsonNode node = parent.get(key);
            if (node == null) {
                throw problem(pointer.substring(0, pointer.lastIndexOf('/')), what + " is missing; write e.g. '" + example + "'");
            }
            if (!node.isValueNode() || node.isNull() || node.isBoolean()) {
                throw problem(pointer, what + " must be text, e.g. '" + example + "'"
                        + (node.isBoolean() ? " (YAML reads yes, no, on and off as true or false: put the text in quotes)" : ""));
            }
            String text = node.asText().strip();
            if (text.isEmpty()) {
                throw problem(pointer, what + " is empty; write e.g. '" + example + "'");
            }
            if (text.length() > max) {
                throw problem(pointer, what + " is longer than " + max + " characters; shorten it");
            }
            return text;
        }
    }
}
