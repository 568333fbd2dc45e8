// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which nodes a live run's own client plays, not the broker: endpoints and message stores only. */
class LiveEndpointsPlaysTest {
    @Test
    void endpointsAndMessageStoresArePlayedInTheClient() {
        assertThat(LiveEndpoints.plays(new Endpoint("crm", "crm", Position.ORIGIN, 1, Distribution.constant(Duration.ZERO),
                List.of()))).isTrue();
        assertThat(LiveEndpoints.plays(new MessageStore("outbox", "outbox", Position.ORIGIN, Duration.ofMillis(200), null,
                false, Distribution.constant(Duration.ofMillis(1))))).isTrue();
    }

    @Test
    void brokerNodesProcessorsAndNoNodeAreNot() {
        assertThat(List.of(Queue.of("q", "q", Position.ORIGIN), Topic.of("t", "t", Position.ORIGIN),
                Consumer.of("c", "c", Position.ORIGIN), Source.of("s", "s", Position.ORIGIN),
                Processor.of("p", "p", Position.ORIGIN))).noneMatch(LiveEndpoints::plays);
        assertThat(LiveEndpoints.plays(null)).isFalse();
    }
}
