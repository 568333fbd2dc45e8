// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Processor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the processor variants decide about one message, given its payload (a JSON tree, or null
 * for an opaque body): whether a filter passes it, which route a content router takes, how a
 * splitter cuts it, which key an idempotent receiver remembers, which group an aggregator puts it
 * in ({@link Aggregation} keeps the groups), which number a resequencer orders it by
 * ({@link Resequencing} keeps the order), what a claim check leaves on a message. The simulator's processor
 * steps and the live runs' processor stage both ask here, so a flow decides the same on each.
 */
public final class ProcessorRules {
    /** The route a content router takes when no condition holds. */
    public static final String DEFAULT_ROUTE = "default";

    private ProcessorRules() {
    }

    /** The compiled expression of {@code model}, or null when it has none. */
    public static Expression expressionOf(Processor model) {
        return model.expression() == null || model.expression().isBlank() ? null : new Expression(model.expression());
    }

    /** A content router's routes of {@code model}, compiled, in the order they are tried. */
    public static Map<String, Expression> routesOf(Processor model) {
        Map<String, Expression> routes = new LinkedHashMap<>();
        model.routes().forEach((name, cond) -> routes.put(name, new Expression(cond)));
        return Collections.unmodifiableMap(routes);
    }

    /** Whether a filter passes a message: without a condition or a payload it passes everything. */
    public static boolean passes(Expression condition, JsonNode payload) {
        return condition == null || payload == null || condition.test(payload);
    }

    /**
     * The route a content router takes: the first whose condition holds on the payload; without a
     * payload, the route named like the routing key ({@code routingKey} may be null); otherwise
     * {@link #DEFAULT_ROUTE}.
     */
    public static String route(Map<String, Expression> routes, JsonNode payload, String routingKey) {
        if (payload != null) {
            for (Map.Entry<String, Expression> e : routes.entrySet()) {
                if (e.getValue().test(payload)) {
                    return e.getKey();
                }
            }
        } else if (routingKey != null && routes.containsKey(routingKey)) {
            return routingKey;
        }
        return DEFAULT_ROUTE;
    }

    /**
     * How a splitter cuts one message.
     *
     * @param whole true when the message passes on whole (a payload without an array at the path)
     * @param parts how many parts it makes (0: nothing to split, the message is filtered)
     * @param array the array whose elements are the parts' payloads, or null for an opaque message
     *     cut into {@code parts} sized parts
     */
    public record Split(boolean whole, int parts, JsonNode array) {
        /** The payload of part {@code i} (0-based), or null for a part of an opaque message. */
        public JsonNode part(int i) {
            return array == null ? null : array.get(i);
        }
    }

    /**
     * How a splitter whose array is at {@code path} (null: none) and whose opaque messages make
     * {@code batchSize} parts cuts a message with {@code payload} (null: opaque).
     */
    public static Split split(Expression path, JsonNode payload, int batchSize) {
        JsonNode array = payload == null || path == null ? null : path.select(payload);
        if (payload != null && (array == null || !array.isArray())) {
            return new Split(true, 1, null);
        }
        return new Split(false, array == null ? batchSize : array.size(), array);
    }

    /**
     * The key an idempotent receiver remembers a message by: the expression's value on the payload
     * (as JSON text), else {@code fallback} (the message's own id).
     */
    public static Object dedupeKey(Expression key, JsonNode payload, Object fallback) {
        JsonNode v = key == null || payload == null ? null : key.select(payload);
        return v == null ? Objects.requireNonNull(fallback, "fallback") : v.toString();
    }

    /**
     * The group an aggregator puts a message in: the expression's value on the payload (as JSON
     * text, "" where it has none), else {@code correlationId} (null: none, so split parts come
     * back together), else the one group "".
     */
    public static Object correlationKey(Expression correlation, JsonNode payload, Object correlationId) {
        if (correlation != null && payload != null) {
            JsonNode v = correlation.select(payload);
            return v == null ? "" : v.toString();
        }
        return correlationId != null ? correlationId : "";
    }

    /** A resequencer's number for a message: the expression's value on the payload when it is a whole number, else {@code fallback}. */
    public static long sequenceOf(Expression field, JsonNode payload, long fallback) {
        if (field != null && payload != null) {
            JsonNode v = field.select(payload);
            if (v != null && v.canConvertToLong()) {
                return v.longValue();
            }
        }
        return fallback;
    }

    /** How many bytes a claim-checked message keeps at most: its token. */
    public static final int CLAIM_TOKEN_SIZE = 64;

    /** The payload a claim check in gives a message in place of its own: {@code {"claimCheck": token}}. */
    public static ObjectNode claimToken(long token) {
        ObjectNode claim = JsonNodeFactory.instance.objectNode();
        claim.put("claimCheck", token);
        return claim;
    }

    /** The claim token a payload carries for a claim check out, or null when it carries none. */
    public static Long claimTokenOf(JsonNode payload) {
        JsonNode token = payload == null ? null : payload.get("claimCheck");
        return token != null && token.canConvertToLong() ? token.longValue() : null;
    }

    /**
     * The keys an idempotent receiver saw last, at most {@code window} of them (the oldest seen
     * is forgotten first). Not thread-safe: a live stage locks it.
     */
    public static final class SeenKeys {
        private int window;
        private final Map<Object, Boolean> seen = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Boolean> eldest) {
                return size() > window;
            }
        };

        /** Remembers at most {@code window} keys. */
        public SeenKeys(int window) {
            this.window = window;
        }

        /** A new window size; takes effect as keys are next added. */
        public void resize(int newWindow) {
            this.window = newWindow;
        }

        /** Remembers {@code key}; true when it was seen within the window already (a duplicate). */
        public boolean seenBefore(Object key) {
            return seen.putIfAbsent(key, Boolean.TRUE) != null;
        }
    }
}
