// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeriesBlockTest {
    /** Writes {@code points} into blocks of {@code perBlock} and reads them back as one list. */
    private static List<SeriesPoint> roundTrip(List<SeriesPoint> points, int perBlock) {
        SeriesBlock.Writer writer = new SeriesBlock.Writer(perBlock);
        List<SeriesBlock> blocks = new ArrayList<>();
        for (SeriesPoint p : points) {
            writer.add(p);
            if (writer.isFull()) {
                blocks.add(writer.toBlock());
                writer.clear();
            }
        }
        if (writer.size() > 0) {
            blocks.add(writer.toBlock());
        }
        return CompactSeries.of(blocks, 0);
    }

    /** Every field as bits, so -0.0 and 0.0 differ and a NaN's payload counts. */
    private static List<String> bits(List<SeriesPoint> points) {
        return points.stream().map(p -> Arrays.toString(new long[] {Double.doubleToRawLongBits(p.time()),
                Double.doubleToRawLongBits(p.inRate()), Double.doubleToRawLongBits(p.outRate()), p.depth(),
                Double.doubleToRawLongBits(p.p50Ms()), Double.doubleToRawLongBits(p.p95Ms()),
                Double.doubleToRawLongBits(p.p99Ms()), p.lag()})).toList();
    }

    @Test
    void samplesAsTheEngineTakesThemDecodeToTheSameBits() {
        // Times by repeated addition of an interval, rates as count growth over the time between
        // samples, percentiles in whole micro- or nanoseconds as ms, as NodeCounters makes them.
        SplittableRandom rng = new SplittableRandom(7);
        for (double interval : new double[] {1.0, 0.1, 0.25, 1 / 3.0, 7.3}) {
            List<SeriesPoint> points = new ArrayList<>();
            double time = 12.5;
            double last = 12.0;
            long in = 0;
            long depth = 0;
            for (int i = 0; i < 300; i++) {
                long grew = rng.nextInt(5) == 0 ? 0 : rng.nextLong(1, 5000);
                in += grew;
                depth = Math.max(0, depth + rng.nextLong(-20, 21));
                double p50 = rng.nextInt(4) == 0 ? Double.NaN : rng.nextLong(0, 5_000_000) / 1000.0;
                double p95 = rng.nextBoolean() ? Math.round(rng.nextDouble() * 1e9) / 1e6 : p50;
                double p99 = rng.nextLong(0, 5_000_000_000L) / 1000.0;
                points.add(new SeriesPoint(time, grew / (time - last), (grew / 2) / (time - last), depth,
                        p50, p95, p99, i % 3 == 0 ? SeriesPoint.NO_LAG : rng.nextLong(0, 1_000_000)));
                last = time;
                time += interval;
            }
            for (int perBlock : new int[] {1, 5, 64, 1000}) {
                assertThat(bits(roundTrip(points, perBlock))).as("interval %s, blocks of %d", interval, perBlock)
                        .containsExactlyElementsOf(bits(points));
            }
        }
    }

    @Test
    void anyValuesAtAllDecodeToTheSameBits() {
        double[] odd = {Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0123L), -0.0, 0.0,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE,
                Double.MAX_VALUE, -Double.MAX_VALUE, 1e300, -1e-300, 0.1, 1 / 3.0, -5, 2.5e18, Math.PI};
        long[] oddLongs = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, Integer.MIN_VALUE, 1L << 62};
        SplittableRandom rng = new SplittableRandom(11);
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            points.add(new SeriesPoint(pick(rng, odd), pick(rng, odd), pick(rng, odd),
                    rng.nextBoolean() ? oddLongs[rng.nextInt(oddLongs.length)] : rng.nextLong(),
                    pick(rng, odd), pick(rng, odd), pick(rng, odd), oddLongs[rng.nextInt(oddLongs.length)]));
        }
        for (int perBlock : new int[] {1, 3, 64}) {
            assertThat(bits(roundTrip(points, perBlock))).containsExactlyElementsOf(bits(points));
        }
    }

    private static double pick(SplittableRandom rng, double[] odd) {
        return switch (rng.nextInt(3)) {
            case 0 -> odd[rng.nextInt(odd.length)];
            case 1 -> Double.longBitsToDouble(rng.nextLong());
            default -> rng.nextDouble() * 1e6;
        };
    }

    @Test
    void anIdleNodesSampleTakesOneByteAndABusyOnesAFewBytes() {
        SeriesBlock.Writer idle = new SeriesBlock.Writer();
        SeriesBlock.Writer busy = new SeriesBlock.Writer();
        SplittableRandom rng = new SplittableRandom(3);
        for (int t = 1; t <= SeriesBlock.SAMPLES; t++) {
            idle.add(new SeriesPoint(t, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN));
            // 100 msg/s in and out, a few waiting, percentiles of a 2-digit histogram in microseconds.
            long n = 80 + rng.nextInt(40);
            busy.add(new SeriesPoint(t, n, n - rng.nextInt(3), rng.nextInt(10), rng.nextInt(400, 600) / 1000.0,
                    rng.nextInt(1400, 1600) / 1000.0, rng.nextInt(2200, 2600) / 1000.0));
        }
        // The first sample is written against zeros: its time (1.0) takes 9 bytes there, its rates none.
        assertThat(idle.toBlock().encodedBytes()).isEqualTo(SeriesBlock.SAMPLES + 9);
        assertThat(busy.toBlock().encodedBytes()).isLessThan(12 * SeriesBlock.SAMPLES);
    }

    @Test
    void aFullBlockTakesNoMoreAndTheListChecksItsBlocks() {
        SeriesBlock.Writer writer = new SeriesBlock.Writer(2);
        writer.add(new SeriesPoint(1, 0, 0, 0, 0, 0, 0));
        SeriesBlock one = writer.toBlock();
        writer.add(new SeriesPoint(2, 0, 0, 0, 0, 0, 0));
        assertThatThrownBy(() -> writer.add(new SeriesPoint(3, 0, 0, 0, 0, 0, 0)))
                .isInstanceOf(IllegalStateException.class);
        SeriesBlock two = writer.toBlock();
        assertThatThrownBy(() -> CompactSeries.of(List.of(one, two), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(CompactSeries.of(List.of(two, one), 1)).extracting(SeriesPoint::time).containsExactly(2.0, 1.0);
        assertThatThrownBy(() -> CompactSeries.of(List.of(two, one), 1).get(2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void nodeStatsKeepACompactSeriesAsItIsAndCopyAnyOtherList() {
        SeriesBlock.Writer writer = new SeriesBlock.Writer();
        writer.add(new SeriesPoint(1, 2, 3, 4, 5, 6, 7));
        CompactSeries compact = CompactSeries.of(List.of(writer.toBlock()), 0);
        List<SeriesPoint> plain = new ArrayList<>(compact);
        assertThat(stats(compact).series()).isSameAs(compact);
        NodeStats copied = stats(plain);
        plain.clear();
        assertThat(copied.series()).isEqualTo(compact).hasSize(1);
    }

    private static NodeStats stats(List<SeriesPoint> series) {
        return new NodeStats("q", dev.pipewright.model.NodeKind.QUEUE, 0, 0, 0, 0, 0, 0, 0, 0, 0, Latency.NONE,
                Latency.NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, true, 0, 0, 0, series);
    }
}
