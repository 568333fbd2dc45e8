// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class QueueTheoryTest {
    @Test
    void mm1MatchesTheTextbook() {
        // lambda 8, mu 10: rho 0.8, Lq = rho^2/(1-rho) = 3.2, Wq = rho/(mu-lambda) = 0.4 s
        QueueTheory q = new QueueTheory(8, 10, 1);
        assertThat(q.utilisation()).isCloseTo(0.8, offset(1e-12));
        assertThat(q.probabilityOfWaiting()).isCloseTo(0.8, offset(1e-12));
        assertThat(q.meanWaiting()).isCloseTo(3.2, offset(1e-9));
        assertThat(q.meanWait()).isCloseTo(0.4, offset(1e-9));
        assertThat(q.meanTimeInSystem()).isCloseTo(0.5, offset(1e-9));
    }

    @Test
    void erlangCForThreeServersAtEightyPercent() {
        // c = 3, a = 2.4: C = 0.6472 (tables); Lq = C * rho / (1 - rho) = 2.589
        QueueTheory q = new QueueTheory(80, 1 / 0.030, 3);
        assertThat(q.utilisation()).isCloseTo(0.8, offset(1e-9));
        assertThat(q.probabilityOfWaiting()).isCloseTo(0.6472, offset(1e-4));
        assertThat(q.meanWaiting()).isCloseTo(2.589, offset(1e-3));
        assertThat(q.meanWait()).isCloseTo(2.589 / 80, offset(1e-5));
    }

    @Test
    void littlesLawHoldsInsideTheModel() {
        QueueTheory q = new QueueTheory(45, 10, 6);
        assertThat(q.meanWaiting()).isCloseTo(q.lambda() * q.meanWait(), offset(1e-9));
        assertThat(q.meanInSystem()).isCloseTo(q.lambda() * q.meanTimeInSystem(), offset(1e-9));
    }

    @Test
    void anOverloadedQueueGrowsAtLambdaMinusCapacity() {
        QueueTheory q = new QueueTheory(120, 1 / 0.030, 3);
        assertThat(q.stable()).isFalse();
        assertThat(q.probabilityOfWaiting()).isEqualTo(1);
        assertThat(q.meanWaiting()).isInfinite();
        assertThat(q.growthRate()).isCloseTo(20, offset(1e-9));
        assertThat(q.timeToDrain(100)).isInfinite();
    }

    @Test
    void aStableQueueDrainsItsBacklogAtTheSpareCapacity() {
        QueueTheory q = new QueueTheory(60, 1 / 0.030, 3);
        assertThat(q.growthRate()).isZero();
        assertThat(q.timeToDrain(400)).isCloseTo(10, offset(1e-9)); // 400 / (100 - 60)
        assertThat(q.timeToDrain(0)).isZero();
    }

    @Test
    void manyServersStayAccurate() {
        QueueTheory q = new QueueTheory(950, 1, 1000);
        assertThat(q.probabilityOfWaiting()).isBetween(0.0, 1.0);
        assertThat(q.meanWait()).isFinite();
    }

    @Test
    void medianWaitIsZeroWhenMostArrivalsDoNotWait() {
        assertThat(TheoryText.medianWait(new QueueTheory(10, 10, 3))).isZero();
        QueueTheory busy = new QueueTheory(9, 10, 1); // C = 0.9: median = ln(1.8) / 1
        assertThat(TheoryText.medianWait(busy)).isCloseTo(Math.log(1.8), offset(1e-9));
    }

    @Test
    void impossibleParametersAreRefusedWithTheValues() {
        assertThatThrownBy(() -> new QueueTheory(1, 0, 1)).hasMessageContaining("mu 0");
        assertThatThrownBy(() -> new QueueTheory(1, 1, 0)).hasMessageContaining("c 0");
    }
}
