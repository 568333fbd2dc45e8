// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.live.NodeTally;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.ActiveMQAddressFullException;
import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;
import org.junit.jupiter.api.Test;

/**
 * The confirmed sends of one source, against a fake server that confirms only when the test says
 * so: what is counted, what is kept and what is sent again after a lost connection.
 */
class ConfirmedSendsTest {
    private final NodeTally tally = new NodeTally();
    private final AtomicInteger failovers = new AtomicInteger();
    /** Every send the fake server got, in order: its pending send (which is also its listener). */
    private final List<ConfirmedSends.Pending> got = new ArrayList<>();
    private RuntimeException nextFailure;
    private volatile boolean stopping;
    private final ConfirmedSends sends = new ConfirmedSends(p -> {
        RuntimeException f = nextFailure;
        nextFailure = null;
        if (f != null) {
            throw f;
        }
        synchronized (got) {
            got.add(p);
        }
    }, tally, failovers::get, () -> stopping, Duration.ofMillis(200));

    @Test
    void aSendIsCountedConfirmedOnceEvenWhenItsCopyIsConfirmedToo() throws Exception {
        sends.send(1, 0, 4, 0, null);
        failovers.incrementAndGet();
        sends.send(2, 0, 4, 0, null); // after the reconnection: 1 goes again, then 2
        assertThat(got).extracting(p -> p.seq).containsExactly(1L, 1L, 2L);

        got.get(0).onCompletion(null); // the first copy of 1 (the server had it after all)
        got.get(1).onCompletion(null); // its copy, which the server dropped by its duplicate id
        got.get(2).onCompletion(null);
        assertThat(tally.published.get()).isEqualTo(2);
        assertThat(tally.confirmed.get()).isEqualTo(2);
        assertThat(sends.unconfirmed()).isZero();
        assertThat(sends.drain()).isTrue();
    }

    @Test
    void afterAReconnectionEveryUnconfirmedSendGoesAgainOldestFirstWithItsIdsAndTime() throws Exception {
        for (long seq = 1; seq <= 5; seq++) {
            sends.send(seq, (int) (seq % 2), (int) seq, 100 + seq, "text " + seq);
        }
        got.get(1).onCompletion(null); // 2 is confirmed; 1, 3, 4, 5 are not
        got.clear();
        failovers.incrementAndGet();

        assertThat(sends.drain()).isFalse().as("not yet: nothing confirmed the copies");
        // drain sent them again, once, as they were
        assertThat(got).extracting(p -> p.seq).containsExactly(1L, 3L, 4L, 5L);
        assertThat(got).extracting(p -> p.route).containsExactly(1, 1, 0, 1);
        assertThat(got).extracting(p -> p.priority).containsExactly(1, 3, 4, 5);
        assertThat(got).extracting(p -> p.t0).containsExactly(101L, 103L, 104L, 105L);
        assertThat(got).extracting(p -> p.text).containsExactly("text 1", "text 3", "text 4", "text 5");
    }

    @Test
    void aSendCutByTheLossGoesAgainWithTheOthersAndAFullAddressIsANack() throws Exception {
        sends.send(1, 0, 4, 0, null);
        nextFailure = new RuntimeException(new ActiveMQNotConnectedException("lost"));
        sends.send(2, 0, 4, 0, null);
        assertThat(got).extracting(p -> p.seq).containsExactly(1L, 1L, 2L);

        nextFailure = new RuntimeException(new ActiveMQAddressFullException("full"));
        sends.send(3, 0, 4, 0, null);
        assertThat(tally.nacked.get()).isEqualTo(1);
        got.getLast().onException(null, new JMSException("AMQ229102: address full"));
        assertThat(tally.nacked.get()).isEqualTo(2);
        assertThat(tally.published.get()).isEqualTo(3);
        assertThat(sends.unconfirmed()).isEqualTo(1); // 1 waits still
    }

    @Test
    void aLossToldByAConfirmationListenerSendsTheUnconfirmedAgainOnTheNextSend() throws Exception {
        sends.send(1, 0, 4, 0, null);
        got.getFirst().onException(null, new JMSException("lost", "x") {
            {
                initCause(new ActiveMQNotConnectedException("lost"));
            }
        });
        sends.send(2, 0, 4, 0, null);
        assertThat(got).extracting(p -> p.seq).containsExactly(1L, 1L, 2L);
    }

    @Test
    void atMostTheWindowWaitsUnconfirmedAndTheSourceGoesOnAsConfirmationsCome() throws Exception {
        for (long seq = 1; seq <= ConfirmedSends.MAX_UNCONFIRMED; seq++) {
            sends.send(seq, 0, 4, 0, null);
        }
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> {
            try {
                sends.send(ConfirmedSends.MAX_UNCONFIRMED + 1, 0, 4, 0, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ConfirmedSends.Pending first;
        synchronized (got) {
            first = got.getFirst();
        }
        first.onCompletion(null);
        next.join();
        assertThat(sends.unconfirmed()).isEqualTo(ConfirmedSends.MAX_UNCONFIRMED);
        assertThat(tally.published.get()).isEqualTo(ConfirmedSends.MAX_UNCONFIRMED + 1);
        assertThat(tally.confirmed.get()).isEqualTo(1);
    }

    @Test
    void payloadTextsKeptForUnconfirmedSendsAreCapped() throws Exception {
        String big = "x".repeat((int) (ConfirmedSends.MAX_KEPT_CHARS / 4));
        for (long seq = 1; seq <= 4; seq++) {
            sends.send(seq, 0, 4, 0, big);
        }
        stopping = true;
        sends.send(5, 0, 4, 0, big);
        assertThat(got).hasSize(4);
        got.getFirst().onCompletion(null);
        stopping = false;
        sends.send(5, 0, 4, 0, big);
        assertThat(got).hasSize(5);
    }

    @Test
    void aFullWindowIsNotExceededAndARunEndingMeanwhileSendsNoMore() throws Exception {
        for (long seq = 1; seq <= ConfirmedSends.MAX_UNCONFIRMED; seq++) {
            sends.send(seq, 0, 4, 0, null);
        }
        stopping = true;
        sends.send(ConfirmedSends.MAX_UNCONFIRMED + 1, 0, 4, 0, null);
        assertThat(got).hasSize(ConfirmedSends.MAX_UNCONFIRMED);
        assertThat(tally.published.get()).isEqualTo(ConfirmedSends.MAX_UNCONFIRMED);
    }
}
