// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The event list's buckets (a ladder queue) against a {@link PriorityQueue} by time, then
 * sequence: across its changes between a heap alone and a rung of buckets, and for the times that
 * are hard to divide into buckets (all equal, infinite, spread over many orders of magnitude).
 */
class EventListLadderTest {
    private record Expected(double time, long seq, long arg) implements Comparable<Expected> {
        @Override
        public int compareTo(Expected o) {
            int byTime = Double.compare(time, o.time);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }
    }

    private final EventList list = new EventList();
    private final PriorityQueue<Expected> reference = new PriorityQueue<>();
    private final SplittableRandom random = new SplittableRandom(11);
    private double now;

    private void add(double time) {
        long arg = random.nextLong();
        long seq = list.add(time, null, 0, null, arg);
        reference.add(new Expected(time, seq, arg));
    }

    private void pollOne() {
        Expected e = reference.poll();
        assertThat(list.peekTime()).isEqualTo(e.time());
        assertThat(list.poll()).isTrue();
        assertThat(list.polledTime()).isEqualTo(e.time());
        assertThat(list.polledSeq()).isEqualTo(e.seq());
        assertThat(list.polledArg()).isEqualTo(e.arg());
        assertThat(list.size()).isEqualTo(reference.size());
        now = e.time();
    }

    /** Grows to {@code peak} pending with each add at {@code later(now)}, holds, then drains. */
    private void growHoldDrain(int peak, DoubleUnaryOperator later) {
        while (reference.size() < peak) {
            add(later.applyAsDouble(now));
            if (random.nextInt(4) == 0) {
                pollOne();
            }
        }
        for (int i = 0; i < 3 * peak; i++) {
            pollOne();
            add(later.applyAsDouble(now));
        }
        while (!reference.isEmpty()) {
            pollOne();
        }
        assertThat(list.poll()).isFalse();
        assertThat(list.peekTime()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void exponentialDelaysAtSizesOnBothSidesOfTheHeapOnlyLimit() {
        DoubleUnaryOperator exp = t -> t - Math.log(1 - random.nextDouble());
        for (int peak : new int[] {5, 60, 70, 5000, 50_000, 100, 20_000}) {
            growHoldDrain(peak, exp);
        }
    }

    @Test
    void manyEventsAtOneTimeKeepTheirOrder() {
        growHoldDrain(10_000, t -> t + (random.nextInt(1000) == 0 ? 1 : 0));
        growHoldDrain(10_000, t -> t);
    }

    @Test
    void infiniteTimesComeLastInTheirOrder() {
        growHoldDrain(6_000, t -> random.nextInt(5) == 0 ? Double.POSITIVE_INFINITY : t + random.nextInt(3));
        for (int i = 0; i < 5000; i++) {
            add(Double.POSITIVE_INFINITY);
        }
        for (int i = 0; i < 2500; i++) {
            pollOne();
            add(i % 2 == 0 ? Double.POSITIVE_INFINITY : now);
        }
        while (!reference.isEmpty()) {
            pollOne();
        }
    }

    @Test
    void timesOverManyOrdersOfMagnitude() {
        growHoldDrain(8_000, t -> t + Math.pow(10, random.nextInt(-300, 300)) * random.nextDouble());
        growHoldDrain(8_000, t -> random.nextInt(10) == 0 ? t + 1e300 : Math.nextUp(t));
    }
}
