// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import org.junit.jupiter.api.Test;

/**
 * The SQS profile's FIFO send quota (docs/brokers.md, "Amazon SQS"): 300 SendMessage calls a
 * second per queue, a bucket of one second's calls full at the start; a throttled source waits, as
 * the AWS SDK retrying a ThrottlingException does. Each answer is worked out from that rule.
 */
class SqsFifoThroughputTest extends EngineTest {

    /** A source at {@code rate} a second, constant, into queue "q" with {@code fifo}, under {@code broker}. */
    private static Flow sending(Broker broker, double rate, boolean fifo) {
        return on(broker, new FlowBuilder()
                .source("src", "rate", rate, "arrival", Source.Arrival.CONSTANT)
                .queue("q", "fifo", fifo)
                .wire("src", "q").build());
    }

    @Test
    void aFifoQueueTakesThreeHundredSendsASecondOnceItsFirstSecondsWorthIsSpent() {
        // 1,000 a second, one every ms: the bucket (300, refilled at 300 a second) holds
        // 300 + 0.3k - k >= 1 for the sends k = 0..427 at 0..427 ms; the 429th waits for a token
        // until 430 ms, and from then on one send every 1/300 s: 2,871 more by 10 s. 428 + 1 + 2,871 = 3,300.
        Simulation fifo = start(sending(Broker.SQS, 1_000, true));
        fifo.runUntil(10);
        long sent = fifo.snapshot().node("src").out();
        assertThat(sent).isBetween(3_299L, 3_301L);
        assertThat(fifo.snapshot().node("q").in()).isEqualTo(sent);
        assertConserved(fifo);

        // A standard queue takes them all (its quota is nearly unlimited), as does a FIFO queue under another profile.
        Simulation standard = start(sending(Broker.SQS, 1_000, false));
        standard.runUntil(10);
        assertThat(standard.snapshot().node("src").out()).isGreaterThanOrEqualTo(9_999L);
        Simulation generic = start(sending(Broker.GENERIC, 1_000, true));
        generic.runUntil(10);
        assertThat(generic.snapshot().node("src").out()).isEqualTo(standard.snapshot().node("src").out());
    }

    @Test
    void aFifoQueueBelowItsQuotaIsNotThrottled() {
        // 250 a second never empties the bucket: every send goes at once, as on a standard queue.
        Simulation fifo = start(sending(Broker.SQS, 250, true));
        fifo.runUntil(60);
        Simulation standard = start(sending(Broker.SQS, 250, false));
        standard.runUntil(60);
        assertThat(fifo.snapshot().node("src").out()).isEqualTo(standard.snapshot().node("src").out());
        assertThat(fifo.snapshot().node("src").out()).isBetween(15_000L, 15_001L);
    }

    @Test
    void aThrottledSourceSendsAtTheQuotaForAsLongAsItRuns() {
        // 600 a second for 100 s: 300 + 300 * 100 = 30,300 sends at most, and the first half second at 600
        // a second is before the bucket runs dry (300 + 300t - 600t >= 1 until t = 0.997 s), so about that.
        Simulation fifo = start(sending(Broker.SQS, 600, true));
        fifo.runUntil(100);
        assertThat(fifo.snapshot().node("src").out()).isBetween(30_298L, 30_301L);
        assertConserved(fifo);
    }
}
