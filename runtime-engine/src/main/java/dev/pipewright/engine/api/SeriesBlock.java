// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import java.util.Arrays;

/**
 * A run of consecutive {@link SeriesPoint}s of one node, encoded in a few bytes each: a node
 * keeps its last {@link Snapshot#SERIES_CAPACITY} samples, and 600 {@code SeriesPoint} objects
 * took about 50 KB a node, more than everything else a node holds in a long run. Immutable; made
 * by a {@link Writer}, read through a {@link CompactSeries}.
 *
 * <p>The encoding is lossless (every sample decodes to the same bits, {@code NaN}, {@code -0.0}
 * and infinities included) and each sample is written against the one before it in the block:
 * <ul>
 *   <li>a header byte with one bit per field saying it is the same as before (for the time: the
 *       time before plus the step before; for the out rate, when the in rate is written as a whole
 *       count: the same count as the in rate's, as at a node that passes on what comes in), so an
 *       idle node's sample is one byte;</li>
 *   <li>a rate as the whole number of messages it is over the time since the sample before
 *       (a rate is a count's growth divided by that time), written as its change from the last
 *       such number; a percentile as whole microseconds or nanoseconds in ms (what the latency
 *       recorder's percentiles are), and one that is the middle of a bucket of the recorder's
 *       2-digit interval histogram in whole microseconds (nearly every one) as the change of
 *       that bucket's index since the column's last such index, so usually one byte; depth and
 *       lag as the change since before; all as variable-length integers;</li>
 *   <li>any value that does not decode exactly in that form as its 8 raw bytes.</li>
 * </ul>
 * The first sample of a block is written against zeros, so a block decodes on its own.
 *
 * <p>A block's bytes are exactly as long as its samples: the writer makes a new array a sample
 * longer for each sample, so the block being written takes no spare room, and the block a
 * snapshot takes of it shares its array.
 */
public final class SeriesBlock {
    /** Samples in a full block. */
    public static final int SAMPLES = 64;

    private static final int SAME_TIME = 1;
    private static final int SAME_IN = 1 << 1;
    private static final int SAME_OUT = 1 << 2;
    private static final int SAME_DEPTH = 1 << 3;
    private static final int SAME_P50 = 1 << 4;
    private static final int SAME_P95 = 1 << 5;
    private static final int SAME_P99 = 1 << 6;
    private static final int SAME_LAG = 1 << 7;

    /** Tags in the low bits of an encoded rate or percentile. */
    private static final long RATE_RAW = 1;
    private static final long MS_IN_MICROS = 1;
    private static final long MS_RAW = 2;
    private static final long MS_BUCKET = 3;
    /**
     * The buckets of the latency recorder's interval histogram, whose middles its interval
     * percentiles are (any other layout is only less compact: such values are written in microseconds).
     */
    private static final LatencyBuckets PERCENTILE_BUCKETS = LatencyBuckets.of(2);
    /** A sample is at most a header, 10 bytes of time, 9 per double and 10 per long. */
    private static final int MAX_SAMPLE_BYTES = 1 + 10 + 5 * 9 + 2 * 10;
    private static final byte[] NO_BYTES = new byte[0];
    /** Whole numbers this far from zero and beyond are written raw (their tag bits must fit). */
    private static final long WHOLE_LIMIT = 1L << 60;

    private final byte[] bytes;
    private final int size;

    private SeriesBlock(byte[] bytes, int size) {
        this.bytes = bytes;
        this.size = size;
    }

    /** The samples in the block. */
    public int size() {
        return size;
    }

    /** Bytes the samples take encoded. */
    public int encodedBytes() {
        return bytes.length;
    }

    /** Decodes every sample, oldest first. */
    SeriesPoint[] decode() {
        SeriesPoint[] points = new SeriesPoint[size];
        State s = new State();
        int[] at = {0};
        for (int i = 0; i < size; i++) {
            int header = bytes[at[0]++] & 0xff;
            double time = s.time + s.step;
            if ((header & SAME_TIME) == 0) {
                time = Double.longBitsToDouble(Double.doubleToRawLongBits(time) ^ readVarLong(bytes, at));
            }
            double dt = i == 0 ? Double.NaN : time - s.time;
            s.inWhole = false;
            double in = (header & SAME_IN) != 0 ? s.in : readRate(bytes, at, dt, s, 0);
            double out;
            if ((header & SAME_OUT) == 0) {
                out = readRate(bytes, at, dt, s, 1);
            } else if (s.inWhole) {
                s.whole[1] = s.whole[0];
                out = s.whole[1] / dt;
            } else {
                out = s.out;
            }
            long depth = (header & SAME_DEPTH) != 0 ? s.depth : s.depth + unzigzag(readVarLong(bytes, at));
            double p50 = (header & SAME_P50) != 0 ? s.p50 : readMs(bytes, at, s.bucket, 0);
            double p95 = (header & SAME_P95) != 0 ? s.p95 : readMs(bytes, at, s.bucket, 1);
            double p99 = (header & SAME_P99) != 0 ? s.p99 : readMs(bytes, at, s.bucket, 2);
            long lag = (header & SAME_LAG) != 0 ? s.lag : s.lag + unzigzag(readVarLong(bytes, at));
            points[i] = new SeriesPoint(time, in, out, depth, p50, p95, p99, lag);
            s.advance(points[i]);
        }
        return points;
    }

