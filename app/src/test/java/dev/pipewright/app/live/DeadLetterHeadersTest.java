// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.Death;
import dev.pipewright.model.Broker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {
    private static final List<Death> TWICE = List.of(new Death("rejected", "q1", 2, 1.5), new Death("expired", "q2", 1, 4.0));
    private static final Map<String, String> NAMES = Map.of("q1", "orders", "q2", "orders.retry");

    @Test
    void rabbitMqAndGenericShowTheWholeXDeathHistoryByQueueName() {
        for (Broker broker : List.of(Broker.RABBITMQ, Broker.GENERIC)) {
            assertThat(DeadLetterHeaders.lines(broker, TWICE, NAMES::get)).containsExactly(
                    "x-death: reason=rejected queue=orders count=2 time=" + LiveFormat.elapsed(1.5),
                    "x-death: reason=expired queue=orders.retry count=1 time=" + LiveFormat.elapsed(4.0));
        }
    }

    @Test
    void artemisShowsWhereTheMessageWasBeforeItsLastMove() {
        assertThat(DeadLetterHeaders.lines(Broker.ARTEMIS, TWICE, NAMES::get)).containsExactly(
                "_AMQ_ORIG_ADDRESS=orders.retry _AMQ_ORIG_QUEUE=orders.retry _AMQ_ACTUAL_EXPIRY=" + LiveFormat.elapsed(4.0));
        assertThat(DeadLetterHeaders.lines(Broker.ARTEMIS, TWICE.subList(0, 1), NAMES::get))
                .containsExactly("_AMQ_ORIG_ADDRESS=orders _AMQ_ORIG_QUEUE=orders");
        assertThat(DeadLetterHeaders.lines(Broker.ARTEMIS, List.of(), NAMES::get)).isEmpty();
    }
}
