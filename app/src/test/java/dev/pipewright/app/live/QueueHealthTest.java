// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueHealthTest {
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
