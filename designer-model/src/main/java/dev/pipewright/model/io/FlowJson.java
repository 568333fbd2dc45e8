// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads and writes flows as {@code *.flow.json} text (see docs/file-format.md).
 *
 * <p>Reading never throws anything but {@link FlowFileException}, whatever the text: malformed
 * JSON, a file of another kind or a newer version, unknown node types or properties, refused
 * values and edges to missing nodes each give one sentence naming the line, column and node.
 *
 * <p>Jackson is used for its parser, trees and printer only: no data binding, no default typing,
 * no annotations on the model. Node types are the names of {@link dev.pipewright.model.NodeKind}.
 */
public final class FlowJson {
    /** The {@code format} value every flow file starts with. */
    public static final String FORMAT = FlowTreeReader.FORMAT;

    private static final ObjectWriter WRITER = new ObjectMapper(LocatedJson.FACTORY).writer(prettyPrinter());

    private FlowJson() {
    }

    /**
     * Reads a flow from the text of a flow file.
     *
     * @param text the whole file
     * @param sourceName the file path for messages, or null for {@code <text>}
     * @throws FlowFileException when the text is not a flow this build can read
     */
    public static Flow read(String text, String sourceName) throws FlowFileException {
        String source = sourceName == null ? "<text>" : sourceName;
        LocatedJson[] parsed = new LocatedJson[1];
        try {
            if (text == null || text.isBlank()) {
                throw new FlowFileException(source, "the file is empty: a flow file is a JSON object", null);
            }
            String body = text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
            if (looksBinary(body)) {
                throw new FlowFileException(source, "this is not a Pipewright flow file: it holds binary data, not text",
                        null);
            }
            parsed[0] = LocatedJson.parse(body);
            return FlowTreeReader.toFlow(parsed[0].root());
        } catch (ReadProblem e) {
            LocatedJson.Place place = e.place() != null ? e.place()
                    : parsed[0] != null ? parsed[0].placeOf(e.pointer()) : LocatedJson.Place.NOWHERE;
            throw new FlowFileException(source, place.line(), place.column(), e.nodeId(), e.edgeId(), e.getMessage(), e);
        } catch (StreamConstraintsException e) {
            throw new FlowFileException(source, "the file is too large, too deeply nested or has too long a value"
                    + " to be a flow file", e);
        } catch (JsonProcessingException e) {
            LocatedJson.Place place = LocatedJson.place(e.getLocation());
            // Jackson reports some ends of input (after a comma between entries) as a plain parse error.
            boolean cutOff = e instanceof JsonEOFException
                    || (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Unexpected end-of-input"));
            throw new FlowFileException(source, place.line(), place.column(), null, null, cutOff
                    ? "the file ends in the middle of the JSON: it is incomplete (was it cut off?)"
                    : "this is not valid JSON: " + JsonProblems.plain(e.getOriginalMessage()), e);
        } catch (FlowFileException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // The contract is one documented error type, whatever the input: anything else is our bug.
            throw new FlowFileException(source, "this file could not be read because of an unexpected problem in"
                    + " Pipewright; please report it together with the file", e);
        }
    }

    /**
     * The flow as flow-file text: pretty-printed, properties in a stable order, ending with a
     * newline. Any text the flow holds reads back the same, a lone surrogate included.
     */
    public static String write(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        try {
            return escapeLoneSurrogates(WRITER.writeValueAsString(toTree(flow))) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /**
     * Writes each half of a surrogate pair that has no other half as a {@code \}{@code uXXXX}
     * escape. Jackson copies it raw, and UTF-8 has no form for it, so the saved file would hold a
     * '?' instead. Outside strings JSON is ASCII, so every such character is inside a string, where
     * the escape means the same character.
     */
    private static String escapeLoneSurrogates(String json) {
        StringBuilder sb = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < json.length()
                    && Character.isLowSurrogate(json.charAt(i + 1)));
            if (Character.isHighSurrogate(c) && !lone) {
                if (sb != null) {
                    sb.append(c).append(json.charAt(i + 1));
                }
                i++;
            } else if (lone) {
                if (sb == null) {
                    sb = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? json : sb.toString();
    }

    /** The flow as a JSON tree, exactly as {@link #write} prints it. */
    static ObjectNode toTree(Flow flow) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        root.put("version", Flow.FORMAT_VERSION);
        root.put("name", flow.info().name());
        root.put("description", flow.info().description());
        if (flow.info().broker() != Broker.GENERIC) {
            // Written only when chosen, so a flow without a profile reads as before everywhere.
            root.put("broker", flow.info().broker().word());
        }
        ArrayNode nodes = root.putArray("nodes");
        for (Node n : flow.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("type", n.kind().typeName());
            o.setAll(RecordCodec.encode((Record) n));
        }
        ArrayNode edges = root.putArray("edges");
        for (Edge e : flow.edges()) {
            edges.add(RecordCodec.encode(e));
        }
        return root;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

    /** True when the text has characters no text file has (NUL and other C0 controls but tab and newlines). */
    private static boolean looksBinary(String text) {
        int limit = Math.min(text.length(), 4096);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return true;
            }
        }
        return false;
    }
}
