// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import java.util.ArrayList;
import java.util.List;

/**
 * The "Theory vs run" panel of a queue in words: a table of quantity, M/M/c prediction and the
 * run's measurement, then Little's law on the run and the outlook (growth or time to drain).
 */
public final class TheoryText {
    /** One row: what, predicted, measured ({@code –} where a side has no value). */
    public record Row(String quantity, String theory, String run) {
    }

    private TheoryText() {
    }

    public static List<Row> rows(TheoryReading r) {
        List<Row> rows = new ArrayList<>();
        QueueTheory t = r.theory().orElse(null);
        rows.add(new Row("Arrivals λ", LiveFormat.rate(r.arrivalRate()), LiveFormat.rate(r.runArrivalRate()) + " avg"));
        rows.add(new Row("Capacity cμ", t == null ? "0/s" : LiveFormat.rate(t.capacity()),
                r.servers() + " × " + LiveFormat.rate(r.serviceRate())));
        rows.add(new Row("Utilisation ρ", LiveFormat.percent(r.utilisation()), LiveFormat.NONE));
        if (t != null && t.stable()) {
            rows.add(new Row("P(wait)", LiveFormat.percent(t.probabilityOfWaiting()), LiveFormat.NONE));
            rows.add(new Row("Waiting Lq", LiveFormat.number(t.meanWaiting(), 2), LiveFormat.number(r.measuredMeanReady(), 2)));
            rows.add(new Row("Mean wait Wq", LiveFormat.seconds(t.meanWait()), LiveFormat.seconds(r.measuredMeanWaitSeconds())));
            rows.add(new Row("Median wait", LiveFormat.seconds(medianWait(t)), LiveFormat.seconds(r.measuredWaitP50Seconds())));
        } else {
            rows.add(new Row("Waiting Lq", "∞ (grows)", LiveFormat.number(r.measuredMeanReady(), 2)));
            rows.add(new Row("Mean wait Wq", "∞ (grows)", LiveFormat.seconds(r.measuredMeanWaitSeconds())));
        }
        return rows;
    }

    /** Little's law measured on both sides: {@code L = 3.13 ≈ λ·W = 79.9/s × 39 ms = 3.12}. */
    public static String little(TheoryReading r) {
        return "Little's law on the run: L = " + LiveFormat.number(r.measuredMeanReady(), 2) + "  ≈  λ·W = "
                + LiveFormat.rate(r.runArrivalRate()) + " × " + LiveFormat.seconds(r.measuredMeanWaitSeconds())
                + " = " + LiveFormat.number(r.littleLambdaW(), 2);
    }

    /** Growth when the consumers can't keep up, else how soon the backlog drains. */
    public static String outlook(TheoryReading r) {
        if (r.growthRate() > 0) {
            return "The backlog (" + LiveFormat.count(r.depth()) + " now) grows by about "
                    + LiveFormat.rate(r.growthRate()) + " (λ − cμ): it will not drain until arrivals slow down or"
                    + " capacity is added.";
        }
        if (r.depth() == 0) {
            return "Nothing is waiting; the consumers keep up.";
        }
        return "The backlog of " + LiveFormat.count(r.depth()) + " drains in about "
                + LiveFormat.seconds(r.timeToDrain()) + " at present rates (depth / (cμ − λ)).";
    }

    /**
     * The median wait of M/M/c: P(Wq > t) = C·e^(-(cμ-λ)t), so it is ln(2C)/(cμ-λ) when C > 1/2,
     * else 0 (most arrivals do not wait at all).
     */
    static double medianWait(QueueTheory t) {
        double c = t.probabilityOfWaiting();
        return c <= 0.5 ? 0 : Math.log(2 * c) / (t.capacity() - t.lambda());
    }
}
