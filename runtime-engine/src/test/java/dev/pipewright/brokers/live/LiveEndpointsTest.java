// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worst cases of endpoints played by a live run's client: a full line, and failovers wired in a loop. */
class LiveEndpointsTest {
    private static Endpoint slow(String id) {
        return new Endpoint(id, id, Position.ORIGIN, 1, Distribution.constant(Duration.ofHours(1)), List.of());
    }

    @Test
    void aMessagePastTheLineCapIsRefusedAndDroppedNotKept() {
        Flow flow = new Flow(new FlowInfo("Cap", ""), List.of(Source.of("src", "src", Position.ORIGIN), slow("crm")),
                List.of(Edge.of("e", "src", Port.OUT, "crm")));
        LiveLedger ledger = new LiveLedger(flow);
        LiveEndpoints endpoints = new LiveEndpoints(flow, ledger, 1);
        endpoints.start();
        try {
            // One busy for an hour, then the line fills up to its cap.
            for (int i = 0; i < 1 + LiveEndpoints.MAX_LINE; i++) {
                assertThat(endpoints.send("crm", System.nanoTime())).isTrue();
            }
            assertThat(endpoints.send("crm", System.nanoTime())).isFalse();
            NodeTally t = ledger.tally("crm");
            assertThat(t.delivered.get()).isEqualTo(1L + LiveEndpoints.MAX_LINE);
            assertThat(t.held.get()).isEqualTo(LiveEndpoints.MAX_LINE);
            assertThat(t.busy.get()).isEqualTo(1);
            assertThat(t.dropped.get()).isEqualTo(1);
        } finally {
            endpoints.close();
        }
    }

    @Test
    void failoversWiredInALoopEndWhenAllAreDown() {
        Flow flow = new Flow(new FlowInfo("Loop", ""), List.of(Source.of("src", "src", Position.ORIGIN), slow("a"),
                slow("b")), List.of(Edge.of("e", "src", Port.OUT, "a"), Edge.of("f1", "a", Port.FAILOVER, "b"),
                Edge.of("f2", "b", Port.FAILOVER, "a")));
        LiveLedger ledger = new LiveLedger(flow);
        LiveEndpoints endpoints = new LiveEndpoints(flow, ledger, 1);
        endpoints.start();
        try {
            endpoints.setDown("a", true);
            endpoints.setDown("b", true);
            assertThat(endpoints.send("a", System.nanoTime())).isFalse();
            assertThat(ledger.tally("a").dropped.get()).isEqualTo(1);
            assertThat(ledger.tally("b").dropped.get()).isZero();
            endpoints.setDown("b", false);
            assertThat(endpoints.send("a", System.nanoTime())).isTrue();
            assertThat(ledger.tally("b").delivered.get()).isEqualTo(1);
            assertThat(endpoints.up("a")).isFalse();
            assertThat(endpoints.up("b")).isTrue();
        } finally {
            endpoints.close();
        }
    }
}
