// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import static dev.pipewright.engine.stats.NarrowHistogramStepWidthTest.assertSameCounts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.LatencyBuckets;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * A step's counts take 1, 2, 4 or 8 bits each, packed in bytes, before 16, 32 and 64: every count
 * still equals HdrHistogram's, packed neighbours never disturb each other, and a histogram's bytes
 * are, step by step, 8 times the bits its largest count needs (rounded up to a power of two).
 */
class NarrowHistogramBitWidthTest {
    private static final LatencyBuckets BUCKETS = LatencyBuckets.of(3);

    /** The bytes a histogram of {@code reference}'s counts should hold, from its lowest step to its highest. */
    private static int expectedBytes(Histogram reference, long min, long max) {
        int bytes = 0;
        for (int step = BUCKETS.index(min) / NarrowHistogram.STEP; step <= BUCKETS.index(max) / NarrowHistogram.STEP;
                step++) {
            long largest = 0;
            for (int k = 0; k < NarrowHistogram.STEP; k++) {
                int index = step * NarrowHistogram.STEP + k;
                if (index < BUCKETS.indexLimit()) {
                    largest = Math.max(largest, reference.getCountAtValue(BUCKETS.valueFromIndex(index)));
                }
            }
            int bits = 1;
            while (bits < 64 && largest >>> bits != 0) {
                bits *= 2;
            }
            bytes += bits * NarrowHistogram.STEP / 8;
        }
        return bytes;
    }

    @Test
    void tenMinutesOfServiceTimesTakeTheBitsEachStepNeeds() {
        NarrowHistogram narrow = new NarrowHistogram(3);
        Histogram reference = new Histogram(3);
        SplittableRandom random = new SplittableRandom(7);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 60_000; i++) { // 600 s at 100 msg/s of exp(0.5 ms), in microseconds, from 100 us
            long v = 100 + Math.round(-Math.log(1 - random.nextDouble()) * 500);
            narrow.record(v);
            reference.recordValue(v);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertSameCounts(narrow, reference, max, "600 s");
        assertThat(narrow.countBytes()).isEqualTo(expectedBytes(reference, min, max));
        // A byte a bucket was (index(max) - the step of 100 us) bytes; the tail's take 1 to 4 bits.
        int oneByteEach = (BUCKETS.index(max) / NarrowHistogram.STEP - BUCKETS.index(min) / NarrowHistogram.STEP + 1)
                * NarrowHistogram.STEP;
        assertThat(narrow.countBytes()).isLessThan(oneByteEach * 3 / 4);
    }

    @Test
    void oneStepWidensThroughEveryWidthKeepingEachCount() {
        NarrowHistogram narrow = new NarrowHistogram(3);
        Histogram reference = new Histogram(3);
        long value = 5_000;
        int[] bytesAt = new int[70_000];
        for (int n = 1; n < bytesAt.length; n++) {
            narrow.record(value);
            reference.recordValue(value);
            bytesAt[n] = narrow.countBytes();
            assertThat(narrow.countAtValue(value)).isEqualTo(n);
        }
        // 64 counts of 1, 2, 4, 8 and 16 bits: 8, 16, 32, 64 and 128 bytes.
        assertThat(new int[] {bytesAt[1], bytesAt[2], bytesAt[3], bytesAt[4], bytesAt[15], bytesAt[16], bytesAt[255],
                bytesAt[256], bytesAt[65_535], bytesAt[65_536]})
                .containsExactly(8, 16, 16, 32, 32, 64, 64, 128, 128, 256);
        narrow.recordWithCount(value, (1L << 32) - 69_999);
        assertThat(narrow.countBytes()).isEqualTo(512);
        reference.recordValueWithCount(value, (1L << 32) - 69_999);
        assertSameCounts(narrow, reference, 10_000, "past 2^32");
    }

    @Test
    void packedNeighboursKeepTheirOwnCounts() {
        // Each width's step holds counts of every size it can (0 to its largest), in every position of a byte.
        for (int bits : new int[] {1, 2, 4, 8}) {
            NarrowHistogram narrow = new NarrowHistogram(3);
            Histogram reference = new Histogram(3);
            int first = 64 * 64; // a step's first index: values of 2 us buckets from 4,096
            long full = (1L << bits) - 1;
            for (int round = 0; round < full; round++) {
                for (int k = 0; k < NarrowHistogram.STEP; k++) {
                    if ((k * 7 + round) % (full + 1) < full) {
                        long v = BUCKETS.valueFromIndex(first + k);
                        narrow.record(v);
                        reference.recordValue(v);
                    }
                }
            }
            narrow.record(BUCKETS.valueFromIndex(first));
            reference.recordValue(BUCKETS.valueFromIndex(first));
            assertSameCounts(narrow, reference, 20_000, bits + " bits");
        }
    }

    @Test
    void valuesAtBothEndsOfTheRangeTakeOneBitABucketBetween() {
        NarrowHistogram narrow = new NarrowHistogram(3);
        Histogram reference = new Histogram(3);
        for (int i = 0; i < 1000; i++) { // alternating: the range grows to the whole long range at once
            long v = i % 2 == 0 ? 0 : Long.MAX_VALUE;
            narrow.record(v);
            reference.recordValue(v);
        }
        assertThat(narrow.valueAtPercentile(50)).isEqualTo(reference.getValueAtPercentile(50));
        assertThat(narrow.valueAtPercentile(99)).isEqualTo(reference.getValueAtPercentile(99));
        assertThat(narrow.countAtValue(0)).isEqualTo(500);
        assertThat(narrow.countAtValue(Long.MAX_VALUE)).isEqualTo(500);
        assertThat(narrow.countAtValue(1L << 40)).isZero();
        // 864 steps of 64 indexes: the two ends' steps at 16 bits (128 bytes), the 862 between at 1 bit (8 bytes);
        // a byte a bucket would be 55,296 bytes.
        assertThat(narrow.countBytes()).isEqualTo(expectedBytes(reference, 0, Long.MAX_VALUE))
                .isEqualTo(862 * 8 + 2 * 128);
        // Then every bucket at once, one value each: still 1 bit each.
        for (int index = 1; index < BUCKETS.indexLimit() - 1; index++) {
            narrow.record(BUCKETS.valueFromIndex(index));
            reference.recordValue(BUCKETS.valueFromIndex(index));
        }
        assertThat(narrow.countBytes()).isEqualTo(862 * 8 + 2 * 128);
        assertSameCounts(narrow, reference, 1L << 50, "every bucket");
    }
}
