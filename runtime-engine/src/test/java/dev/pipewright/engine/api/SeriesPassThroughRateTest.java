// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A queue or consumer mostly passes on what comes in: its out rate's count is its in rate's, and
 * the series writes it in no bytes; every other out rate still decodes to the same bits.
 */
class SeriesPassThroughRateTest {
    private static SeriesBlock write(List<SeriesPoint> points) {
        SeriesBlock.Writer writer = new SeriesBlock.Writer(points.size());
        points.forEach(writer::add);
        return writer.toBlock();
    }

    private static List<Long> bits(List<SeriesPoint> points) {
        List<Long> bits = new ArrayList<>();
        for (SeriesPoint p : points) {
            bits.add(Double.doubleToRawLongBits(p.time()));
            bits.add(Double.doubleToRawLongBits(p.inRate()));
            bits.add(Double.doubleToRawLongBits(p.outRate()));
        }
        return bits;
    }

    @Test
    void anOutRateThatIsTheInRatesCountTakesNoBytes() {
        SplittableRandom random = new SplittableRandom(41);
        List<SeriesPoint> passOn = new ArrayList<>();
        double time = 0;
        // Each sample: its header; the first also its time (0.5, 9 bytes) and both rates raw (9 bytes
        // each: no time before it to count over); later ones the in count's change, and nothing for out.
        // (The first count is not kept as a whole count, so the second's change is from 0.)
        int expected = SeriesBlock.SAMPLES + 9 + 2 * 9;
        long lastCount = 0;
        for (int i = 0; i < SeriesBlock.SAMPLES; i++) {
            time += 0.5;
            long count = 90 + random.nextInt(21); // a count a half-second, different every time
            passOn.add(new SeriesPoint(time, count / 0.5, count / 0.5, 0, Double.NaN, Double.NaN, Double.NaN));
            if (i > 0 && count != lastCount) { // the same count again is the same rate: no bytes either
                long change = count - lastCount;
                expected += varIntLength(((change << 1) ^ (change >> 63)) << 1);
                lastCount = count;
            }
        }
        SeriesBlock block = write(passOn);
        assertThat(block.encodedBytes()).isEqualTo(expected);
        assertThat(bits(CompactSeries.of(List.of(block), 0))).isEqualTo(bits(passOn));
    }

    private static int varIntLength(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    @Test
    void outRatesBesideAnInRateOfEveryKindDecodeToTheSameBits() {
        SplittableRandom random = new SplittableRandom(43);
        for (double interval : new double[] {1, 0.1, 1 / 3.0}) {
            List<SeriesPoint> points = new ArrayList<>();
            double time = 3;
            double last = 2;
            for (int i = 0; i < 500; i++) {
                long grew = random.nextInt(6) == 0 ? 0 : random.nextLong(0, 200);
                double in = switch (random.nextInt(4)) {
                    case 0 -> points.isEmpty() ? 0 : points.getLast().inRate(); // the same as before
                    case 1 -> random.nextDouble() * 100; // not a whole count over the time
                    default -> grew / (time - last);
                };
                double out = switch (random.nextInt(5)) {
                    case 0 -> in; // passed on
                    case 1 -> points.isEmpty() ? 0 : points.getLast().outRate(); // stalled
                    case 2 -> (grew / 2) / (time - last);
                    case 3 -> random.nextDouble();
                    default -> Math.max(0, grew - 1) / (time - last);
                };
                points.add(new SeriesPoint(time, in, out, 0, Double.NaN, Double.NaN, Double.NaN));
                last = time;
                time += interval;
            }
            for (int perBlock : new int[] {1, 7, 64}) {
                List<SeriesBlock> blocks = new ArrayList<>();
                for (int from = 0; from < points.size(); from += perBlock) {
                    blocks.add(write(points.subList(from, Math.min(points.size(), from + perBlock))));
                }
                // Only the last block may be short: 500 samples in blocks of 7 and 64 leave one.
                assertThat(bits(CompactSeries.of(blocks, 0))).as("interval %s, blocks of %d", interval, perBlock)
                        .isEqualTo(bits(points));
            }
        }
    }
}
