// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Flow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Throws thousands of damaged and random documents at the reader: each either loads or gives the
 * one documented error, with a one-line message and no internals. The seeds are fixed so a run is
 * repeatable; each try derives its damage from the long jqwik generates.
 */
class FlowJsonFuzzTest {
    private static final String EVERY_KIND = FlowJson.write(EveryKindFlow.create());
    private static final String SMALL = """
            {"format": "pipewright-flow", "version": 1, "name": "p2p",
             "nodes": [{"type": "source", "id": "s", "rate": 5}, {"type": "queue", "id": "q", "deliveryLimit": 3},
                       {"type": "consumer", "id": "c", "processingTime": "uniform(1ms, 3ms)"}],
             "edges": [{"id": "e1", "from": "s", "to": "q"}, {"id": "e2", "from": "q", "fromPort": "out", "to": "c"}]}
            """;
    private static final List<String> SEEDS = List.of(EVERY_KIND, SMALL);
    private static final Pattern TOKEN = Pattern.compile("\"[^\"]*\"|-?\\d+(\\.\\d+)?|true|false|null|[{}\\[\\]:,]");
    private static final String[] WORDS = {"format", "version", "nodes", "edges", "type", "id", "from", "to",
        "queue", "source", "consumer", "topic", "processor", "rate", "deliveryLimit", "processingTime", "exp(5ms)",
        "10ms", "pipewright-flow", "position", "x", "fromPort", "dead-letter", "crashes", "routes", "headers"};

    @Property(tries = 1200, seed = "20240611")
    void mutatedDocumentsLoadOrFailCleanly(@ForAll long seed) {
        Random random = new Random(seed);
        String text = SEEDS.get(random.nextInt(SEEDS.size()));
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            text = mutate(text, random);
        }
        assertLoadsOrFailsCleanly(text);
    }

    @Property(tries = 800, seed = "20240612")
    void treesWithARandomValueReplacedLoadOrFailCleanly(@ForAll long seed) {
        Random random = new Random(seed);
        ObjectNode tree = FlowJson.toTree(EveryKindFlow.create());
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            replaceRandomValue(tree, random);
        }
        assertLoadsOrFailsCleanly(tree.toPrettyString());
    }

    @Property(tries = 500, seed = "20240613")
    void randomJsonTreesLoadOrFailCleanly(@ForAll long seed) {
        Random random = new Random(seed);
        JsonNode tree = randomJson(random, 0);
        if (random.nextBoolean() && tree instanceof ObjectNode o) {
            o.put("format", "pipewright-flow");
            o.put("version", random.nextInt(3));
        }
        assertLoadsOrFailsCleanly(tree.toString());
    }

    @Property(tries = 500, seed = "20240614")
    void randomBytesFailCleanly(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] bytes = new byte[random.nextInt(600)];
        random.nextBytes(bytes);
        assertLoadsOrFailsCleanly(new String(bytes, random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
    }

    private static void assertLoadsOrFailsCleanly(String text) {
        try {
            Flow flow = FlowJson.read(text, "fuzz.flow.json");
            assertThat(flow).isNotNull();
        } catch (FlowFileException e) {
            assertThat(e.getMessage())
                    .as("for %s (cause %s)", text.length() > 2000 ? text.substring(0, 2000) : text, stackOf(e.getCause()))
                    .startsWith("fuzz.flow.json")
                    .doesNotContain("\n", "com.fasterxml", "Exception", "jackson", "unexpected problem in Pipewright");
        } catch (Throwable t) {
            fail("reading threw " + t + " instead of FlowFileException for:\n" + text, t);
        }
    }

    private static String stackOf(Throwable t) {
        if (t == null) {
            return "none";
        }
        java.io.StringWriter w = new java.io.StringWriter();
        for (Throwable c = t; c != null; c = c.getCause()) {
            w.append(c.toString()).append(" at ").append(String.valueOf(List.of(c.getStackTrace()).subList(0,
                    Math.min(4, c.getStackTrace().length)))).append('\n');
        }
        return w.toString();
    }

    private static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return WORDS[random.nextInt(WORDS.length)];
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(8)) {
            case 0 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(20)));
            case 1 -> text.substring(0, at) + (char) random.nextInt(0x3000) + text.substring(at);
            case 2 -> text.substring(0, at) + (char) (text.charAt(at) ^ (1 << random.nextInt(7))) + text.substring(at + 1);
            case 3 -> text.substring(0, at);
            case 4 -> swapTokens(text, random);
            case 5 -> text.substring(0, at) + "\"" + WORDS[random.nextInt(WORDS.length)] + "\"" + text.substring(at);
            case 6 -> {
                int end = Math.min(text.length(), at + random.nextInt(200));
                yield text.substring(0, end) + text.substring(at);
            }
            default -> text.substring(0, at) + "{[\"".charAt(random.nextInt(3)) + text.substring(at);
        };
    }

    private static String swapTokens(String text, Random random) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.size() < 2) {
            return text;
        }
        int[] a = spans.get(random.nextInt(spans.size()));
        int[] b = spans.get(random.nextInt(spans.size()));
        if (a[0] > b[0]) {
            int[] t = a;
            a = b;
            b = t;
        }
        if (a[1] > b[0]) {
            return text;
        }
        return text.substring(0, a[0]) + text.substring(b[0], b[1]) + text.substring(a[1], b[0])
                + text.substring(a[0], a[1]) + text.substring(b[1]);
    }

    private static void replaceRandomValue(JsonNode root, Random random) {
        JsonNode container = root;
        for (int depth = 0; depth < 6; depth++) {
            List<JsonNode> children = new ArrayList<>();
            container.forEach(children::add);
            List<JsonNode> deeper = children.stream().filter(JsonNode::isContainerNode).toList();
            if (deeper.isEmpty() || random.nextInt(3) == 0) {
                break;
            }
            container = deeper.get(random.nextInt(deeper.size()));
        }
        JsonNode value = randomJson(random, 3);
        if (container instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || random.nextInt(5) == 0) {
                o.set(WORDS[random.nextInt(WORDS.length)], value);
            } else if (random.nextInt(6) == 0) {
                o.remove(names.get(random.nextInt(names.size())));
            } else {
                o.set(names.get(random.nextInt(names.size())), value);
            }
        } else if (container instanceof ArrayNode a) {
            if (a.isEmpty() || random.nextBoolean()) {
                a.add(value);
            } else {
                a.set(random.nextInt(a.size()), value);
            }
        }
    }

    private static JsonNode randomJson(Random random, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int pick = random.nextInt(depth > 4 ? 6 : 9);
        return switch (pick) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(random.nextBoolean());
            case 2 -> f.numberNode(random.nextInt(2001) - 1000);
            case 3 -> f.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) * (random.nextBoolean() ? 1 : -1));
            case 4 -> f.textNode(WORDS[random.nextInt(WORDS.length)]);
            case 5 -> f.numberNode(random.nextLong());
            case 6, 7 -> {
                ObjectNode o = f.objectNode();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    o.set(WORDS[random.nextInt(WORDS.length)], randomJson(random, depth + 1));
                }
                yield o;
            }
            default -> {
                ArrayNode a = f.arrayNode();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(randomJson(random, depth + 1));
                }
                yield a;
            }
        };
    }
}
