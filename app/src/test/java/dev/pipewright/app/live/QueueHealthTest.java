// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class QueueHealthTest {
    /** Virtual seconds between two snapshots the live view sees: the engine publishes about 30 a wall second. */
    private static final double AT_10X = 10 / 30.0;
    private static final double AT_100X = 100 / 30.0;

    /**
     * The level at each of {@code checks} (virtual seconds) of a queue whose depth follows
     * {@code depth}, fed a snapshot every {@code step} virtual seconds, as the live view does.
     */
    private static List<QueueHealth.Level> verdicts(double step, DoubleUnaryOperator depth, double rho, double... checks) {
        QueueHealth h = new QueueHealth();
        List<QueueHealth.Level> out = new ArrayList<>();
        int next = 0;
        for (int i = 1; next < checks.length; i++) {
            double t = i * step;
            QueueHealth.Level level = h.update(t, Math.round(depth.applyAsDouble(t)), rho, Double.NaN);
            while (next < checks.length && t >= checks[next]) {
                out.add(level);
                next++;
            }
        }
        return out;
    }

    /** 120 msg/s in, 100 out, with a wobble, as in the issue: the depth climbs 20 a second. */
    private static double overloaded(double t) {
        return 20 * t + 15 * Math.sin(7 * t);
    }

    @Test
    void anOverloadedQueueGetsTheSameVerdictAt10xAnd100x() {
        double[] checks = {8, 30, 120, 2000};
        List<QueueHealth.Level> at10 = verdicts(AT_10X, QueueHealthTest::overloaded, 1.2, checks);
        List<QueueHealth.Level> at100 = verdicts(AT_100X, QueueHealthTest::overloaded, 1.2, checks);

        assertThat(at100).isEqualTo(at10);
        assertThat(at100).containsExactly(QueueHealth.Level.GROWING, QueueHealth.Level.RUNAWAY,
                QueueHealth.Level.RUNAWAY, QueueHealth.Level.RUNAWAY);
    }

    @Test
    void aQueueThatKeepsUpIsOkAt10xAnd100x() {
        double[] checks = {8, 30, 120};
        DoubleUnaryOperator steady = t -> 5 + 4 * Math.sin(3 * t);
        assertThat(verdicts(AT_10X, steady, 0.8, checks)).containsOnly(QueueHealth.Level.OK);
        assertThat(verdicts(AT_100X, steady, 0.8, checks)).containsOnly(QueueHealth.Level.OK);
    }

    @Test
    void aQueueThatKeepsUpIsOk() {
        QueueHealth h = new QueueHealth();
        for (int i = 0; i < 100; i++) {
            h.update(i * 0.1, i % 3, 0.8, Double.NaN);
        }
        assertThat(h.level()).isEqualTo(QueueHealth.Level.OK);
    }

    @Test
    void aRisingQueueThatCannotKeepUpTurnsAmberThenRed() {
        QueueHealth h = new QueueHealth();
        QueueHealth.Level level = QueueHealth.Level.OK;
        for (int i = 0; i <= 30; i++) {
            level = h.update(i * 0.1, 10L * i, 1.2, Double.NaN);
        }
        assertThat(level).isEqualTo(QueueHealth.Level.GROWING);
        for (int i = 31; i <= 150; i++) {
            level = h.update(i * 0.1, 10L * i, 1.2, Double.NaN);
        }
        assertThat(level).isEqualTo(QueueHealth.Level.RUNAWAY);
    }

    @Test
    void aRisingQueueWithSpareCapacityIsOnlyABurst() {
        QueueHealth h = new QueueHealth();
        for (int i = 0; i <= 50; i++) {
            h.update(i * 0.1, 10L * i, 0.7, Double.NaN);
        }
        assertThat(h.level()).isEqualTo(QueueHealth.Level.OK);
    }

    @Test
    void aBoundedQueueNearlyFullIsRed() {
        QueueHealth h = new QueueHealth();
        assertThat(h.update(1, 950, 0.5, 0.95)).isEqualTo(QueueHealth.Level.RUNAWAY);
    }

    @Test
    void timeGoingBackwardsForgetsTheTrend() {
        QueueHealth h = new QueueHealth();
        for (int i = 0; i <= 150; i++) {
            h.update(i * 0.1, 10L * i, 1.5, Double.NaN);
        }
        assertThat(h.update(0, 0, 0, Double.NaN)).isEqualTo(QueueHealth.Level.OK);
    }
}
