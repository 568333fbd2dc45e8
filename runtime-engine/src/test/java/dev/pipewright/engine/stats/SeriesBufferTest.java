// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.SeriesPoint;
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
}
