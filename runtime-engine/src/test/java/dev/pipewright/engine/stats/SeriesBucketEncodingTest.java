// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.CompactSeries;
import dev.pipewright.engine.api.LatencyBuckets;
import dev.pipewright.engine.api.SeriesBlock;
import dev.pipewright.engine.api.SeriesPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A node's interval percentiles go into its time series as the index of their bucket in the
 * recorder's 2-digit histogram: they must come back as the recorder answered them, so within the
 * histogram's own precision of the true percentile of the values, and take a byte each while they
 * move by a few buckets.
 */
class SeriesBucketEncodingTest {
    private static final LatencyBuckets TWO_DIGITS = LatencyBuckets.of(2);
    private static final double[] PERCENTILES = {50, 95, 99};

    /** One interval of {@code micros} through a recorder into a series buffer and back. */
    private static final class Interval {
        final long[] micros;
        final double[] recorded;
        SeriesPoint decoded;

        Interval(long... micros) {
            this.micros = micros;
            LatencyRecorder recorder = new LatencyRecorder(true);
            for (long m : micros) {
                recorder.record(m / 1e6);
            }
            recorded = recorder.takeInterval();
        }
    }

    /** Every interval as one sample a second of one buffer, decoded again from its list. */
    private static List<Interval> throughSeries(List<Interval> intervals) {
        SeriesBuffer buffer = new SeriesBuffer(intervals.size());
        for (int i = 0; i < intervals.size(); i++) {
            double[] p = intervals.get(i).recorded;
            buffer.add(new SeriesPoint(i + 1, 0, 0, 0, p[0], p[1], p[2]));
        }
        List<SeriesPoint> series = buffer.toList();
        assertThat(series).isInstanceOf(CompactSeries.class).hasSize(intervals.size());
        for (int i = 0; i < intervals.size(); i++) {
            intervals.get(i).decoded = series.get(i);
        }
        return intervals;
    }

    /** The nearest-rank percentile of the values, as HdrHistogram ranks them: the ceil(p% of n)-th. */
    private static long truePercentile(long[] micros, double percentile) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.max(1, Math.ceil(percentile / 100 * sorted.length));
        return sorted[rank - 1];
    }

    private static double[] decodedPercentiles(SeriesPoint p) {
        return new double[] {p.p50Ms(), p.p95Ms(), p.p99Ms()};
    }

    private static void assertWithinPrecision(Interval interval, String what) {
        double[] decoded = decodedPercentiles(interval.decoded);
        for (int k = 0; k < 3; k++) {
            // Bit for bit what the recorder answered...
            assertThat(Double.doubleToRawLongBits(decoded[k])).as("%s, p%s as recorded", what, PERCENTILES[k])
                    .isEqualTo(Double.doubleToRawLongBits(interval.recorded[k]));
            // ...which is in the true percentile's bucket: off by less than the bucket's width.
            long trueMicros = truePercentile(interval.micros, PERCENTILES[k]);
            double bucketMs = (TWO_DIGITS.highestEquivalentValue(trueMicros) + 1
                    - TWO_DIGITS.lowestEquivalentValue(trueMicros)) / 1e3;
            assertThat(Math.abs(decoded[k] - trueMicros / 1e3)).as("%s, p%s of true %d us", what, PERCENTILES[k],
                    trueMicros).isLessThan(bucketMs);
        }
    }

    @Test
    void busyIntervalsComeBackAsRecordedAndWithinTheBucketOfTheTruePercentile() {
        SplittableRandom random = new SplittableRandom(23);
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            int n = 1 + random.nextInt(i % 2 == 0 ? 150 : 5); // a few values, or about 100 a second
            long[] micros = new long[n];
            for (int j = 0; j < n; j++) {
                micros[j] = Math.round(-Math.log(1 - random.nextDouble()) * 500); // exp(0.5 ms)
            }
            intervals.add(new Interval(micros));
        }
        for (Interval interval : throughSeries(intervals)) {
            assertWithinPrecision(interval, "interval of " + interval.micros.length);
        }
    }

    @Test
    void worstCasesEmptyOneValueAndExtremes() {
        long hour = 3_600_000_000L;
        List<Interval> intervals = List.of(new Interval(), new Interval(1), new Interval(0), new Interval(0, 0, 0),
                new Interval(10_000), new Interval(hour), new Interval(365 * 24 * hour), new Interval(1, hour),
                new Interval(0, 1L << 40), new Interval(), new Interval(255, 256, 257, 511, 512, 513));
        throughSeries(intervals);
        assertThat(decodedPercentiles(intervals.getFirst().decoded)).containsOnly(Double.NaN);
        assertThat(decodedPercentiles(intervals.get(9).decoded)).containsOnly(Double.NaN);
        // One value reads as itself, not as its bucket's middle (the recorder keeps its exact min and max).
        assertThat(decodedPercentiles(intervals.get(4).decoded)).containsOnly(10.0);
        assertThat(decodedPercentiles(intervals.get(5).decoded)).containsOnly(hour / 1e3);
        for (Interval interval : intervals) {
            if (interval.micros.length > 0) {
                assertWithinPrecision(interval, Arrays.toString(interval.micros));
            }
        }
    }

    @Test
    void aPercentileThatMovesByAFewBucketsTakesOneByte() {
        SeriesBlock.Writer writer = new SeriesBlock.Writer();
        long p50 = 400;
        long p95 = 1460;
        long p99 = 2248;
        for (int t = 1; t <= SeriesBlock.SAMPLES; t++) {
            // Middles of 2-digit buckets, as the recorder's interval percentiles are, a few buckets apart.
            int step = t % 2 == 0 ? 3 : -3;
            p50 = TWO_DIGITS.medianEquivalentValue(p50 + step * 2L);
            p95 = TWO_DIGITS.medianEquivalentValue(p95 + step * 8L);
            p99 = TWO_DIGITS.medianEquivalentValue(p99 + step * 8L);
            writer.add(new SeriesPoint(t, 0, 0, 0, p50 / 1e3, p95 / 1e3, p99 / 1e3));
        }
        // The first sample: its time (9 bytes) and its three bucket indexes from 0 (2 bytes each).
        int first = 1 + 9 + 3 * 2;
        assertThat(writer.toBlock().encodedBytes()).isEqualTo(first + (SeriesBlock.SAMPLES - 1) * (1 + 3));
    }
}
