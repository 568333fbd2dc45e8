// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Source;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the model says of one message or one delivery in a live run, drawn from a seeded
 * {@link Random}: its priority and routing key (its payload is {@link LivePayload}'s), a consumer's processing time and whether
 * an attempt fails. Every live backend draws the same way, so a seed means the same on each.
 */
public final class Modelled {
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

    /** Whether delivery {@code attempt} (1 for the first) of a message fails at consumer {@code c}. */
    public static boolean fails(Consumer c, int attempt, Random rng) {
        return (c.failFirstAttempts() != null && attempt <= c.failFirstAttempts())
                || (c.failureRate() > 0 && rng.nextDouble() < c.failureRate());
    }
}
