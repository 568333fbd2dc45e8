// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.SeriesPoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeriesBufferTest {
    private static SeriesPoint at(double t) {
        return new SeriesPoint(t, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN);
    }

    private static List<Double> times(SeriesBuffer buffer) {
        return buffer.toList().stream().map(SeriesPoint::time).toList();
    }

    @Test
    void keepsEverySampleInOrderWhileItGrowsThenOnlyTheNewestCapacity() {
        SeriesBuffer buffer = new SeriesBuffer(100);
        assertThat(buffer.toList()).isEmpty();
        for (int t = 1; t <= 40; t++) {
            buffer.add(at(t));
        }
        assertThat(times(buffer)).containsExactlyElementsOf(IntStream.rangeClosed(1, 40).mapToObj(i -> (double) i).toList());
        for (int t = 41; t <= 250; t++) {
            buffer.add(at(t));
        }
        assertThat(times(buffer)).containsExactlyElementsOf(IntStream.rangeClosed(151, 250).mapToObj(i -> (double) i).toList());
        buffer.clear();
        assertThat(buffer.toList()).isEmpty();
        buffer.add(at(7));
        assertThat(times(buffer)).containsExactly(7.0);
    }

    @Test
    void keepsTheNewestCapacityAcrossBlockBoundariesAndAnEarlierListStaysAsItWas() {
        for (int capacity : new int[] {1, 2, 63, 64, 65, 100, 600}) {
            SeriesBuffer buffer = new SeriesBuffer(capacity);
            ArrayDeque<SeriesPoint> expected = new ArrayDeque<>();
            List<List<SeriesPoint>> earlier = new ArrayList<>();
            List<List<SeriesPoint>> earlierExpected = new ArrayList<>();
            for (int t = 1; t <= 1500; t++) {
                SeriesPoint p = new SeriesPoint(t, t % 7, t % 5, t % 11, t % 3 == 0 ? Double.NaN : t / 1000.0, 2, 3);
                buffer.add(p);
                expected.addLast(p);
                if (expected.size() > capacity) {
                    expected.removeFirst();
                }
                if (t % 97 == 0) {
                    earlier.add(buffer.toList());
                    earlierExpected.add(List.copyOf(expected));
                }
            }
            assertThat(buffer.toList()).as("capacity %d", capacity).containsExactlyElementsOf(expected);
            assertThat(earlier).as("capacity %d", capacity).isEqualTo(earlierExpected);
        }
    }
}
