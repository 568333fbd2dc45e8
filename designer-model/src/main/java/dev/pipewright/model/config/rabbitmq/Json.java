// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.TerminalText;
import dev.pipewright.model.io.LocatedDocument;
import java.math.BigInteger;

/**
 * Typed reads of the definitions' JSON tree: each refusal is a {@link Refused} at the pointer of
 * the value, saying what was expected and what was there ("'durable' of queue 'q' must be true or
 * false, not text").
 */
final class Json {
    private Json() {
    }

    /** What a value is, in words: "text", "a number", "an array". */
    static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        if (v.isTextual()) {
            return "text";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "true" : "false";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "null";
    }

    static String at(String pointer, String key) {
        return LocatedDocument.child(pointer, key);
    }

    /** The array under {@code key} of the top-level object; empty when it is missing or null. */
    static ArrayNode array(ObjectNode root, String key) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!v.isArray()) {
            throw new Refused(at("", key), "'" + key + "' must be a list in square brackets, not " + kind(v)
                    + "; is this a RabbitMQ definitions file?");
        }
        return (ArrayNode) v;
    }

    /** Element {@code index} of a section, which must be an object. */
    static ObjectNode entry(ArrayNode section, String key, int index) {
        JsonNode v = section.get(index);
        if (!v.isObject()) {
            throw new Refused("/" + key + "/" + index, "each entry of '" + key + "' must be an object in braces, not "
                    + kind(v));
        }
        return (ObjectNode) v;
    }

    /** A text property; {@code fallback} when it is missing or null. */
    static String text(ObjectNode o, String pointer, String key, String of, String fallback) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new Refused(at(pointer, key), "'" + key + "' of " + of + " must be text in double quotes, not "
                    + kind(v));
        }
        return v.textValue();
    }

    /** A text property that must be there. */
    static String requiredText(ObjectNode o, String pointer, String key, String of) {
        String s = text(o, pointer, key, of, null);
        if (s == null) {
            throw new Refused(pointer, of + " has no '" + key + "'; every one needs it");
        }
        return s;
    }

    static boolean bool(ObjectNode o, String pointer, String key, String of, boolean fallback) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new Refused(at(pointer, key), "'" + key + "' of " + of + " must be true or false, not " + kind(v));
        }
        return v.booleanValue();
    }

    /** An object property; empty when missing or null. */
    static ObjectNode object(ObjectNode o, String pointer, String key, String of) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!v.isObject()) {
            throw new Refused(at(pointer, key), "'" + key + "' of " + of + " must be an object in braces, not "
                    + kind(v));
        }
        return (ObjectNode) v;
    }

    /**
     * A whole number of zero or more, as RabbitMQ's numeric arguments are; values beyond a long
     * read as {@link Long#MAX_VALUE}, so that the caller's own limit refuses them.
     */
    static long whole(JsonNode v, String pointer, String what) {
        if (v == null || !v.isIntegralNumber()) {
            throw new Refused(pointer, what + " must be a whole number, not " + kind(v)
                    + (v != null && v.isTextual() ? " (RabbitMQ refuses text here too)" : ""));
        }
        if (v.bigIntegerValue().signum() < 0) {
            throw new Refused(pointer, what + " must be zero or more (was " + v.bigIntegerValue() + ")");
        }
        return v.bigIntegerValue().compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : v.longValue();
    }

    /** A short, printable form of a value for messages. */
    static String shown(JsonNode v) {
        String s = v.isTextual() ? "'" + v.textValue() + "'" : v.toString();
        return TerminalText.escape(s.length() > 60 ? s.substring(0, 57) + "..." : s);
    }

    /** Text quoted for a message, shortened. */
    static String quoted(String text) {
        return "'" + TerminalText.escape(text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
    }

    /** A name as messages quote it: at most 80 characters, control characters escaped by the finding. */
    static String named(String name) {
        return name.length() > 80 ? name.substring(0, 77) + "..." : name;
    }
}
