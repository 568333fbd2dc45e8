// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.asyncapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pipewright.model.Flow;
import dev.pipewright.model.config.Exported;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.DumperOptions;

/**
 * An AsyncAPI 3.0 document (YAML) describing a flow's channels, operations and messages. Each
 * queue, dead-letter queue and topic is a channel whose address is its name, with AMQP 0-9-1 and
 * JMS bindings as the flow's broker profile has servers for (RabbitMQ: AMQP; Artemis: JMS;
 * generic: both); sources, consumers and processors are operations; each source's messages get a
 * payload schema inferred from its template. The document is self-contained: its only
 * {@code $ref}s point inside it. docs/configuration.md ("AsyncAPI 3.0") has the whole mapping.
 */
public final class AsyncApiDocument {
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .dumperOptions(dumperOptions()).disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

    /**
     * Block style, long lines kept whole (a folded double-quoted line is valid
     * but hard to read), and every character outside ASCII escaped: a name's bidirectional override
     * or zero-width space must not reach a terminal when the document is printed. Strings are
     * double-quoted (Jackson's default): plain scalars such as 0x1F or 1e3 read back as numbers
     * (measured with MINIMIZE_QUOTES against the AsyncAPI parser).
     */
    private static DumperOptions dumperOptions() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setExplicitStart(false);
        o.setSplitLines(false);
        o.setAllowUnicode(false);
        o.setIndent(2);
        return o;
    }

    private AsyncApiDocument() {
    }

    /**
     * The tree with every lone surrogate (a file's JSON may hold one in a name) replaced by U+FFFD:
     * a YAML file is Unicode text and cannot hold half a character.
     */
    static ObjectNode wellFormed(ObjectNode node) {
        ObjectNode copy = node.objectNode();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            copy.set(wellFormed(e.getKey()), wellFormed(e.getValue()));
        }
        return copy;
    }

    private static JsonNode wellFormed(JsonNode node) {
        if (node.isObject()) {
            return wellFormed((ObjectNode) node);
        }
        if (node.isArray()) {
            ArrayNode copy = node.deepCopy();
            for (int i = 0; i < copy.size(); i++) {
                copy.set(i, wellFormed(copy.get(i)));
            }
            return copy;
        }
        return node.isTextual() ? TextNode.valueOf(wellFormed(node.textValue())) : node;
    }

    static String wellFormed(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (sb != null) {
                    sb.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length()).append(text, 0, i);
                }
                sb.append('\uFFFD');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** The flow as a self-contained AsyncAPI 3.0 YAML document, with what it leaves out as warnings. */
    public static Exported write(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        DocumentWriter writer = new DocumentWriter(flow);
        ObjectNode doc = wellFormed(writer.build());
        try {
            return new Exported(YAML.writeValueAsString(doc), writer.warnings());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the AsyncAPI document could not be written as YAML", e);
        }
    }
}
