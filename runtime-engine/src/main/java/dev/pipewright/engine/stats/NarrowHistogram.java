// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.api.LatencyBuckets;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Counts of non-negative values in HdrHistogram's buckets (lowest discernible value 1, 1 to 3
 * significant digits: the engine's are 2 and 3), so its percentiles are those of an
 * {@code org.HdrHistogram.Histogram} given the same values; in less memory, and at less cost a value.
 *
 * <p>Memory follows what was recorded, not the range a histogram could hold: counts are kept only
 * for the run of bucket indexes between the lowest and the highest value seen (in steps of
 * {@value #STEP} indexes), and the counts of each step are as wide as the largest of them needs:
 * 1 bit while none passes 1, then 2 bits, 4, 8, 16, 32 and 64 (a widening copies the counts once).
 * A run at a node records values of a few shapes, most of them a hump and a long tail: an hour of
 * exponential service times of 0.5 ms in microseconds fills about 3,700 buckets, those under about
 * 0.5 ms with hundreds each (16 bits), the tail's with a few or none (1 to 4 bits), where a 3-digit
 * HdrHistogram with 32-bit counts of the same values takes 12 KB plus its iterators. Whatever the
 * input, a histogram holds at most one 64-bit count per bucket index of the whole {@code long}
 * range (55,296 at 3 digits), so its memory is capped.
 *
 * <p>Recording a value is its index, a bounds check, its step's width and an increment: no
 * minimum and maximum (two volatile fields HdrHistogram updates on every value; the latency
 * recorder keeps its own exact ones), and no auto-resize through an exception. Not thread-safe:
 * the engine thread's alone.
 */
final class NarrowHistogram {
    /** Indexes a range grows by; 64 counts of w bits are w 8-byte units. */
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
    /**
     * The counts, step after step, each step's as wide as its largest count needs: of 1 to 8 bits
     * packed from a byte's lowest bit up, of 16 to 64 bits little-endian.
     */
    private byte[] counts = new byte[0];
    /**
     * Where each step's counts start in {@link #counts}, in units of 8 bytes, then the end: a step's
     * width in bits is the difference to the next (64 counts of w bits are w units). At 3 digits
     * there are at most 55,296 units, so a {@code char} holds any start.
     */
    private char[] starts = {0};
    private long totalCount;

    /**
     * An empty histogram.
     *
     * @param significantDigits as HdrHistogram's {@code numberOfSignificantValueDigits}, 1 to 3
     * @throws IllegalArgumentException past 3 (its starts would not fit a {@code char})
     */
    NarrowHistogram(int significantDigits) {
        if (significantDigits > 3) {
            throw new IllegalArgumentException("at most 3 significant digits, not " + significantDigits);
        }
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
        int step = i >>> STEP_SHIFT;
        int from = starts[step];
        int width = starts[step + 1] - from;
        if (width <= 8) {
            // The common case: a count packed in a byte, incremented in place unless it is full.
            int bit = (i & (STEP - 1)) * width;
            int at = (from << 3) + (bit >>> 3);
            int shift = bit & 7;
            int full = (1 << width) - 1;
            int packed = counts[at];
            if (((packed >>> shift) & full) != full) {
                counts[at] = (byte) (packed + (1 << shift));
            } else {
                set(i, full + 1L);
            }
        } else if (width == 16) {
            int at = (from << 3) + ((i & (STEP - 1)) << 1);
            int c = ((short) SHORTS.get(counts, at) & 0xFFFF) + 1;
            if (c <= 0xFFFF) {
                SHORTS.set(counts, at, (short) c);
            } else {
                set(i, c);
            }
        } else {
            set(i, countAt(i) + 1);
        }
        totalCount++;
    }

    /** Records {@code n} values, each at least zero. */
    void recordAll(int[] values, int n) {
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

    private long countAt(int i) {
        int step = i >>> STEP_SHIFT;
        int from = starts[step] << 3;
        int width = starts[step + 1] - starts[step];
        int k = i & (STEP - 1);
        return switch (width) {
            case 16 -> (short) SHORTS.get(counts, from + 2 * k) & 0xFFFF;
            case 32 -> Integer.toUnsignedLong((int) INTS.get(counts, from + 4 * k));
            case 64 -> (long) LONGS.get(counts, from + 8 * k);
            default -> {
                int bit = k * width;
                yield (counts[from + (bit >>> 3)] >>> (bit & 7)) & ((1 << width) - 1);
            }
        };
    }

    /** Writes count {@code i}, which fits its step's width. */
    private void write(int i, long count) {
        int step = i >>> STEP_SHIFT;
        int from = starts[step] << 3;
        int width = starts[step + 1] - starts[step];
        int k = i & (STEP - 1);
        switch (width) {
            case 16 -> SHORTS.set(counts, from + 2 * k, (short) count);
            case 32 -> INTS.set(counts, from + 4 * k, (int) count);
            case 64 -> LONGS.set(counts, from + 8 * k, count);
            default -> {
                int bit = k * width;
                int at = from + (bit >>> 3);
                int field = ((1 << width) - 1) << (bit & 7);
                counts[at] = (byte) ((counts[at] & ~field) | (((int) count << (bit & 7)) & field));
            }
        }
    }

    /** Sets count {@code i}, first widening its step's counts if {@code count} does not fit them. */
    private void set(int i, long count) {
        int step = i >>> STEP_SHIFT;
        int width = starts[step + 1] - starts[step];
        if (width < 64 && count >>> width != 0) {
            int bits = 64 - Long.numberOfLeadingZeros(count);
            widen(step, Integer.highestOneBit(bits - 1) << 1); // the power of two at or above bits (2 or more)
        }
        write(i, count);
    }

    /** Copies the counts of {@code step} into {@code to} bits each; the other steps' counts move, unchanged. */
    private void widen(int step, int to) {
        long[] values = new long[STEP];
        for (int k = 0; k < STEP; k++) {
            values[k] = countAt((step << STEP_SHIFT) + k);
        }
        int from = starts[step + 1] - starts[step];
        int stepEnd = starts[step + 1] << 3;
        int grow = (to - from) << 3;
        byte[] grown = new byte[counts.length + grow];
        System.arraycopy(counts, 0, grown, 0, starts[step] << 3);
        System.arraycopy(counts, stepEnd, grown, stepEnd + grow, counts.length - stepEnd);
        counts = grown;
        for (int k = step + 1; k < starts.length; k++) {
            starts[k] += (char) (to - from);
        }
        for (int k = 0; k < STEP; k++) {
            write((step << STEP_SHIFT) + k, values[k]);
        }
    }

    /**
     * Grows the range held to take bucket index {@code index}, by whole steps of 1-bit counts, and
     * answers the index's place in it. Counts outside the old range are zero, as they were.
     */
    private int cover(int index) {
        int from = length == 0 ? index / STEP * STEP : Math.min(base, index / STEP * STEP);
        int to = length == 0 ? from + STEP : Math.max(base + length, (index / STEP + 1) * STEP);
        to = Math.min(to, (indexLimit + STEP - 1) / STEP * STEP);
        int oldSteps = length >>> STEP_SHIFT;
        int before = length == 0 ? 0 : (base - from) >>> STEP_SHIFT; // none before an empty range, whose base means nothing
        int after = ((to - from) >>> STEP_SHIFT) - before - oldSteps;
        byte[] grown = new byte[counts.length + ((before + after) << 3)];
        System.arraycopy(counts, 0, grown, before << 3, counts.length);
        counts = grown;
        char[] moved = new char[before + oldSteps + after + 1];
        for (int k = 0; k < before; k++) {
            moved[k] = (char) k;
        }
        for (int k = 0; k <= oldSteps; k++) {
            moved[before + k] = (char) (starts[k] + before);
        }
        for (int k = 1; k <= after; k++) {
            moved[before + oldSteps + k] = (char) (moved[before + oldSteps] + k);
        }
        starts = moved;
        base = from;
        length = to - from;
        return index - from;
    }
}
