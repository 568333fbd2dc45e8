// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.LatencyBuckets;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * A {@link NarrowHistogram} answers every percentile exactly as an HdrHistogram {@link Histogram}
 * of the same significant digits given the same values, on inputs chosen to break it: one value
 * repeated, the whole {@code long} range, zeros, counts past each width, ranges grown downwards,
 * millions of values.
 */
class NarrowHistogramTest {
    /** Percentiles asked: the recorder's three, the ends, and a fine sweep between. */
    private static final double[] PERCENTILES = percentiles();

    private static double[] percentiles() {
        double[] p = new double[212];
        int k = 0;
        double[] named = {0, 1e-9, 0.001, 0.1, 50, 95, 99, 99.9, 99.99, 99.999, 100, Math.nextDown(100.0)};
        for (double x : named) {
            p[k++] = x;
        }
        for (int i = 0; i < 200; i++) {
            p[k++] = i * 0.5 + 0.25;
        }
        return p;
    }

    /** Both histograms, fed the same values. */
    private static final class Pair {
        final NarrowHistogram narrow;
        final Histogram reference;

        Pair(int digits) {
            narrow = new NarrowHistogram(digits);
            reference = new Histogram(digits);
        }

        void record(long value) {
            narrow.record(value);
            reference.recordValue(value);
        }

        void recordWithCount(long value, long count) {
            narrow.recordWithCount(value, count);
            reference.recordValueWithCount(value, count);
        }

        void assertSame(String what) {
            assertThat(narrow.totalCount()).as("%s: total", what).isEqualTo(reference.getTotalCount());
            for (double p : PERCENTILES) {
                long expected = reference.getValueAtPercentile(p);
                long actual = narrow.valueAtPercentile(p);
                assertThat(actual).as("%s: p%s", what, p).isEqualTo(expected);
                assertThat(narrow.medianEquivalentValue(actual)).as("%s: median of p%s", what, p)
                        .isEqualTo(reference.medianEquivalentValue(expected));
            }
        }
    }

    @Test
    void anEmptyHistogramAnswersAsHdrHistogramDoes() {
        for (int digits = 1; digits <= 3; digits++) {
            new Pair(digits).assertSame("empty, " + digits + " digits");
        }
    }

    @Test
    void oneValueRepeatedAMillionTimes() {
        for (long value : new long[] {0, 1, 2047, 2048, 10_000, 123_456_789, Long.MAX_VALUE}) {
            Pair pair = new Pair(3);
            for (int i = 0; i < 1_000_000; i++) {
                pair.record(value);
            }
            pair.assertSame("1,000,000 x " + value);
            assertThat(pair.narrow.countBytes()).as("one bucket's step, counts of 4 bytes")
                    .isEqualTo(NarrowHistogram.STEP * 4);
        }
    }

    @Test
    void valuesOverTheWholeLongRangeAtEveryPrecision() {
        SplittableRandom random = new SplittableRandom(17);
        for (int digits = 1; digits <= 3; digits++) {
            Pair pair = new Pair(digits);
            pair.record(0);
            pair.record(Long.MAX_VALUE);
            for (int i = 0; i < 200_000; i++) {
                pair.record(random.nextLong() >>> random.nextInt(1, 64)); // every magnitude
            }
            pair.assertSame("whole range, " + digits + " digits");
        }
    }

