// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import java.util.ArrayList;
import java.util.List;

/**
 * The "Theory vs run" panel of a queue in words: a table of quantity, M/M/c prediction and the
 * run's measurement, then Little's law on the run and the outlook (growth or time to drain).
 * What is not known yet is left out rather than shown as a dash: an empty cell, a row or a
 * sentence not given.
 */
public final class TheoryText {
    /** The least growth rate that {@link LiveFormat#rate} prints as more than 0.0/s. */
    private static final double SHOWN_GROWTH = 0.05;

    /** One row: what, predicted, measured (empty where a side has no value). */
    public record Row(String quantity, String theory, String run) {
    }

    private TheoryText() {
    }

    public static List<Row> rows(TheoryReading r) {
        List<Row> rows = new ArrayList<>();
        QueueTheory t = r.theory().orElse(null);
        add(rows, "Arrivals λ", rate(r.arrivalRate()), known(r.runArrivalRate()) ? rate(r.runArrivalRate()) + " avg" : "");
        add(rows, "Capacity cμ", r.servers() == 0 ? "0/s" : rate(r.servers() * r.serviceRate()),
                r.servers() == 0 ? "no instance" : r.servers() + " × " + rate(r.serviceRate()));
        double rho = r.utilisation();
        add(rows, "Utilisation ρ", Double.isInfinite(rho) ? "∞" : known(rho) ? LiveFormat.percent(rho) : "", "");
        if (t != null && t.stable()) {
            add(rows, "P(wait)", LiveFormat.percent(t.probabilityOfWaiting()), "");
            add(rows, "Waiting Lq", number(t.meanWaiting()), number(r.measuredMeanReady()));
            // M/M/c's Wq runs until service starts, so it is compared with the wait to start of
            // processing (prefetch buffer included) where the run knows it.
            add(rows, "Mean wait Wq", seconds(t.meanWait()), seconds(startOr(r.measuredStartWaitSeconds(),
                    r.measuredMeanWaitSeconds())));
            add(rows, "Median wait", seconds(medianWait(t)), seconds(startOr(r.measuredStartWaitP50Seconds(),
                    r.measuredWaitP50Seconds())));
        } else {
            String grows = growing(r) ? "∞ (grows)" : "";
            add(rows, "Waiting Lq", grows, number(r.measuredMeanReady()));
            add(rows, "Mean wait Wq", grows, seconds(startOr(r.measuredStartWaitSeconds(),
                    r.measuredMeanWaitSeconds())));
        }
        if (known(r.measuredStartWaitSeconds())) {
            add(rows, "Queue wait (to delivery)", "", seconds(r.measuredMeanWaitSeconds()));
        }
        return rows;
    }

    /** The wait to start of processing when known, else the queue wait. */
    private static double startOr(double start, double queueWait) {
        return known(start) ? start : queueWait;
    }

    /** Adds the row unless neither side has a value. */
    private static void add(List<Row> rows, String quantity, String theory, String run) {
        if (!theory.isEmpty() || !run.isEmpty()) {
            rows.add(new Row(quantity, theory, run));
        }
    }

    /**
     * Little's law measured on both sides: {@code L = 3.13 ≈ λ·W = 79.9/s × 39 ms = 3.12}; empty
     * while a side is not known (no message has left the queue yet, as in a dead-letter queue).
     */
    public static String little(TheoryReading r) {
        if (!known(r.measuredMeanReady()) || !known(r.runArrivalRate()) || !known(r.measuredMeanWaitSeconds())) {
            return "";
        }
        return "Little's law on the run: L = " + LiveFormat.number(r.measuredMeanReady(), 2) + "  ≈  λ·W = "
                + LiveFormat.rate(r.runArrivalRate()) + " × " + LiveFormat.seconds(r.measuredMeanWaitSeconds())
                + " = " + LiveFormat.number(r.littleLambdaW(), 2);
    }

    /**
     * Growth when the consumers can't keep up, else how soon the backlog drains; one or the other,
     * never both, and nothing about draining when nothing takes messages.
     */
    public static String outlook(TheoryReading r) {
        if (growing(r)) {
            return "The backlog (" + LiveFormat.count(r.depth()) + " now) grows by about "
                    + LiveFormat.rate(r.growthRate()) + (r.servers() > 0 ? " (λ − cμ)" : " (λ: nothing takes messages)")
                    + ": it will not drain until arrivals slow down or capacity is added.";
        }
        if (r.depth() == 0) {
            return r.servers() > 0 ? "Nothing is waiting; the consumers keep up." : "Nothing is waiting.";
        }
        if (known(r.timeToDrain())) {
            String when = LiveFormat.seconds(r.timeToDrain());
            return "The backlog of " + LiveFormat.count(r.depth()) + " drains in " + (when.startsWith("over") ? "" : "about ")
                    + when + " at present rates (depth / (cμ − λ)).";
        }
        if (r.servers() == 0) {
            return "The backlog of " + LiveFormat.count(r.depth()) + " stays: no consumer takes messages from this queue.";
        }
        return "";
    }

    /**
     * Growth the panel would show as at least 0.1/s. A smaller rate (a source with a message limit
     * that has stopped, whose recent arrival rate is a trickle) printed "grows by about 0.0/s".
     */
    private static boolean growing(TheoryReading r) {
        return r.growthRate() >= SHOWN_GROWTH;
    }

    private static boolean known(double x) {
        return Double.isFinite(x);
    }

    private static String rate(double perSecond) {
        return known(perSecond) ? LiveFormat.rate(perSecond) : "";
    }

    private static String number(double x) {
        return known(x) ? LiveFormat.number(x, 2) : "";
    }

    private static String seconds(double s) {
        return known(s) ? LiveFormat.seconds(s) : "";
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