    /** What the next sample is written against: the sample before, and the step between the two before. */
    private static final class State {
        double time;
        double step;
        double in;
        double out;
        long depth;
        double p50 = Double.NaN;
        double p95 = Double.NaN;
        double p99 = Double.NaN;
        long lag = SeriesPoint.NO_LAG;
        /** The last whole counts of the in and out rates. */
        final long[] whole = new long[2];
        /** Whether this sample's in rate is written as a whole count, which its out rate may then share. */
        boolean inWhole;
        /** The last bucket indexes of the three percentiles. */
        final int[] bucket = new int[3];

        void advance(SeriesPoint p) {
            step = p.time() - time;
            time = p.time();
            in = p.inRate();
            out = p.outRate();
            depth = p.depth();
            p50 = p.p50Ms();
            p95 = p.p95Ms();
            p99 = p.p99Ms();
            lag = p.lag();
        }
    }

    /**
     * Encodes samples one after another into blocks: {@link #add} until {@link #isFull()}, then
     * {@link #toBlock()} and {@link #clear()} for the next. One thread only.
     */
    public static final class Writer {
        private final int samples;
        /** The block so far, exactly its length: never changed once a block holds it. */
        private byte[] bytes = NO_BYTES;
        /** The sample being written: {@link #outLength} bytes of it so far. */
        private byte[] out;
        private int outLength;
        private int size;
        private State state = new State();

        /** A writer of full blocks of {@link #SAMPLES} samples. */
        public Writer() {
            this(SAMPLES);
        }

        /** A writer of full blocks of {@code samples} samples (at least one). */
        public Writer(int samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("a series block holds at least one sample (was " + samples + ")");
            }
            this.samples = samples;
        }

        /** The samples written since the last {@link #clear()}. */
        public int size() {
            return size;
        }

        /** Whether the block has its full number of samples. */
        public boolean isFull() {
            return size == samples;
        }

        /** Appends {@code p}; the block must not be full. */
        public void add(SeriesPoint p) {
            if (isFull()) {
                throw new IllegalStateException("the series block is full (" + samples + " samples)");
            }
            out = new byte[MAX_SAMPLE_BYTES];
            outLength = 1; // the header's place
            int header = 0;
            double predicted = state.time + state.step;
            long timeDiff = Double.doubleToRawLongBits(p.time()) ^ Double.doubleToRawLongBits(predicted);
            if (timeDiff == 0) {
                header |= SAME_TIME;
            } else {
                writeVarLong(timeDiff);
            }
            double dt = size == 0 ? Double.NaN : p.time() - state.time;
            state.inWhole = false;
            header |= writeRate(p.inRate(), state.in, dt, 0, SAME_IN);
            header |= writeOutRate(p.outRate(), dt);
            if (p.depth() == state.depth) {
                header |= SAME_DEPTH;
            } else {
                writeVarLong(zigzag(p.depth() - state.depth));
            }
            header |= writeMs(p.p50Ms(), state.p50, 0, SAME_P50);
            header |= writeMs(p.p95Ms(), state.p95, 1, SAME_P95);
            header |= writeMs(p.p99Ms(), state.p99, 2, SAME_P99);
            if (p.lag() == state.lag) {
                header |= SAME_LAG;
            } else {
                writeVarLong(zigzag(p.lag() - state.lag));
            }
            out[0] = (byte) header;
            // A new array each sample, so a block already taken of the old one stays as it was.
            byte[] grown = Arrays.copyOf(bytes, bytes.length + outLength);
            System.arraycopy(out, 0, grown, bytes.length, outLength);
            bytes = grown;
            out = null;
            state.advance(p);
            size++;
        }