    @Test
    void zerosAloneAndAmongValues() {
        Pair zeros = new Pair(3);
        zeros.recordWithCount(0, 5_000_000);
        zeros.assertSame("zeros only");

        Pair mixed = new Pair(2);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 300_000; i++) {
            mixed.record(random.nextDouble() < 0.9 ? 0 : random.nextLong(1, 5_000));
        }
        mixed.assertSame("90% zeros");
    }

    @Test
    void countsWidenPastEachWidthOneAtATimeAndManyAtOnce() {
        Pair pair = new Pair(3);
        for (int i = 0; i < 70_000; i++) { // one bucket past 255, then past 65,535
            pair.record(1000);
            if (i % 7 == 0) {
                pair.record(i % 3000);
            }
        }
        pair.assertSame("one bucket past 2^16");
        pair.recordWithCount(5000, (1L << 32) - 1 - pair.reference.getCountAtValue(5000)); // at the 32-bit top
        pair.assertSame("a bucket at 2^32 - 1");
        pair.record(5000); // past it, one at a time
        pair.assertSame("a bucket at 2^32");
        pair.recordWithCount(1, 3L << 40);
        pair.recordWithCount(Long.MAX_VALUE, 1L << 33);
        pair.assertSame("buckets past 2^41");
    }

    @Test
    void rangesGrownDownwardsUpwardsAndAcrossKeepEveryCount() {
        Pair down = new Pair(3);
        for (long v = 1L << 40; v > 0; v = v * 9 / 10) {
            down.record(v);
            down.record(v + 1);
        }
        down.assertSame("falling values");
        Pair up = new Pair(3);
        for (long v = 1; v > 0 && v < Long.MAX_VALUE / 2; v = v * 11 / 10 + 1) {
            up.recordWithCount(v, 300); // counts wider than a byte while the range grows
        }
        up.assertSame("rising values, 300 each");
    }

    @Test
    void millionsOfValuesOfTheShapesARunRecords() {
        SplittableRandom random = new SplittableRandom(29);
        Pair exponential = new Pair(3);
        Pair logUniform = new Pair(3);
        Pair interval = new Pair(2);
        for (int i = 0; i < 3_000_000; i++) {
            long micros = Math.round(-Math.log(1 - random.nextDouble()) * 500); // exp(0.5 ms)
            exponential.record(micros);
            interval.record(micros);
            logUniform.record(Math.round(Math.exp(random.nextDouble(0, Math.log(3.6e9))))); // 1 µs to 1 h
        }
        exponential.assertSame("exponential");
        logUniform.assertSame("log-uniform");
        interval.assertSame("exponential, 2 digits");
    }

    @Test
    void aResetHistogramAnswersAsANewOne() {
        Pair pair = new Pair(2);
        for (int i = 0; i < 100_000; i++) {
            pair.record(i % 700 == 0 ? 1 << 30 : 300);
        }
        pair.narrow.reset();
        pair.reference.reset();
        pair.assertSame("reset");
        pair.record(7);
        pair.record(1 << 20);
        pair.assertSame("after a reset");
    }

    @Test
    void memoryIsCappedWhateverTheValues() {
        NarrowHistogram h = new NarrowHistogram(3);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 2_000_000; i++) {
            h.record(random.nextLong() >>> random.nextInt(1, 64));
        }
        // Every bucket index of the long range (55,296 at 3 digits, as HdrHistogram's counts array
        // for Long.MAX_VALUE), 1 byte each but in the 4 steps of the smallest values, whose buckets
        // hold thousands each: 2 bytes there.
        Histogram full = new Histogram(3);
        full.recordValue(Long.MAX_VALUE);
        int indexes = (full.getEstimatedFootprintInBytes() - 512) / 8;
        assertThat(indexes).isEqualTo(55_296);
        assertThat(h.countBytes()).isEqualTo(indexes + 4 * NarrowHistogram.STEP);
        // The most any histogram can hold: 8 bytes for each of them, 442 KB, once every step holds a count past 2^32.
        LatencyBuckets buckets = LatencyBuckets.of(3);
        for (int index = 0; index < indexes; index += NarrowHistogram.STEP) {
            h.recordWithCount(buckets.valueFromIndex(index), 1L << 40);
        }
        assertThat(h.countBytes()).isEqualTo(8 * indexes);
        // A few thousand microsecond values: a few KB, not the range's.
        NarrowHistogram small = new NarrowHistogram(3);
        for (int i = 0; i < 60_000; i++) {
            small.record(Math.round(-Math.log(1 - random.nextDouble()) * 500));
        }
        assertThat(small.countBytes()).isLessThanOrEqualTo(4096);
    }
}
