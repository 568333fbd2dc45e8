// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.time.Duration;
import java.util.Map;

/**
 * A message processor. What it does is its {@link Variant}; the other properties apply to the
 * variants that name them.
 *
 * @param variant what the processor does
 * @param expression a JSONPath expression: the filter's condition, the splitter's array, the
 *     aggregator's and resequencer's correlation or sequence field, the idempotent receiver's key
 * @param routes for a content router: route name to JSONPath condition, tried in order; the
 *     edge whose {@code key} is the route name receives the match, an edge with key {@code default}
 *     what matches nothing
 * @param concurrency messages processed at once
 * @param processingTime time to process one message
 * @param failureRate probability that processing one message fails (it goes to the error port)
 * @param batchSize aggregator: messages per batch
 * @param timeout aggregator: completion timeout; resequencer: longest wait for a gap
 * @param window idempotent receiver: how many recent keys are remembered; resequencer: capacity
 * @param delay delay processor: how long each message is held
 */
public record Processor(String id, String name, Position position, Variant variant, String expression,
                        Map<String, String> routes, int concurrency, Distribution processingTime, double failureRate,
                        int batchSize, Duration timeout, int window, Duration delay) implements Node, QueueReader {

    /** The message-processing patterns a processor implements. */
    public enum Variant {
        TRANSFORM, FILTER, CONTENT_ROUTER, SPLITTER, AGGREGATOR, RESEQUENCER, IDEMPOTENT_RECEIVER,
        CLAIM_CHECK_IN, CLAIM_CHECK_OUT, DELAY
    }

    public Processor {
        id = Checks.id(id);
        name = Checks.name(name, id);
        position = position == null ? Position.ORIGIN : position;
        variant = variant == null ? Variant.TRANSFORM : variant;
        Checks.entries("routes", routes == null ? 0 : routes.size());
        routes = routes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(routes));
        Checks.between("concurrency", concurrency, 1, Limits.MAX_CONCURRENCY);
        processingTime = processingTime == null ? Distribution.constant(Duration.ZERO) : processingTime;
        Checks.probability("failureRate", failureRate);
        Checks.between("batchSize", batchSize, 1, Limits.MAX_BATCH_SIZE);
        Checks.positiveOrNull("timeout", timeout);
        Checks.between("window", window, 1, Limits.MAX_WINDOW);
        Checks.nonNegative("delay", delay);
    }

    public static Processor of(String id, String name, Position position) {
        return new Processor(id, name, position, Variant.TRANSFORM, null, Map.of(), 1,
                Distribution.constant(Duration.ofMillis(1)), 0, 10, Duration.ofSeconds(5), 1000, Duration.ofSeconds(1));
    }

    /** Its concurrency: messages processed at once. */
    @Override
    public int parallelism() {
        return concurrency;
    }
}
