// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import org.junit.jupiter.api.Test;

/**
 * The SQS profile's FIFO send quota (docs/brokers.md, "Amazon SQS"): 300 API calls a second per
 * queue, a bucket of one second's calls full at the start; a throttled source waits, as the AWS SDK
 * retrying a ThrottlingException does. A source's messages due at one instant are one
 * SendMessageBatch of up to 10 (and 226 KiB of bodies), as the live source sends them. Each answer
 * is worked out from those rules.
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

    /** Bursts of {@code burst} messages of {@code bytes} bytes at {@code rate} messages a second into FIFO queue "q". */
    private static Flow bursts(double rate, int burst, int bytes) {
        return on(Broker.SQS, new FlowBuilder()
                .source("src", "rate", rate, "arrival", Source.Arrival.BURSTS, "burstSize", burst, "payloadSize", bytes)
                .queue("q", "fifo", true)
                .wire("src", "q").build());
    }

    @Test
    void aBurstOfTenIsOneCallSoAFifoQueueTakesThreeThousandMessagesASecondInBatches() {
        // 2,500 a second in bursts of 10 is 250 calls a second, below the quota: every burst goes at
        // once, 250 bursts a second for 60 s (the first at 0.004 s, the last at 60.000 s), 150,000 messages.
        Simulation batched = start(bursts(2_500, 10, 100));
        batched.runUntil(60);
        assertThat(batched.snapshot().node("src").out()).isBetween(149_990L, 150_000L);

        // 6,000 a second in bursts of 10 is 600 calls a second: the calls are those of
        // aThrottledSourceSendsAtTheQuotaForAsLongAsItRuns (30,298 to 30,301 in 100 s), each of 10 messages.
        Simulation throttled = start(bursts(6_000, 10, 100));
        throttled.runUntil(100);
        assertThat(throttled.snapshot().node("src").out()).isBetween(302_980L, 303_010L);
        assertThat(throttled.snapshot().node("q").in()).isEqualTo(throttled.snapshot().node("src").out());
        assertConserved(throttled);
    }

    @Test
    void aBurstGoesInAsManyCallsAsItsSizeAndBytesNeed() {
        // Bursts of 30 at 3,000 a second, 100 bursts a second: 3 calls each, 300 calls a second, the
        // quota: never throttled (the bucket stays full), 100 * 30 = 3,000 messages a second.
        Simulation three = start(bursts(3_000, 30, 100));
        three.runUntil(10);
        assertThat(three.snapshot().node("src").out()).isBetween(29_970L, 30_000L);

        // Bursts of 10 of 100,000 bytes: two fit in a batch's 231,424 bytes, so 5 calls a burst. At 1,200
        // a second that is 120 bursts, 600 calls a second: the bucket's 300 go at 600 a second for
        // about a second, then 300 a second, 60 bursts, 600 messages; in 100 s 300 + 30,000 calls,
        // 30,300 / 5 = 6,060 bursts, 60,600 messages (a burst held whole, so 10 either side).
        Simulation large = start(bursts(1_200, 10, 100_000));
        large.runUntil(100);
        assertThat(large.snapshot().node("src").out()).isBetween(60_580L, 60_610L);
        assertConserved(large);
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
