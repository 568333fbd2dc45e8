// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ledger identity of the copies a consumer passes on along several wires ({@link LiveMessages#leg}). */
class LiveMessagesLegTest {
    @Test
    void theFirstWireCarriesTheMessageItselfAndEachLaterWireACopyOfItsOwn() {
        assertThat(LiveMessages.leg(null, "worker", 0)).isNull();
        assertThat(LiveMessages.leg(">a.1", "worker", 0)).isEqualTo(">a.1");
        assertThat(LiveMessages.leg(null, "worker", 1)).isEqualTo(">worker.1");
        assertThat(LiveMessages.leg(">a.1", "worker", 2)).isEqualTo(">a.1>worker.2");
    }

    @Test
    void aCopysLegGoesAfterItsCopyNumberAndBeforeItsRetries() {
        assertThat(LiveMessages.ledgerId("src-5", null, null, null)).isEqualTo("src-5");
        assertThat(LiveMessages.ledgerId("src-5", null, null, ">worker.1")).isEqualTo("src-5>worker.1");
        assertThat(LiveMessages.ledgerId("src-5", 2, 1, ">worker.1")).isEqualTo("src-5/2>worker.1~1");
    }

    @Test
    void aCopyPassedRoundALoopKeepsALegOfBoundedLengthAndDistinctFromTheOthers() {
        Set<String> seen = new HashSet<>();
        String leg = null;
        for (int lap = 0; lap < 10_000; lap++) {
            leg = LiveMessages.leg(leg, "a-consumer-with-a-long-name", 1);
            assertThat(leg.length()).isLessThanOrEqualTo(LiveMessages.MAX_LEG);
            assertThat(seen.add(leg)).as("lap %d: %s", lap, leg).isTrue();
        }
        assertThat(leg).startsWith(">#");
    }
}
