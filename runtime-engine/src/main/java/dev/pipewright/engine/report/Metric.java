// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The statistics of a node an assertion can name, e.g. the {@code p99} in {@code orders.p99 < 200ms}. */
public enum Metric {
    COUNT("count", false, n -> n.count()),
    IN("in", false, n -> n.in()),
    OUT("out", false, n -> n.out()),
    DEPTH("depth", false, n -> n.depth()),
    RATE("rate", false, NodeReport::ratePerSecond),
    MEAN("mean", true, NodeReport::meanMs),
    P50("p50", true, NodeReport::p50Ms),
    P95("p95", true, NodeReport::p95Ms),
    P99("p99", true, NodeReport::p99Ms),
    MAX("max", true, NodeReport::maxMs),
    E2E_P50("e2eP50", true, NodeReport::e2eP50Ms),
    E2E_P95("e2eP95", true, NodeReport::e2eP95Ms),
    E2E_P99("e2eP99", true, NodeReport::e2eP99Ms),
    DEAD_LETTERED("deadLettered", false, n -> n.deadLettered()),
    REDELIVERED("redelivered", false, n -> n.redelivered()),
    EXPIRED("expired", false, n -> n.expired()),
    DROPPED("dropped", false, n -> n.dropped());

    private final String word;
    private final boolean latency;
    private final ToDoubleFunction<NodeReport> value;

    Metric(String word, boolean latency, ToDoubleFunction<NodeReport> value) {
        this.word = word;
        this.latency = latency;
        this.value = value;
    }

    /** How an assertion spells it. */
    public String word() {
        return word;
    }

    /** True for latencies, which are compared as durations (in milliseconds). */
    public boolean isLatency() {
        return latency;
    }

    /** The node's value: a count, a rate per second, or a latency in milliseconds. */
    public double of(NodeReport node) {
        return value.applyAsDouble(node);
    }

    /** The metric with this word, ignoring case, or null. */
    public static Metric fromWord(String word) {
        for (Metric m : values()) {
            if (m.word.equalsIgnoreCase(word)) {
                return m;
            }
        }
        return null;
    }

    /** The words of all metrics, for messages: "count, in, out, ...". */
    public static String allWords() {
        return Arrays.stream(values()).map(Metric::word).collect(Collectors.joining(", "));
    }
}
