// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON tree together with where each value starts in the text, so that an error found after
 * parsing (an unknown property, a refused value) can still name its line and column. Values are
 * addressed by JSON pointer ({@code /nodes/2/deliveryLimit}).
 */
final class LocatedJson {
    /** A 1-based line and column in the text. */
    record Place(int line, int column) {
        static final Place NOWHERE = new Place(-1, -1);
    }

    /** Deep enough for any flow, shallow enough that nothing recurses dangerously. */
    static final int MAX_DEPTH = 64;
    static final int MAX_STRING_LENGTH = 1_000_000;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNameLength(10_000)
                    .maxNumberLength(100)
                    .maxDocumentLength(FlowFiles.MAX_BYTES)
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final JsonNode root;
    private final Map<String, Place> places;

    private LocatedJson(JsonNode root, Map<String, Place> places) {
        this.root = root;
        this.places = places;
    }

    /**
     * Parses one JSON value that must fill the whole text.
     *
     * @throws IOException (Jackson's processing exceptions) when the text is not JSON
     * @throws ReadProblem for JSON that is well formed but repeats a property name or has content after its end
     */
    static LocatedJson parse(String text) throws IOException {
        return parse(text, "a flow file");
    }

    /**
     * Parses one JSON value that must fill the whole text, a document of another kind.
     *
     * @param what what the text should be, for messages ("a flow file")
     */
    static LocatedJson parse(String text, String what) throws IOException {
        Map<String, Place> places = new HashMap<>();
        LocatedJson partial = new LocatedJson(null, places);
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new ReadProblem("", "the file is empty: " + what + " is a JSON object");
            }
            JsonNode root = read(p, "", places);
            if (p.nextToken() != null) {
                places.put("/~end", place(p.currentTokenLocation()));
                throw new ReadProblem("/~end", "there is more text after the end of the JSON object; "
                        + what + " holds exactly one object");
            }
            return new LocatedJson(root, places);
        } catch (ReadProblem e) {
            throw e.at(partial.placeOf(e.pointer()));
        }
    }

    private static JsonNode read(JsonParser p, String pointer, Map<String, Place> places) throws IOException {
        places.put(pointer, place(p.currentTokenLocation()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = pointer + "/" + escape(name);
                    if (o.has(name)) {
                        places.put(child, place(p.currentTokenLocation()));
                        throw new ReadProblem(child, "property '" + RecordCodec.named(name) + "' appears twice in one object");
                    }
                    p.nextToken();
                    o.set(name, read(p, child, places));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, pointer + "/" + i, places));
                    i++;
                }
                yield a;
            }
            case VALUE_STRING -> f.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> f.numberNode(p.getIntValue());
                case LONG -> f.numberNode(p.getLongValue());
                default -> f.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    String text = p.getText();
                    throw new ReadProblem(pointer, "the number " + (text.length() > 30 ? text.substring(0, 27) + "..." : text)
                            + " is too large for any property of a flow");
                }
                yield f.numberNode(d);
            }
            case VALUE_TRUE -> f.booleanNode(true);
            case VALUE_FALSE -> f.booleanNode(false);
            case VALUE_NULL -> f.nullNode();
            default -> throw new ReadProblem(pointer, "unexpected JSON content");
        };
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    static Place place(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Place.NOWHERE;
        }
        return new Place(location.getLineNr(), location.getColumnNr());
    }

    JsonNode root() {
        return root;
    }

    /** Where the value at {@code pointer} starts, or where its nearest enclosing value starts. */
    Place placeOf(String pointer) {
        String p = pointer == null ? "" : pointer;
        while (true) {
            Place place = places.get(p);
            if (place != null) {
                return place;
            }
            if (p.isEmpty()) {
                return Place.NOWHERE;
            }
            int slash = p.lastIndexOf('/');
            p = slash < 0 ? "" : p.substring(0, slash);
        }
    }
}
