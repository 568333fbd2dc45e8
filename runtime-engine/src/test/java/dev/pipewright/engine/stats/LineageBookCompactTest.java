// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.Hop;
import dev.pipewright.engine.api.Lineage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The book keeps a history as packed codes and numbers, so each hop must read back exactly as it
 * was given: every kind of detail, any time (a hop's time is kept only when it is not the one
 * before's, to the bit: 0 and -0 differ), numbers at the int's ends and past them, many hops.
 */
class LineageBookCompactTest {
    @Test
    void everyKindOfHopReadsBackAsGiven() {
        LineageBook book = new LineageBook();
        List<Hop> expected = new ArrayList<>();
        double[] times = {0, -0.0, 1e-9, 1.5, 3600.000000001, Double.MAX_VALUE};
        long[] numbers = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 40, Long.MIN_VALUE};
        for (int i = 0; i < 40; i++) { // many hops: the history grows several times
            double time = times[i / 2 % times.length]; // hops two at a time at one instant, as most are
            String node = "node-" + (i % 3);
            switch (i % 4) {
                case 0 -> {
                    Hop hop = new Hop(time, node, "enqueued", "");
                    book.record(7, hop);
                    expected.add(hop);
                }
                case 1 -> {
                    Hop hop = new Hop(time, node, "routed", "route " + i); // a detail of its own
                    book.record(7, hop);
                    expected.add(hop);
                }
                default -> {
                    long n = numbers[i % numbers.length];
                    book.record(7, time, node, "delivered", "c-" + (i % 2), " delivery ", n);
                    expected.add(new Hop(time, node, "delivered", "c-" + (i % 2) + " delivery " + n));
                }
            }
        }
        book.record(8, new Hop(2, "node-0", "enqueued", "")); // the same shape in another history
        assertThat(book.lineage(7).orElseThrow().hops()).containsExactlyElementsOf(expected);
        assertThat(book.lineage(8).orElseThrow().hops()).containsExactly(new Hop(2, "node-0", "enqueued", ""));
        assertThat(Double.doubleToRawLongBits(book.lineage(7).orElseThrow().hops().get(2).time()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void aReplacedSampledHistoryStartsEmpty() {
        LineageBook book = new LineageBook();
        long every = Lineage.SAMPLE_EVERY;
        long sampled = (Lineage.ALL_UP_TO / every + 1) * every;
        book.record(sampled, new Hop(1, "q", "enqueued", "first"));
        book.record(sampled + Lineage.CAPACITY * every, 2, "q", "delivered", "c", " delivery ", 1);
        assertThat(book.lineage(sampled)).isEmpty();
        assertThat(book.lineage(sampled + Lineage.CAPACITY * every).orElseThrow().hops())
                .containsExactly(new Hop(2, "q", "delivered", "c delivery 1"));
    }
}
