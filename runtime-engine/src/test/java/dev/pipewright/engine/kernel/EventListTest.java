// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The event list hands events out in order of time, then of scheduling, with what they carry. */
class EventListTest {
    private record Expected(double time, long seq, int type, long arg) implements Comparable<Expected> {
        @Override
        public int compareTo(Expected o) {
            int byTime = Double.compare(time, o.time);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }
    }

    private static final EventHandler HANDLER = new EventHandler() {
        @Override
        public void handle(int type, Object subject, long arg) {
        }

        @Override
        public String nodeId() {
            return "n";
        }

        @Override
        public String eventName(int type) {
            return "e";
        }
    };

    @Test
    void pollsInTheOrderOfAPriorityQueueByTimeThenSequence() {
        EventList list = new EventList();
        PriorityQueue<Expected> reference = new PriorityQueue<>();
        SplittableRandom random = new SplittableRandom(5);
        double now = 0;
        // Grows well past the initial capacity, then drains; times often tie.
        for (int step = 0; step < 200_000; step++) {
            boolean add = step < 100_000 ? random.nextInt(3) > 0 : random.nextInt(3) == 0;
            if (add || reference.isEmpty()) {
                double time = now + random.nextInt(50) / 4.0;
                int type = random.nextInt(100);
                long arg = random.nextLong();
                Object subject = (long) type;
                long seq = list.add(time, HANDLER, type, subject, arg);
                reference.add(new Expected(time, seq, type, arg));
            } else {
                Expected e = reference.poll();
                assertThat(list.poll()).isTrue();
                assertThat(list.polledTime()).isEqualTo(e.time());
                assertThat(list.polledSeq()).isEqualTo(e.seq());
                assertThat(list.polledType()).isEqualTo(e.type());
                assertThat(list.polledArg()).isEqualTo(e.arg());
                assertThat(list.polledSubject()).isEqualTo((long) e.type());
                assertThat(list.polledHandler()).isSameAs(HANDLER);
                now = e.time();
            }
            assertThat(list.size()).isEqualTo(reference.size());
        }
        while (!reference.isEmpty()) {
            assertThat(list.poll()).isTrue();
            assertThat(list.polledSeq()).isEqualTo(reference.poll().seq());
        }
        assertThat(list.poll()).isFalse();
        assertThat(list.peekTime()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void eventsAtTheSameTimeComeOutInTheOrderTheyWereAdded() {
        EventList list = new EventList();
        for (int i = 0; i < 50; i++) {
            list.add(i % 2 == 0 ? 1.0 : 0.0, HANDLER, i, null, i);
        }
        for (int expected : new int[] {1, 3, 5}) {
            list.poll();
            assertThat(list.polledType()).isEqualTo(expected);
        }
        assertThat(list.peekTime()).isEqualTo(0.0);
    }
}
