// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.LatencyBuckets;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Each step of {@value NarrowHistogram#STEP} counts is as wide as its own largest count needs:
 * every count still equals HdrHistogram's, through widenings and ranges grown both ways, and a long
 * run widens only the steps of its most common values.
 */
class NarrowHistogramStepWidthTest {
    /** Every bucket's count from 0 to {@code upTo} equals the reference's, and so do the percentiles. */
    static void assertSameCounts(NarrowHistogram narrow, Histogram reference, long upTo, String what) {
        LatencyBuckets buckets = LatencyBuckets.of(narrow.significantDigits());
        assertThat(narrow.totalCount()).as("%s: total", what).isEqualTo(reference.getTotalCount());
        for (long v = 0; v >= 0 && v <= upTo; v = buckets.highestEquivalentValue(v) + 1) {
            assertThat(narrow.countAtValue(v)).as("%s: count at %d", what, v).isEqualTo(reference.getCountAtValue(v));
        }
        for (double p = 0.5; p < 100; p += 0.5) {
            assertThat(narrow.valueAtPercentile(p)).as("%s: p%s", what, p).isEqualTo(reference.getValueAtPercentile(p));
        }
    }

    @Test
    void anHourOfServiceTimesWidensOnlyTheStepsOfTheCommonValues() {
        NarrowHistogram narrow = new NarrowHistogram(3);
        Histogram reference = new Histogram(3);
        SplittableRandom random = new SplittableRandom(31);
        long max = 0;
        for (int i = 0; i < 360_000; i++) { // an hour at 100 msg/s of exp(0.5 ms), in microseconds
            long v = Math.round(-Math.log(1 - random.nextDouble()) * 500);
            narrow.record(v);
            reference.recordValue(v);
            max = Math.max(max, v);
        }
        assertSameCounts(narrow, reference, max, "an hour");
        // Buckets of 1 us below 2,048 us: those under about 0.5 ms hold over 255 (360,000 / 500 * e^-t/0.5),
        // so about 8 of the steps widen to 2 bytes; the tail's, of a few counts each, take less than a byte.
        int oneByteEach = (LatencyBuckets.of(3).index(max) / NarrowHistogram.STEP + 1) * NarrowHistogram.STEP;
        assertThat(narrow.countBytes()).isLessThan(oneByteEach);
    }

    @Test
    void stepsOfEveryWidthKeepTheirCountsAsTheRangeGrowsBothWaysAndAfterAReset() {
        NarrowHistogram narrow = new NarrowHistogram(3);
        Histogram reference = new Histogram(3);
        long[] values = {10_000, 30_000, 100_000, 300_000, 20_000};
        long[] counts = {1, 300, 70_000, 5L << 32, 255};
        for (int k = 0; k < values.length; k++) {
            narrow.recordWithCount(values[k], counts[k]);
            reference.recordValueWithCount(values[k], counts[k]);
            narrow.record(values[k] + 40); // a neighbour in the same step, one at a time
            reference.recordValue(values[k] + 40);
        }
        assertSameCounts(narrow, reference, 400_000, "one step of each width");
        for (long v : new long[] {3, 1L << 45, 0, 5000}) { // the range grows down, up, down, and inside
            for (int i = 0; i < 260; i++) {
                narrow.record(v + i % 3);
                reference.recordValue(v + i % 3);
            }
            assertSameCounts(narrow, reference, 400_000, "after " + v);
            assertThat(narrow.countAtValue(1L << 45)).isEqualTo(reference.getCountAtValue(1L << 45));
        }
        int bytes = narrow.countBytes();
        narrow.reset();
        reference.reset();
        assertSameCounts(narrow, reference, 400_000, "reset");
        narrow.record(300_000);
        reference.recordValue(300_000);
        assertSameCounts(narrow, reference, 400_000, "one value after the reset");
        assertThat(narrow.countBytes()).as("a reset keeps the range and widths").isEqualTo(bytes);
    }
}
