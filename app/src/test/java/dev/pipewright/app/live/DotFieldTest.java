// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DotFieldTest {
    private static DotField field(int edges) {
        DotField f = new DotField(40, 100, 0.7);
        f.resize(edges);
        f.refill(1); // plenty of budget
        return f;
    }

    @Test
    void theFirstLookAtAWireSetsTheBaseLineAndSpawnsNothing() {
        DotField f = field(1);
        assertThat(f.spawn(0, 500, 0, 0, 0, 0)).isZero();
        assertThat(f.count()).isZero();
    }

    @Test
    void atLowRatesEachMessageIsOneDotColouredByItsOutcome() {
        DotField f = field(1);
        f.spawn(0, 0, 0, 0, 0, 0);
        assertThat(f.spawn(0, 3, 1, 1, 0, 0)).isEqualTo(5);
        int[] byOutcome = new int[4];
        for (int i = 0; i < f.count(); i++) {
            byOutcome[f.outcomeOf(i)]++;
        }
        assertThat(byOutcome).containsExactly(3, 1, 1, 0);
        assertThat(f.messagesPerDot(0)).isEqualTo(1.0);
    }

    @Test
    void aSnapshotSeenTwiceSpawnsNothingMore() {
        DotField f = field(1);
        f.spawn(0, 0, 0, 0, 0, 0);
        f.spawn(0, 5, 0, 0, 0, 0);
        assertThat(f.spawn(0, 5, 0, 0, 0, 0)).isZero();
        assertThat(f.count()).isEqualTo(5);
    }

    @Test
    void aBusyWireIsCappedAndEachDotStandsForManyMessages() {
        DotField f = field(1);
        f.spawn(0, 0, 0, 0, 0, 0);
        int n = f.spawn(0, 10_000, 0, 30, 0, 0);
        assertThat(n).isEqualTo(40);
        assertThat(f.aliveOn(0)).isEqualTo(40);
        assertThat(f.messagesPerDot(0)).isCloseTo(10_030 / 40.0, org.assertj.core.data.Offset.offset(1e-9));
        // the rare dead letters still get a dot
        boolean red = false;
        for (int i = 0; i < f.count(); i++) {
            red |= f.outcomeOf(i) == DotField.DEAD_LETTERED;
        }
        assertThat(red).isTrue();
    }

    @Test
    void theWholeFieldIsCapped() {
        DotField f = field(5);
        for (int e = 0; e < 5; e++) {
            f.spawn(e, 0, 0, 0, 0, 0);
        }
        for (int e = 0; e < 5; e++) {
            f.spawn(e, 1000, 0, 0, 0, 0);
        }
        assertThat(f.count()).isEqualTo(100);
    }

    @Test
    void dotsTakeTheTravelTimeToCrossAndThenDisappear() {
        DotField f = field(1);
        f.spawn(0, 0, 0, 0, 0, 0);
        f.spawn(0, 1, 0, 0, 0, 0);
        f.advance(0.35);
        assertThat(f.count()).isEqualTo(1);
        assertThat(f.progressOf(0)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        f.advance(0.36);
        assertThat(f.count()).isZero();
        assertThat(f.aliveOn(0)).isZero();
    }

    @Test
    void spawningIsLimitedByTheWallTimeBudget() {
        DotField f = new DotField(40, 2000, 0.8);
        f.resize(1);
        f.spawn(0, 0, 0, 0, 0, 0);
        f.refill(0.02); // 20 ms: 40 / 0.8 s = 50 dots a second -> 1 dot
        assertThat(f.spawn(0, 100, 0, 0, 0, 0)).isEqualTo(1);
    }

    @Test
    void aBatchIsSpreadAlongTheWire() {
        DotField f = field(1);
        f.spawn(0, 0, 0, 0, 0, 0);
        f.spawn(0, 4, 0, 0, 0, 0.07);
        double min = 1;
        double max = 0;
        for (int i = 0; i < f.count(); i++) {
            min = Math.min(min, f.progressOf(i));
            max = Math.max(max, f.progressOf(i));
        }
        assertThat(min).isZero();
        assertThat(max).isGreaterThan(0.05);
    }

    @Test
    void countsGoingBackwardsMeanANewRun() {
        DotField f = field(1);
        f.spawn(0, 0, 0, 0, 0, 0);
        f.spawn(0, 50, 0, 0, 0, 0);
        f.advance(1); // the old dots arrive
        f.refill(1);
        assertThat(f.spawn(0, 2, 0, 0, 0, 0)).isZero();
        assertThat(f.spawn(0, 4, 0, 0, 0, 0)).isEqualTo(2);
    }
}
