// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.engine.template.Expression;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.HeaderMatch;
import dev.pipewright.model.Source;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the model says of one message or one delivery in a live run, drawn from a seeded
 * {@link Random}: its priority and routing key (its payload is {@link LivePayload}'s), a consumer's processing time and whether
 * an attempt fails. Every live backend draws the same way, so a seed means the same on each.
 */
public final class Modelled {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Expression> EXPRESSIONS = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Expression> eldest) {
            return size() > 64;
        }
    };

    private Modelled() {
    }

    /** A priority drawn from the source's priority mix, or null when it has none. */
    public static Integer priority(Source source, Random rng) {
        if (source.priorityMix().isEmpty()) {
            return null;
        }
        double total = source.priorityMix().values().stream().mapToDouble(Double::doubleValue).sum();
        if (!(total > 0)) {
            return null;
        }
        double pick = rng.nextDouble() * total;
        Integer last = null;
        for (Map.Entry<Integer, Double> e : source.priorityMix().entrySet()) {
            last = e.getKey();
            pick -= e.getValue();
            if (pick < 0) {
                return e.getKey();
            }
        }
        return last;
    }

    /**
     * The edge's routing key, else the source's keys in turn (message 1 the first key, as the
     * simulator gives them, so a topic splits a live run's messages as it splits the simulator's),
     * else "".
     */
    public static String routingKey(Source source, String edgeKey, long seq) {
        if (edgeKey != null) {
            return edgeKey;
        }
        List<String> keys = source.routingKeys();
        return keys.isEmpty() ? "" : keys.get((int) ((seq - 1) % keys.size()));
    }

    /** A duration drawn from {@code d}, in seconds. */
    public static double seconds(Distribution d, Random rng) {
        double a = d.mean().toNanos() / 1e9;
        double b = d.spread().toNanos() / 1e9;
        return switch (d.shape()) {
            case CONSTANT -> a;
            case EXPONENTIAL -> a == 0 ? 0 : -a * Math.log(1 - rng.nextDouble());
            case UNIFORM -> a + (b - a) * rng.nextDouble();
            case NORMAL -> Math.max(0, a + b * rng.nextGaussian());
        };
    }

    /**
     * Whether delivery {@code attempt} (1 for the first) of a message fails at consumer {@code c}:
     * its {@code failWhen} header condition matches ({@code header} gives the message's header of a
     * name, or null), or the attempt is among the first that fail, or the failure rate's draw says so.
     */
    public static boolean fails(Consumer c, int attempt, Random rng, Function<String, ?> header, Supplier<String> text) {
        return failsWhen(c, header, text)
                || (c.failFirstAttempts() != null && attempt <= c.failFirstAttempts())
                || (c.failureRate() > 0 && rng.nextDouble() < c.failureRate());
    }

    /**
     * Whether the consumer's {@code failWhen} matches the delivery: a header condition against its
     * headers, or a payload condition (the processors' JSONPath {@link Expression}) against its
     * body read as JSON, as the simulator reads a templated payload; a body that is not JSON matches none.
     */
    static boolean failsWhen(Consumer c, Function<String, ?> header, Supplier<String> text) {
        if (c.failWhen() == null) {
            return false;
        }
        HeaderMatch when = headerCondition(c);
        if (when != null) {
            return when.test(header);
        }
        Expression e = expression(c.failWhen());
        String body = e == null ? null : text.get();
        if (body == null) {
            return false;
        }
        try {
            return e.test(JSON.readTree(body));
        } catch (java.io.IOException | RuntimeException notJson) {
            return false;
        }
    }

    /** The payload condition {@code text}, parsed once per text (a few per flow; at most 64 kept); null when it is none. */
    private static Expression expression(String text) {
        synchronized (EXPRESSIONS) {
            if (!EXPRESSIONS.containsKey(text)) {
                Expression e;
                try {
                    e = new Expression(text.strip());
                } catch (IllegalArgumentException malformed) {
                    e = null; // the flow's check says so; a live run does not start with it
                }
                EXPRESSIONS.put(text, e);
            }
            return EXPRESSIONS.get(text);
        }
    }

    /** The consumer's {@code failWhen} when it is a header condition (which live runs apply), else null. */
    public static HeaderMatch headerCondition(Consumer c) {
        try {
            return HeaderMatch.parse(c.failWhen());
        } catch (IllegalArgumentException malformed) {
            return null; // the flow's check says so; a live run does not start with it
        }
    }
}
