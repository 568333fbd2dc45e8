// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import dev.pipewright.engine.api.Conservation;
import java.util.List;

/** Small hand-made reports for tests of formatting and assertions. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static NodeReport node(String id, String name, String kind, long in, long out, double p99Ms) {
        return new NodeReport(id, name, kind, in, out, out / 60.0, in - out, p99Ms / 3, p99Ms / 4, p99Ms / 2,
                p99Ms, p99Ms * 2, p99Ms, p99Ms * 1.5, p99Ms * 2, 3, 2, 1, 0);
    }

    static RunReport sample() {
        return new RunReport("Orders", "virtual", 42, 60, 0, 12_345, List.of(
                node("src", "Web shop", "source", 0, 600, Double.NaN),
                node("orders", "Order queue", "queue", 600, 590, 150),
                node("dlq", "dlq", "dead-letter-queue", 2, 0, Double.NaN)),
                new Conservation(600, 580, 2, 1, 0, 0, 12, 5));
    }
}
