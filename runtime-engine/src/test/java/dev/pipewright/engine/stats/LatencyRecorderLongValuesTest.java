// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.Latency;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The recorder buffers values as ints of microseconds; one past what an int holds (about 35
 * minutes) goes into the histograms at once, so percentiles are HdrHistogram's whatever the mix.
 */
class LatencyRecorderLongValuesTest {
    /** HdrHistogram's bucket middle at {@code p}, kept within min and max, in ms, as the recorder answers. */
    private static double expected(Histogram h, double p, double minMs, double maxMs) {
        double ms = h.medianEquivalentValue(h.getValueAtPercentile(p)) / 1000.0;
        return Math.min(Math.max(ms, minMs), maxMs);
    }

    @Test
    void valuesPastAnIntOfMicrosecondsCountWithTheOthers() {
        LatencyRecorder recorder = new LatencyRecorder(true);
        Histogram total = new Histogram(3);
        Histogram interval = new Histogram(2);
        for (int i = 0; i < 100; i++) {
            // 1 ms, an hour (3.6e9 us, past 2^31) every tenth value, 2^31 us exactly, and 2^31 - 1
            double seconds = i % 10 == 3 ? 3600 : i == 50 ? 2147.483648 : i == 51 ? 2147.483647 : 0.001;
            recorder.record(seconds);
            total.recordValue(Math.round(seconds * 1e6));
            interval.recordValue(Math.round(seconds * 1e6));
        }
        Latency summary = recorder.summary();
        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50Ms()).isEqualTo(expected(total, 50, 1, 3_600_000)).isEqualTo(1.0);
        assertThat(summary.p95Ms()).isEqualTo(expected(total, 95, 1, 3_600_000)).isGreaterThan(3_590_000);
        assertThat(summary.p99Ms()).isEqualTo(expected(total, 99, 1, 3_600_000));
        double[] p = recorder.takeInterval();
        assertThat(p).containsExactly(expected(interval, 50, 1, 3_600_000), expected(interval, 95, 1, 3_600_000),
                expected(interval, 99, 1, 3_600_000));
        // 88 of 1 ms, then 2^31 - 1 us, 2^31 us (the 90th) and 10 of an hour: the case reaches both sides of 2^31.
        assertThat(total.getValueAtPercentile(90)).isEqualTo(total.highestEquivalentValue(1L << 31));
    }
}
