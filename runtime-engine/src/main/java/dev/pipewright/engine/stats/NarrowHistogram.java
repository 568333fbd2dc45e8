// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.api.LatencyBuckets;
import java.util.Arrays;

/**
 * Counts of non-negative values in HdrHistogram's buckets (lowest discernible value 1, any number
 * of significant digits from 1 to 5), so its percentiles are those of an
 * {@code org.HdrHistogram.Histogram} given the same values; in less memory, and at less cost a value.
 *
 * <p>Memory follows what was recorded, not the range a histogram could hold: counts are kept only
 * for the run of bucket indexes between the lowest and the highest value seen (in steps of
 * {@value #STEP} indexes), and each count is as wide as the largest count needs, 1 byte until some
 * bucket passes 255, then 2 bytes, 4, and 8 past 2^32 (each widening copies every count). A run
 * at a node records values of a few shapes: a few thousand buckets at a few hundred values each,
 * so a few KB, where a 3-digit HdrHistogram with 32-bit counts of the same values takes 12 KB plus
 * its iterators. Whatever the input, a histogram holds at most one count per bucket index of the
 * whole {@code long} range (55,296 at 3 digits), so its memory is capped.
 *
 * <p>Recording a value is its index, a bounds check and an increment: no minimum and maximum (two
 * volatile fields HdrHistogram updates on every value; the latency recorder keeps its own exact
 * ones), and no auto-resize through an exception. Not thread-safe: the engine thread's alone.
 */
final class NarrowHistogram {
    /** Indexes a range grows by: 64 one-byte counts, one cache line. */
    static final int STEP = 64;

    private final int significantDigits;
    /** Shared by every histogram of these digits. */
    private final LatencyBuckets buckets;
    /** One past the index of {@code Long.MAX_VALUE}: no index reaches it. */
    private final int indexLimit;

    /** Bucket index of the first count held. */
    private int base;
    /** How many counts are held, from {@link #base}. */
    private int length;
    /** Bytes per count: 1, 2, 4 or 8; only the array of that width is non-null. */
    private int width = 1;
    private byte[] bytes = new byte[0];
    private char[] chars;
    private int[] ints;
    private long[] longs;
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
        return length * width;
    }

    /** Records one value, at least zero (a negative one would index outside the range held). */
    void record(long value) {
        int i = index(value) - base;
        if (i < 0 || i >= length) {
            i = cover(i + base);
        }
        switch (width) {
            case 1 -> {
                int c = (bytes[i] & 0xFF) + 1;
                if (c <= 0xFF) {
                    bytes[i] = (byte) c;
                } else {
                    widenAndSet(i, c);
                }
            }
            case 2 -> {
                int c = chars[i] + 1;
                if (c <= 0xFFFF) {
                    chars[i] = (char) c;
                } else {
                    widenAndSet(i, c);
                }
            }
            case 4 -> {
                int c = ints[i] + 1; // unsigned: -1 is 2^32 - 1
                if (c != 0) {
                    ints[i] = c;
                } else {
                    widenAndSet(i, 1L << 32);
                }
            }
            default -> longs[i]++;
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

    /** Drops every count; the range and width stay, so a histogram reset every interval allocates nothing. */
    void reset() {
        switch (width) {
            case 1 -> Arrays.fill(bytes, (byte) 0);
            case 2 -> Arrays.fill(chars, (char) 0);
            case 4 -> Arrays.fill(ints, 0);
            default -> Arrays.fill(longs, 0);
        }
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
        return switch (width) {
            case 1 -> bytes[i] & 0xFF;
            case 2 -> chars[i];
            case 4 -> Integer.toUnsignedLong(ints[i]);
            default -> longs[i];
        };
    }

    private void set(int i, long count) {
        long max = width == 8 ? Long.MAX_VALUE : (1L << (8 * width)) - 1;
        if (count > max) {
            widenAndSet(i, count);
            return;
        }
        switch (width) {
            case 1 -> bytes[i] = (byte) count;
            case 2 -> chars[i] = (char) count;
            case 4 -> ints[i] = (int) count;
            default -> longs[i] = count;
        }
    }

    /** Copies every count into the narrowest width that holds {@code count} too, then sets it at {@code i}. */
    private void widenAndSet(int i, long count) {
        int to = count <= 0xFFFF ? 2 : count <= 0xFFFF_FFFFL ? 4 : 8;
        long[] all = new long[length];
        for (int k = 0; k < length; k++) {
            all[k] = countAt(k);
        }
        all[i] = count;
        bytes = null;
        chars = null;
        ints = null;
        longs = null;
        width = to;
        switch (to) {
            case 2 -> {
                chars = new char[length];
                for (int k = 0; k < length; k++) {
                    chars[k] = (char) all[k];
                }
            }
            case 4 -> {
                ints = new int[length];
                for (int k = 0; k < length; k++) {
                    ints[k] = (int) all[k];
                }
            }
            default -> longs = all;
        }
    }

    /**
     * Grows the range held to take bucket index {@code index}, by whole steps, and answers the
     * index's place in it. Counts outside the old range are zero, as they were.
     */
    private int cover(int index) {
        int from = length == 0 ? index / STEP * STEP : Math.min(base, index / STEP * STEP);
        int to = length == 0 ? from + STEP : Math.max(base + length, (index / STEP + 1) * STEP);
        to = Math.min(to, (indexLimit + STEP - 1) / STEP * STEP);
        int newLength = to - from;
        int shift = base - from;
        int copied = length; // none from an empty range, whose base means nothing
        switch (width) {
            case 1 -> {
                byte[] grown = new byte[newLength];
                System.arraycopy(bytes, 0, grown, copied == 0 ? 0 : shift, copied);
                bytes = grown;
            }
            case 2 -> {
                char[] grown = new char[newLength];
                System.arraycopy(chars, 0, grown, copied == 0 ? 0 : shift, copied);
                chars = grown;
            }
            case 4 -> {
                int[] grown = new int[newLength];
                System.arraycopy(ints, 0, grown, copied == 0 ? 0 : shift, copied);
                ints = grown;
            }
            default -> {
                long[] grown = new long[newLength];
                System.arraycopy(longs, 0, grown, copied == 0 ? 0 : shift, copied);
                longs = grown;
            }
        }
        base = from;
        length = newLength;
        return index - from;
    }
}
