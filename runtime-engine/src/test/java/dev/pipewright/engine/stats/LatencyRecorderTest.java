// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.api.Latency;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Latency percentiles read exactly for constant latencies and closely for others. */
class LatencyRecorderTest {

    @Test
    void aConstantLatencyReadsExactlyAtEveryPercentile() {
        LatencyRecorder recorder = new LatencyRecorder(true);
        for (int i = 0; i < 1000; i++) {
            // As the engine computes it: a difference of two virtual times.
            double start = i * 0.0137;
            recorder.record((start + 0.010) - start);
        }
        Latency l = recorder.summary();
        assertThat(l.p50Ms()).isEqualTo(10.0);
        assertThat(l.p95Ms()).isEqualTo(10.0);
        assertThat(l.p99Ms()).isEqualTo(10.0);
        assertThat(l.maxMs()).isEqualTo(10.0);
        assertThat(recorder.takeInterval()).containsExactly(10.0, 10.0, 10.0);
    }

    @Test
    void percentilesOfSpreadLatenciesAreWithinTheHistogramsPrecision() {
        LatencyRecorder recorder = new LatencyRecorder(false);
        for (int i = 1; i <= 10_000; i++) {
            recorder.record(i / 1e5); // 0.01 ms to 100 ms, evenly
        }
        Latency l = recorder.summary();
        assertThat(l.p50Ms()).isCloseTo(50.0, within(0.05));
        assertThat(l.p99Ms()).isCloseTo(99.0, within(0.1));
        assertThat(l.maxMs()).isEqualTo(100.0);
        assertThat(l.meanMs()).isCloseTo(50.005, within(1e-9));
    }

    @Test
    void eachIntervalHasItsOwnPercentiles() {
        LatencyRecorder recorder = new LatencyRecorder(true);
        recorder.record(0.005);
        assertThat(recorder.takeInterval()).containsExactly(5.0, 5.0, 5.0);
        assertThat(recorder.takeInterval()[0]).isNaN();
        recorder.record(0.002);
        assertThat(recorder.takeInterval()).containsExactly(2.0, 2.0, 2.0);
        assertThat(recorder.summary().maxMs()).isEqualTo(5.0);
    }

    @Test
    void readsSeeEveryValueHoweverFewOrManyAreBuffered() {
        LatencyRecorder readOften = new LatencyRecorder(true);
        LatencyRecorder readOnce = new LatencyRecorder(true);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5 * LatencyRecorder.BUFFERED + 3; i++) {
            double seconds = random.nextDouble(0.0001, 0.5);
            readOften.record(seconds);
            readOnce.record(seconds);
            if (i % 7 == 0) {
                readOften.summary(); // moves the buffered values into the histograms early
            }
        }
        assertThat(readOften.summary()).isEqualTo(readOnce.summary());
        assertThat(readOften.takeInterval()).containsExactly(readOnce.takeInterval());

