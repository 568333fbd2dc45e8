// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.api.LatencyBuckets;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Counts of non-negative values in HdrHistogram's buckets (lowest discernible value 1, any number
 * of significant digits from 1 to 5), so its percentiles are those of an
 * {@code org.HdrHistogram.Histogram} given the same values; in less memory, and at less cost a value.
 *
 * <p>Memory follows what was recorded, not the range a histogram could hold: counts are kept only
 * for the run of bucket indexes between the lowest and the highest value seen (in steps of
 * {@value #STEP} indexes), and the counts of each step are as wide as the largest of them needs,
 * 1 byte until one passes 255, then 2 bytes, 4, and 8 past 2^32 (a widening copies the counts
 * once). A run at a node records values of a few shapes: a few thousand buckets at a few hundred
 * values each, so a few KB, where a 3-digit HdrHistogram with 32-bit counts of the same values
 * takes 12 KB plus its iterators; in a long run only the steps of the most common values widen
 * (an hour of exponential service times of 0.5 ms: those under about 0.5 ms), not all of them. Whatever the input, a histogram holds at most one count per bucket index of the
 * whole {@code long} range (55,296 at 3 digits), so its memory is capped.
 *
 * <p>Recording a value is its index, a bounds check and an increment: no minimum and maximum (two
 * volatile fields HdrHistogram updates on every value; the latency recorder keeps its own exact
 * ones), and no auto-resize through an exception. Not thread-safe: the engine thread's alone.
 */
final class NarrowHistogram {
    /** Indexes a range grows by: 64 one-byte counts, one cache line. */
    static final int STEP = 64;
    private static final int STEP_SHIFT = 6;
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int significantDigits;
    /** Shared by every histogram of these digits. */
    private final LatencyBuckets buckets;
    /** One past the index of {@code Long.MAX_VALUE}: no index reaches it. */
    private final int indexLimit;

    /** Bucket index of the first count held. */
    private int base;
    /** How many counts are held, from {@link #base}. */
    private int length;
    /** The counts, step after step, little-endian, each step's as wide as its largest count needs. */
    private byte[] counts = new byte[0];
    /**
     * Where each step's counts start in {@link #counts}, in units of {@value #STEP} bytes, then the
     * end: a step's width in bytes is the difference to the next. Null while every step is 1 byte wide.
     */
    private int[] starts;
    private long totalCount;

    /**
     * An empty histogram.
     *
     * @param significantDigits as HdrHistogram's {@code numberOfSignificantValueDigits}, 1 to 5
     */
    NarrowHistogram(int significantDigits) {
        this.buckets = LatencyBuckets.of(significantDigits);
        this.significantDigits = significantDigits;
        this.indexLimit = buckets.indexLimit();
    }

    int significantDigits() {
        return significantDigits;
    }

    long totalCount() {
        return totalCount;
    }

    /** Bytes held in counts (for tests and measurements). */
    int countBytes() {
        return counts.length;
    }

    /** The count of {@code value}'s bucket (for tests). */
    long countAtValue(long value) {
        int i = index(value) - base;
        return i < 0 || i >= length ? 0 : countAt(i);
    }

    /** Records one value, at least zero (a negative one would index outside the range held). */
    void record(long value) {
        int i = index(value) - base;
        if (i < 0 || i >= length) {
            i = cover(i + base);
        }
        int width = 1;
        int at = i;
        if (starts != null) {
            int step = i >>> STEP_SHIFT;
            width = starts[step + 1] - starts[step];
            at = offset(i, step, width);
        }
        switch (width) {
            case 1 -> {
                int c = (counts[at] & 0xFF) + 1;
                if (c <= 0xFF) {
                    counts[at] = (byte) c;
                } else {
                    set(i, c);
                }
            }
            case 2 -> {
                int c = ((short) SHORTS.get(counts, at) & 0xFFFF) + 1;
                if (c <= 0xFFFF) {
                    SHORTS.set(counts, at, (short) c);
                } else {
                    set(i, c);
                }
            }
            case 4 -> {
                int c = (int) INTS.get(counts, at) + 1; // unsigned: -1 is 2^32 - 1
                if (c != 0) {
                    INTS.set(counts, at, c);
                } else {
                    set(i, 1L << 32);
                }
            }
            default -> LONGS.set(counts, at, (long) LONGS.get(counts, at) + 1);
        }
        totalCount++;
    }

    /** Records {@code n} values, each at least zero. */
    void recordAll(long[] values, int n) {
        for (int k = 0; k < n; k++) {
            record(values[k]);
        }
    }

    /** Records {@code value} {@code count} times; {@code count} at least zero. */
    void recordWithCount(long value, long count) {
        if (count <= 0) {
            return;
        }
        int i = index(value) - base;
        if (i < 0 || i >= length) {
            i = cover(i + base);
        }
        set(i, countAt(i) + count);
        totalCount += count;
    }

    /** Drops every count; the range and widths stay, so a histogram reset every interval allocates nothing. */
    void reset() {
        Arrays.fill(counts, (byte) 0);
        totalCount = 0;
    }

    /**
     * As HdrHistogram's {@code getValueAtPercentile}, step for step (the same rounding): the highest
     * value equivalent to the bucket the percentile's count falls in (the lowest for percentile 0),
     * 0 when empty.
     */
    long valueAtPercentile(double percentile) {
        double requestedPercentile =
                Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0), 100.0);
        double fractionalCount = requestedPercentile * totalCount / 100.0;
        long countAtPercentile = Math.max((long) Math.ceil(fractionalCount), 1);
        long totalToCurrentIndex = 0;
        for (int i = 0; i < length; i++) {
            totalToCurrentIndex += countAt(i);
            if (totalToCurrentIndex >= countAtPercentile) {
                long valueAtIndex = valueFromIndex(base + i);
                return percentile == 0.0 ? lowestEquivalentValue(valueAtIndex) : highestEquivalentValue(valueAtIndex);
            }
        }
        return 0;
    }

    /** As HdrHistogram's {@code lowestEquivalentValue}: the lowest value in {@code value}'s bucket. */
    long lowestEquivalentValue(long value) {
        return buckets.lowestEquivalentValue(value);
    }

    /** As HdrHistogram's {@code highestEquivalentValue}. */
    long highestEquivalentValue(long value) {
        return buckets.highestEquivalentValue(value);
    }

    /** As HdrHistogram's {@code medianEquivalentValue}. */
    long medianEquivalentValue(long value) {
        return buckets.medianEquivalentValue(value);
    }

    private int index(long value) {
        return buckets.index(value);
    }

    private long valueFromIndex(int index) {
        return buckets.valueFromIndex(index);
    }

    /** Where count {@code i}, of step {@code step} whose counts are {@code width} bytes, is in {@link #counts}. */
    private int offset(int i, int step, int width) {
        return (starts[step] << STEP_SHIFT) + (i & (STEP - 1)) * width;
    }

    private int widthOf(int step) {
        return starts == null ? 1 : starts[step + 1] - starts[step];
    }

    private long countAt(int i) {
        if (starts == null) {
            return counts[i] & 0xFF;
        }
        int step = i >>> STEP_SHIFT;
        int width = starts[step + 1] - starts[step];
        return read(offset(i, step, width), width);
    }

    private long read(int at, int width) {
        return switch (width) {
            case 1 -> counts[at] & 0xFF;
            case 2 -> (short) SHORTS.get(counts, at) & 0xFFFF;
            case 4 -> Integer.toUnsignedLong((int) INTS.get(counts, at));
            default -> (long) LONGS.get(counts, at);
        };
    }

    private void write(int at, int width, long count) {
        switch (width) {
            case 1 -> counts[at] = (byte) count;
            case 2 -> SHORTS.set(counts, at, (short) count);
            case 4 -> INTS.set(counts, at, (int) count);
            default -> LONGS.set(counts, at, count);
        }
    }

    /** Sets count {@code i}, first widening its step's counts if {@code count} does not fit them. */
    private void set(int i, long count) {
        int step = i >>> STEP_SHIFT;
        int width = widthOf(step);
        long max = width == 8 ? Long.MAX_VALUE : (1L << (8 * width)) - 1;
        if (count > max) {
            width = count <= 0xFFFF ? 2 : count <= 0xFFFF_FFFFL ? 4 : 8;
            widen(step, width);
        }
        write(starts == null ? i : offset(i, step, width), width, count);
    }

    /** Copies the counts of {@code step} into {@code to} bytes each; the other steps' counts move, unchanged. */
    private void widen(int step, int to) {
        int steps = length >>> STEP_SHIFT;
        if (starts == null) {
            starts = new int[steps + 1];
            for (int k = 0; k <= steps; k++) {
                starts[k] = k;
            }
        }
        int from = widthOf(step);
        long[] values = new long[STEP];
        for (int k = 0; k < STEP; k++) {
            values[k] = countAt((step << STEP_SHIFT) + k);
        }
        int stepEnd = starts[step + 1] << STEP_SHIFT;
        int grow = (to - from) << STEP_SHIFT;
        byte[] grown = new byte[counts.length + grow];
        System.arraycopy(counts, 0, grown, 0, starts[step] << STEP_SHIFT);
        System.arraycopy(counts, stepEnd, grown, stepEnd + grow, counts.length - stepEnd);
        counts = grown;
        for (int k = step + 1; k <= steps; k++) {
            starts[k] += to - from;
        }
        for (int k = 0; k < STEP; k++) {
            write(offset((step << STEP_SHIFT) + k, step, to), to, values[k]);
        }
    }

    /**
     * Grows the range held to take bucket index {@code index}, by whole steps of 1-byte counts, and
     * answers the index's place in it. Counts outside the old range are zero, as they were.
     */
    private int cover(int index) {
        int from = length == 0 ? index / STEP * STEP : Math.min(base, index / STEP * STEP);
        int to = length == 0 ? from + STEP : Math.max(base + length, (index / STEP + 1) * STEP);
        to = Math.min(to, (indexLimit + STEP - 1) / STEP * STEP);
        int oldSteps = length >>> STEP_SHIFT;
        int before = length == 0 ? 0 : (base - from) >>> STEP_SHIFT; // none before an empty range, whose base means nothing
        int after = ((to - from) >>> STEP_SHIFT) - before - oldSteps;
        byte[] grown = new byte[counts.length + ((before + after) << STEP_SHIFT)];
        System.arraycopy(counts, 0, grown, before << STEP_SHIFT, counts.length);
        counts = grown;
        if (starts != null) {
            int[] moved = new int[before + oldSteps + after + 1];
            for (int k = 0; k < before; k++) {
                moved[k] = k;
            }
            for (int k = 0; k <= oldSteps; k++) {
                moved[before + k] = starts[k] + before;
            }
            for (int k = 1; k <= after; k++) {
                moved[before + oldSteps + k] = moved[before + oldSteps] + k;
            }
            starts = moved;
        }
        base = from;
        length = to - from;
        return index - from;
    }
}