        /** The samples written so far as an immutable block (sharing the writer's bytes, which no later sample changes). */
        public SeriesBlock toBlock() {
            return new SeriesBlock(bytes, size);
        }

        /** Starts a new block. */
        public void clear() {
            bytes = NO_BYTES;
            size = 0;
            state = new State();
        }

        private int writeRate(double value, double before, double dt, int column, int sameBit) {
            if (sameBits(value, before)) {
                return sameBit;
            }
            writeWholeOrRaw(value, dt, column);
            return 0;
        }

        /** The out rate: after an in rate written as a whole count, the same bit says the same count. */
        private int writeOutRate(double value, double dt) {
            if (!state.inWhole) {
                return writeRate(value, state.out, dt, 1, SAME_OUT);
            }
            if (sameBits(state.whole[0] / dt, value)) {
                state.whole[1] = state.whole[0];
                return SAME_OUT;
            }
            writeWholeOrRaw(value, dt, 1);
            return 0;
        }

        private void writeWholeOrRaw(double value, double dt, int column) {
            if (dt > 0 && dt < Double.POSITIVE_INFINITY) {
                long k = Math.round(value * dt);
                long change = k - state.whole[column];
                if (k > -WHOLE_LIMIT && k < WHOLE_LIMIT && change > -WHOLE_LIMIT && change < WHOLE_LIMIT
                        && sameBits(k / dt, value)) {
                    writeVarLong(zigzag(change) << 1);
                    state.whole[column] = k;
                    state.inWhole |= column == 0;
                    return;
                }
            }
            writeVarLong(RATE_RAW);
            writeRaw(value);
        }

        private int writeMs(double value, double before, int column, int sameBit) {
            if (sameBits(value, before)) {
                return sameBit;
            }
            long micros = Math.round(value * 1e3);
            if (micros >= 0 && micros < WHOLE_LIMIT && sameBits(micros / 1e3, value)) {
                if (PERCENTILE_BUCKETS.medianEquivalentValue(micros) == micros) {
                    int index = PERCENTILE_BUCKETS.index(micros);
                    writeVarLong(zigzag(index - state.bucket[column]) << 2 | MS_BUCKET);
                    state.bucket[column] = index;
                } else {
                    writeVarLong(micros << 2 | MS_IN_MICROS);
                }
                return 0;
            }
            long nanos = Math.round(value * 1e6);
            if (nanos >= 0 && nanos < WHOLE_LIMIT && sameBits(nanos / 1e6, value)) {
                writeVarLong(nanos << 2);
                return 0;
            }
            writeVarLong(MS_RAW);
            writeRaw(value);
            return 0;
        }

        private void writeVarLong(long v) {
            while ((v & ~0x7FL) != 0) {
                out[outLength++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out[outLength++] = (byte) v;
        }

        private void writeRaw(double value) {
            long bits = Double.doubleToRawLongBits(value);
            for (int i = 0; i < 8; i++) {
                out[outLength++] = (byte) (bits >>> (8 * i));
            }
        }
    }

    private static double readRate(byte[] bytes, int[] at, double dt, State s, int column) {
        long v = readVarLong(bytes, at);
        if ((v & 1) != 0) {
            return readRaw(bytes, at);
        }
        s.whole[column] += unzigzag(v >>> 1);
        s.inWhole |= column == 0;
        return s.whole[column] / dt;
    }

    private static double readMs(byte[] bytes, int[] at, int[] bucket, int column) {
        long v = readVarLong(bytes, at);
        long tag = v & 3;
        if (tag == MS_BUCKET) {
            bucket[column] += (int) unzigzag(v >>> 2);
            return PERCENTILE_BUCKETS.medianEquivalentValue(PERCENTILE_BUCKETS.valueFromIndex(bucket[column])) / 1e3;
        }
        if (tag == 0) {
            return (v >>> 2) / 1e6;
        }
        return tag == MS_IN_MICROS ? (v >>> 2) / 1e3 : readRaw(bytes, at);
    }

    private static long readVarLong(byte[] bytes, int[] at) {
        long v = 0;
        int shift = 0;
        int i = at[0];
        byte b;
        do {
            b = bytes[i++];
            v |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        at[0] = i;
        return v;
    }

    private static double readRaw(byte[] bytes, int[] at) {
        long bits = 0;
        int i = at[0];
        for (int j = 0; j < 8; j++) {
            bits |= (long) (bytes[i++] & 0xff) << (8 * j);
        }
        at[0] = i;
        return Double.longBitsToDouble(bits);
    }

    private static boolean sameBits(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