        readOften.record(0.003); // fewer values than the buffer holds are read too
        assertThat(readOften.takeInterval()).containsExactly(3.0, 3.0, 3.0);
        assertThat(readOften.summary().count()).isEqualTo(5 * LatencyRecorder.BUFFERED + 4);
    }

    @Test
    void zerosAmongOtherValuesReadAsIfEachWereRecordedInAHistogram() {
        // Zeros are only counted until a flush; the percentiles must still be those of one
        // HdrHistogram given every value in turn, here with 70% zeros as at an unloaded queue.
        LatencyRecorder recorder = new LatencyRecorder(true);
        Histogram oneByOne = new Histogram(3);
        Histogram intervalOneByOne = new Histogram(2);
        SplittableRandom random = new SplittableRandom(11);
        double[][] intervals = new double[3][];
        for (int interval = 0; interval < 3; interval++) {
            for (int i = 0; i < 1000; i++) {
                double seconds = random.nextDouble() < 0.7 ? 0 : random.nextDouble(0.0001, 0.01);
                recorder.record(seconds);
                oneByOne.recordValue(Math.round(seconds * 1e6));
                intervalOneByOne.recordValue(Math.round(seconds * 1e6));
            }
            intervals[interval] = recorder.takeInterval();
            assertThat(intervals[interval][0]).isEqualTo(0.0);
            assertThat(intervals[interval][1])
                    .isEqualTo(intervalOneByOne.medianEquivalentValue(intervalOneByOne.getValueAtPercentile(95)) / 1000.0);
            intervalOneByOne.reset();
        }
        Latency l = recorder.summary();
        assertThat(l.count()).isEqualTo(3000);
        assertThat(l.p50Ms()).isEqualTo(0.0);
        assertThat(l.p95Ms()).isEqualTo(oneByOne.medianEquivalentValue(oneByOne.getValueAtPercentile(95)) / 1000.0);
        assertThat(l.p99Ms()).isEqualTo(oneByOne.medianEquivalentValue(oneByOne.getValueAtPercentile(99)) / 1000.0);
        assertThat(l.p95Ms()).isGreaterThan(0.0);

        // A run of zeros alone, read before and after a buffer's worth of them.
        LatencyRecorder zeros = new LatencyRecorder(false);
        zeros.record(0);
        assertThat(zeros.summary().p99Ms()).isEqualTo(0.0);
        for (int i = 0; i < 3 * LatencyRecorder.BUFFERED; i++) {
            zeros.record(0);
        }
        zeros.record(0.002);
        assertThat(zeros.summary().count()).isEqualTo(3 * LatencyRecorder.BUFFERED + 2);
        assertThat(zeros.summary().p95Ms()).isEqualTo(0.0);
        assertThat(zeros.summary().p99Ms()).isEqualTo(2.0); // the 98th of 98 values
        assertThat(zeros.summary().maxMs()).isEqualTo(2.0);
    }

    @Test
    void resetDropsBufferedValues() {
        LatencyRecorder recorder = new LatencyRecorder(true);
        recorder.record(0.004);
        recorder.reset();
        assertThat(recorder.summary()).isEqualTo(Latency.NONE);
        assertThat(recorder.takeInterval()[0]).isNaN();
        recorder.record(0.002);
        assertThat(recorder.summary().maxMs()).isEqualTo(2.0);
        assertThat(recorder.summary().p99Ms()).isEqualTo(2.0);
    }

    @Test
    void percentilesAreThoseOfOneHistogramWhileItsCountsWiden() {
        // Counts start 1 byte wide and widen as a bucket passes 255 and 65,535: the total's 1 ms
        // bucket here past 40,000, and the interval histogram's in the second and third intervals.
        LatencyRecorder recorder = new LatencyRecorder(true);
        Histogram oneByOne = new Histogram(3);
        Histogram intervalOneByOne = new Histogram(2);
        SplittableRandom random = new SplittableRandom(13);
        int[] sizes = {20_000, 40_000, 45_000};
        for (int size : sizes) {
            for (int i = 0; i < size; i++) {
                // Many values in few buckets, so single buckets pass 32,767 too.
                double seconds = random.nextDouble() < 0.4 ? 0.001 : random.nextDouble() < 0.3 ? 0 : random.nextDouble(0, 0.02);
                recorder.record(seconds);
                oneByOne.recordValue(Math.round(seconds * 1e6));
                intervalOneByOne.recordValue(Math.round(seconds * 1e6));
            }
            double[] interval = recorder.takeInterval();
            for (int k = 0; k < 3; k++) {
                double percentile = new double[] {50, 95, 99}[k];
                assertThat(interval[k]).as("interval of %d, p%s", size, percentile).isEqualTo(
                        intervalOneByOne.medianEquivalentValue(intervalOneByOne.getValueAtPercentile(percentile)) / 1000.0);
            }
            intervalOneByOne.reset();
        }
        Latency l = recorder.summary();
        assertThat(l.count()).isEqualTo(105_000);
        assertThat(l.p50Ms()).isEqualTo(oneByOne.medianEquivalentValue(oneByOne.getValueAtPercentile(50)) / 1000.0);
        assertThat(l.p95Ms()).isEqualTo(oneByOne.medianEquivalentValue(oneByOne.getValueAtPercentile(95)) / 1000.0);
        assertThat(l.p99Ms()).isEqualTo(oneByOne.medianEquivalentValue(oneByOne.getValueAtPercentile(99)) / 1000.0);
        assertThat(l.p50Ms()).isEqualTo(1.0);
    }

    @Test
    void oneBucketCountsPastTwoToThe31() {
        // Over 2^31 zeros and one value: a bucket past 2^31, where signed 32-bit counts would overflow.
        LatencyRecorder recorder = new LatencyRecorder(false);
        recorder.record(0.003);
        long zeros = Integer.MAX_VALUE + 10L;
        for (long i = 0; i < zeros; i++) {
            recorder.record(0);
        }
        recorder.record(0.003);
        Latency l = recorder.summary();
        assertThat(l.count()).isEqualTo(zeros + 2);
        assertThat(l.p50Ms()).isEqualTo(0.0);
        assertThat(l.p99Ms()).isEqualTo(0.0);
        assertThat(l.maxMs()).isEqualTo(3.0);
    }

    @Test
    void zerosOfAnEarlierIntervalStayOutOfALaterOne() {
        // An unloaded queue's waits are zero until its first real one; those zeros belong to the
        // whole run's percentiles, not to the interval in which the first real value comes.
        LatencyRecorder recorder = new LatencyRecorder(true);
        for (int i = 0; i < 10; i++) {
            recorder.record(0);
        }
        assertThat(recorder.takeInterval()).containsExactly(0.0, 0.0, 0.0);
        assertThat(recorder.summary().p99Ms()).isEqualTo(0.0);
        recorder.record(0);
        assertThat(recorder.takeInterval()).containsExactly(0.0, 0.0, 0.0);
        recorder.record(0.002);
        assertThat(recorder.takeInterval()).containsExactly(2.0, 2.0, 2.0);
        Latency l = recorder.summary();
        assertThat(l.count()).isEqualTo(12);
        assertThat(l.p50Ms()).isEqualTo(0.0);
        assertThat(l.p95Ms()).isEqualTo(2.0); // the 12th of 12 values
        assertThat(recorder.takeInterval()[0]).isNaN();
    }
}
