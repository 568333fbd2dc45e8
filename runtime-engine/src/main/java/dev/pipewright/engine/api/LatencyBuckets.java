// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

/**
 * HdrHistogram's bucket layout for values from 0 (lowest discernible value 1) at a number of
 * significant digits: which bucket index a value counts in, and which values a bucket holds. The
 * engine's latency histograms count in these buckets, and a node's time series writes a
 * percentile that is a bucket's middle as the bucket's index. Immutable; one instance per number
 * of digits.
 */
public final class LatencyBuckets {
    private static final LatencyBuckets[] BY_DIGITS = new LatencyBuckets[6];

    static {
        for (int digits = 1; digits <= 5; digits++) {
            BY_DIGITS[digits] = new LatencyBuckets(digits);
        }
    }

    private final int subBucketHalfCountMagnitude;
    private final int subBucketHalfCount;
    private final long subBucketMask;
    private final int leadingZeroCountBase;
    private final int indexLimit;

    private LatencyBuckets(int significantDigits) {
        // HdrHistogram's own derivation (AbstractHistogram.init with lowestDiscernibleValue 1).
        long largestValueWithSingleUnitResolution = 2 * (long) Math.pow(10, significantDigits);
        int subBucketCountMagnitude = (int) Math.ceil(Math.log(largestValueWithSingleUnitResolution) / Math.log(2));
        subBucketHalfCountMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
        int subBucketCount = 1 << (subBucketHalfCountMagnitude + 1);
        subBucketHalfCount = subBucketCount / 2;
        subBucketMask = subBucketCount - 1;
        leadingZeroCountBase = 64 - subBucketHalfCountMagnitude - 1;
        indexLimit = index(Long.MAX_VALUE) + 1;
    }

    /**
     * The layout of HdrHistogram's {@code numberOfSignificantValueDigits} {@code significantDigits}.
     *
     * @throws IllegalArgumentException unless 1 to 5
     */
    public static LatencyBuckets of(int significantDigits) {
        if (significantDigits < 1 || significantDigits > 5) {
            throw new IllegalArgumentException("significant digits must be 1 to 5, not " + significantDigits);
        }
        return BY_DIGITS[significantDigits];
    }

    /** One past the index of {@code Long.MAX_VALUE}: no value's index reaches it. */
    public int indexLimit() {
        return indexLimit;
    }

    /** HdrHistogram's {@code countsArrayIndex}: the index of the bucket {@code value} (at least 0) counts in. */
    public int index(long value) {
        int bucketIndex = bucketIndex(value);
        int subBucketIndex = (int) (value >>> bucketIndex);
        return ((bucketIndex + 1) << subBucketHalfCountMagnitude) + (subBucketIndex - subBucketHalfCount);
    }

    /** HdrHistogram's {@code valueFromIndex}: the lowest value of bucket {@code index}. */
    public long valueFromIndex(int index) {
        int bucketIndex = (index >> subBucketHalfCountMagnitude) - 1;
        int subBucketIndex = (index & (subBucketHalfCount - 1)) + subBucketHalfCount;
        if (bucketIndex < 0) {
            subBucketIndex -= subBucketHalfCount;
            bucketIndex = 0;
        }
        return (long) subBucketIndex << bucketIndex;
    }

    /** As HdrHistogram's {@code lowestEquivalentValue}: the lowest value in {@code value}'s bucket. */
    public long lowestEquivalentValue(long value) {
        int bucketIndex = bucketIndex(value);
        return (value >>> bucketIndex) << bucketIndex;
    }

    /** As HdrHistogram's {@code highestEquivalentValue}. */
    public long highestEquivalentValue(long value) {
        return lowestEquivalentValue(value) + sizeOfEquivalentValueRange(value) - 1;
    }

    /** As HdrHistogram's {@code medianEquivalentValue}: the middle of {@code value}'s bucket. */
    public long medianEquivalentValue(long value) {
        return lowestEquivalentValue(value) + (sizeOfEquivalentValueRange(value) >> 1);
    }

    private long sizeOfEquivalentValueRange(long value) {
        return 1L << bucketIndex(value);
    }

    private int bucketIndex(long value) {
        return leadingZeroCountBase - Long.numberOfLeadingZeros(value | subBucketMask);
    }
}
