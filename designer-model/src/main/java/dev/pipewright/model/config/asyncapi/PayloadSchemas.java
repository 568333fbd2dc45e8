// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.asyncapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Infers a JSON Schema (AsyncAPI's schema object) from a source's payload template (see
 * {@code Source#payloadTemplate}): literal values give their type; {@code ${seq}} an integer from
 * 1; {@code ${random(a,b)}} an integer (both bounds whole) or a number from a to b;
 * {@code ${oneOf(x,y)}} the JSON values it chooses from as an enum. A placeholder inside a string
 * makes the value a string (with the choices or digits when it is the whole string). Objects list
 * their keys as required, since every message has them; arrays give the schema of their items.
 */
final class PayloadSchemas {
    /** The placeholder syntax the engine fills in (runtime-engine's PayloadTemplate). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{\\s*+(seq|random|oneOf)\\s*+(?:\\(([^)]*+)\\))?\\s*+}");
    /** Deeper parts of a payload are left open ({@code {}}), so a hostile template cannot make a huge or deep schema. */
    static final int MAX_DEPTH = 32;
    /** Different item schemas of one array written as {@code anyOf}; more leave the items open. */
    static final int MAX_ITEM_SCHEMAS = 16;
    /** Choices of a {@code oneOf} listed as an enum; more leave the value open. */
    static final int MAX_ENUM = 100;
    // Private-use characters mark where a placeholder was; a template's own text is told apart by the index.
    private static final char BARE = '\uE000';
    private static final char INSIDE = '\uE001';
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * What a template says about its payloads.
     *
     * @param schema the payload schema
     * @param example the payload of the first message (placeholders at their first value), or null when that is not JSON
     * @param problem why part of the schema is left open, or null
     */
    record Inferred(ObjectNode schema, JsonNode example, String problem) {
    }

    private record Hole(String function, List<String> args, boolean inString, boolean wholeString) {
    }

    private final List<Hole> holes = new ArrayList<>();
    private String problem;

    private PayloadSchemas() {
    }

    /** The schema of the payloads {@code template} makes. */
    static Inferred infer(String template) {
        return new PayloadSchemas().run(template);
    }

    private Inferred run(String template) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            String args = m.group(2) == null ? "" : m.group(2);
            List<String> parts = new ArrayList<>();
            if (!args.isBlank()) {
                for (String p : args.split(",", -1)) {
                    parts.add(p.strip());
                }
            }
            holes.add(new Hole(m.group(1), parts, false, false));
        }
        markStrings(template, spans);
        JsonNode example = parse(fill(template, spans, true));
        JsonNode marked = parse(fill(template, spans, false));
        ObjectNode schema;
        if (marked != null) {
            schema = schemaOf(marked, 0);
        } else if (example != null) {
            // Placeholders next to other characters (-${seq}) are no values of their own: type the first message.
            schema = schemaOf(example, 0);
        } else {
            schema = NODES.objectNode();
            schema.put("description", "The payload template is not JSON once filled in; its payloads are left undescribed.");
            problem = "its payload template is not JSON once filled in, so the payload schema is left open";
        }
        if (problem == null && holes.stream().anyMatch(h -> h.function.equals("oneOf") && !h.inString
                && !allJson(h.args))) {
            problem = "a ${oneOf(...)} choice outside quotes is not JSON, so that value is left open";
        }
        return new Inferred(schema, example, problem);
    }

    /** Records for each placeholder whether it sits inside a JSON string, and whether it is that whole string. */
    private void markStrings(String template, List<int[]> spans) {
        boolean inString = false;
        int next = 0;
        for (int i = 0; i < template.length(); i++) {
            if (next < spans.size() && i == spans.get(next)[0]) {
                int end = spans.get(next)[1];
                boolean whole = inString && i > 0 && template.charAt(i - 1) == '"' && !escaped(template, i - 1)
                        && end < template.length() && template.charAt(end) == '"';
                Hole h = holes.get(next);
                holes.set(next, new Hole(h.function, h.args, inString, whole));
                next++;
                i = end - 1;
                continue;
            }
            char c = template.charAt(i);
            if (c == '"' && !(inString && escaped(template, i))) {
                inString = !inString;
            }
        }
    }

    /** True when the quote at {@code at} is preceded by an odd number of backslashes. */
    private static boolean escaped(String s, int at) {
        int n = 0;
        for (int i = at - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** The template with each placeholder at its first value ({@code firstValues}) or as a marker. */
    private String fill(String template, List<int[]> spans, boolean firstValues) {
        StringBuilder sb = new StringBuilder(template.length() + 16);
        int last = 0;
        for (int i = 0; i < spans.size(); i++) {
            sb.append(template, last, spans.get(i)[0]);
            Hole h = holes.get(i);
            if (firstValues) {
                sb.append(firstValue(h));
            } else if (h.inString) {
                sb.append(INSIDE).append(i).append(INSIDE);
            } else {
                sb.append('"').append(BARE).append(i).append(BARE).append('"');
            }
            last = spans.get(i)[1];
        }
        return sb.append(template.substring(last)).toString();
    }

    private static String firstValue(Hole h) {
        return switch (h.function) {
            case "seq" -> "1";
            case "random" -> h.args.isEmpty() ? "0" : isWhole(h.args.getFirst()) ? h.args.getFirst()
                    : number(h.args.getFirst()) == null ? "0" : String.valueOf(number(h.args.getFirst()));
            default -> h.args.isEmpty() ? "" : h.args.getFirst();
        };
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            // Not JSON, or beyond Jackson's own limits (nesting, number length): the caller leaves it open.
            return null;
        }
    }

    private ObjectNode schemaOf(JsonNode value, int depth) {
        ObjectNode s = NODES.objectNode();
        if (depth >= MAX_DEPTH) {
            problem = "its payload template nests deeper than " + MAX_DEPTH + " levels; the deeper parts are left open";
            return s;
        }
        if (value.isTextual()) {
            return stringSchema(value.textValue());
        }
        if (value.isIntegralNumber()) {
            return s.put("type", "integer");
        }
        if (value.isNumber()) {
            return s.put("type", "number");
        }
        if (value.isBoolean()) {
            return s.put("type", "boolean");
        }
        if (value.isNull()) {
            return s.put("type", "null");
        }
        if (value.isArray()) {
            s.put("type", "array");
            Set<JsonNode> items = new LinkedHashSet<>();
            for (JsonNode item : value) {
                items.add(schemaOf(item, depth + 1));
                if (items.size() > MAX_ITEM_SCHEMAS) {
                    break;
                }
            }
            if (items.size() == 1) {
                s.set("items", items.iterator().next());
            } else if (items.size() > 1 && items.size() <= MAX_ITEM_SCHEMAS) {
                s.putObject("items").putArray("anyOf").addAll(items);
            }
            return s;
        }
        s.put("type", "object");
        ObjectNode properties = NODES.objectNode();
        ArrayNode required = NODES.arrayNode();
        Set<JsonNode> open = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            ObjectNode child = schemaOf(e.getValue(), depth + 1);
            if (e.getKey().indexOf(BARE) >= 0 || e.getKey().indexOf(INSIDE) >= 0) {
                open.add(child); // a key made by a placeholder: any key, this kind of value
            } else {
                properties.set(e.getKey(), child);
                required.add(e.getKey());
            }
        }
        if (!properties.isEmpty()) {
            s.set("properties", properties);
            s.set("required", required);
        }
        if (open.size() == 1) {
            s.set("additionalProperties", open.iterator().next());
        }
        return s;
    }

    /** A string's schema: a placeholder marker gives the placeholder's, other text is a plain string. */
    private ObjectNode stringSchema(String text) {
        ObjectNode s = NODES.objectNode();
        Integer bare = markerIndex(text, BARE);
        if (bare != null) {
            return bareSchema(holes.get(bare));
        }
        s.put("type", "string");
        Integer inside = markerIndex(text, INSIDE);
        if (inside != null && holes.get(inside).wholeString) {
            Hole h = holes.get(inside);
            switch (h.function) {
                case "seq" -> s.put("pattern", "^[0-9]+$");
                case "oneOf" -> {
                    if (h.args.size() <= MAX_ENUM) {
                        ArrayNode e = s.putArray("enum");
                        h.args.stream().distinct().forEach(e::add);
                    }
                }
                default -> { }
            }
        }
        return s;
    }

    /** The index of the placeholder when {@code text} is exactly its marker, else null. */
    private Integer markerIndex(String text, char mark) {
        if (text.length() < 3 || text.charAt(0) != mark || text.charAt(text.length() - 1) != mark) {
            return null;
        }
        try {
            int i = Integer.parseInt(text.substring(1, text.length() - 1));
            return i >= 0 && i < holes.size() ? i : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ObjectNode bareSchema(Hole h) {
        ObjectNode s = NODES.objectNode();
        switch (h.function) {
            case "seq" -> s.put("type", "integer").put("minimum", 1);
            case "random" -> {
                Double a = h.args.size() == 2 ? number(h.args.get(0)) : null;
                Double b = h.args.size() == 2 ? number(h.args.get(1)) : null;
                boolean whole = a != null && b != null && isWhole(h.args.get(0)) && isWhole(h.args.get(1));
                s.put("type", whole ? "integer" : "number");
                if (whole) {
                    // As Jackson reads JSON: an int where one fits, a long beyond.
                    s.set("minimum", whole(a.longValue()));
                    s.set("maximum", whole(b.longValue()));
                } else if (a != null && b != null) {
                    s.put("minimum", a).put("maximum", b);
                }
            }
            default -> {
                List<JsonNode> choices = new ArrayList<>();
                for (String c : h.args) {
                    JsonNode v = parse(c);
                    if (v == null) {
                        return s; // not JSON: the engine refuses such a template, the schema says nothing
                    }
                    if (!choices.contains(v)) {
                        choices.add(v);
                    }
                }
                Set<String> types = new LinkedHashSet<>();
                choices.forEach(v -> types.add(typeName(v)));
                if (types.size() == 1) {
                    s.put("type", types.iterator().next());
                }
                if (choices.size() <= MAX_ENUM && choices.stream().allMatch(JsonNode::isValueNode)) {
                    s.putArray("enum").addAll(choices);
                }
            }
        }
        return s;
    }

    private static JsonNode whole(long v) {
        return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
    }

    private static String typeName(JsonNode v) {
        if (v.isTextual()) {
            return "string";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isNull()) {
            return "null";
        }
        return v.isArray() ? "array" : "object";
    }

    private static boolean allJson(List<String> choices) {
        return choices.stream().allMatch(c -> parse(c) != null);
    }

    private static boolean isWhole(String s) {
        return s.matches("-?\\d{1,16}");
    }

    private static Double number(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
