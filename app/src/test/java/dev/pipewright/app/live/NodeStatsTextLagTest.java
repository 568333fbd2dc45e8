// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.ConsumerLag;
import org.junit.jupiter.api.Test;

/** A Kafka topic's hover card shows each consumer group's lag, in total and for its first partitions. */
class NodeStatsTextLagTest {
    @Test
    void aGroupsLagIsItsTotalAndItsFirstPartitions() {
        assertThat(NodeStatsText.lagText(new ConsumerLag("billing", new long[] {5, 7}))).isEqualTo("12   (p0 5, p1 7)");
        assertThat(NodeStatsText.lagText(new ConsumerLag("billing", new long[] {1_500}))).isEqualTo("1,500");
        assertThat(NodeStatsText.lagText(new ConsumerLag("b", new long[] {1, 2, 3, 4, 5, 6})))
                .isEqualTo("21   (p0 1, p1 2, p2 3, p3 4, ...)");
    }
}
