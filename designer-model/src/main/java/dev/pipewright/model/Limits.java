// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * The largest values a flow takes. Each is far beyond any design a person draws, and small enough
 * that checking, simulating and drawing the flow stay quick and within memory; a value over its
 * limit is refused with an {@link InvalidPropertyException} that names the property and the limit.
 * docs/file-format.md lists them with their reasons.
 */
public final class Limits {
    /** Nodes in one flow. */
    public static final int MAX_NODES = 10_000;
    /** Edges in one flow. */
    public static final int MAX_EDGES = 50_000;
    /** Bytes (UTF-8) of a routing or binding key: AMQP's short string, so RabbitMQ takes every key. */
    public static final int MAX_KEY_BYTES = 255;
    /** Characters of a node or edge id. */
    public static final int MAX_ID_LENGTH = 255;
    /** Characters of a node's name. */
    public static final int MAX_NAME_LENGTH = 1_000;
    /** Entries of one list or map property (routing keys, headers, routes, crashes, down windows). */
    public static final int MAX_ENTRIES = 10_000;
    /** Messages per second of one source. */
    public static final double MAX_RATE = 10_000_000;
    /** Messages in one burst of a source. */
    public static final int MAX_BURST_SIZE = 100_000;
    /** Payload bytes of one message: RabbitMQ's largest {@code max_message_size}, 512 MiB. */
    public static final int MAX_PAYLOAD_BYTES = 512 * 1024 * 1024;
    /** Instances of one consumer. */
    public static final int MAX_INSTANCES = 10_000;
    /** Prefetch of one consumer instance: AMQP's {@code basic.qos} count is a 16-bit number. */
    public static final int MAX_PREFETCH = 65_535;
    /** Concurrency of a processor or an endpoint. */
    public static final int MAX_CONCURRENCY = 100_000;
    /** An aggregator's batch or a splitter's parts. */
    public static final int MAX_BATCH_SIZE = 100_000;
    /** Keys an idempotent receiver remembers, or messages a resequencer holds. */
    public static final int MAX_WINDOW = 1_000_000;
    /** Messages one queue holds. */
    public static final int MAX_QUEUE_LENGTH = 100_000_000;
    /** Growth of a redelivery delay per attempt. */
    public static final double MAX_REDELIVERY_MULTIPLIER = 100;
    /**
     * Messages in one source's script: a long scenario written message by message, and few enough
     * that scheduling and checking it stay quick (the run sorts it once).
     */
    public static final int MAX_SCRIPT_MESSAGES = 100_000;
    /** Attempts a consumer's {@code failFirstAttempts} may fail before it succeeds. */
    public static final int MAX_FAIL_FIRST_ATTEMPTS = 1_000;

    private Limits() {
    }

    /** Most partitions of one Kafka topic (a queue under the Kafka profile). */
    public static final int MAX_PARTITIONS = 10_000;
}
