// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sentence Wiring gives for a wire it refuses reads as English: "an" before a vowel. */
class WiringTest {
    @Test
    void aProcessorsErrorOutputToAnEndpointIsRefusedWithAnBeforeEndpoint() {
        Processor processor = Processor.of("p", "enrich", Position.ORIGIN);
        Endpoint endpoint = Endpoint.of("e", "crm", Position.ORIGIN);

        assertThat(Wiring.refusal(processor, Port.ERROR, endpoint)).hasValueSatisfying(message -> {
            assertThat(message).startsWith("the 'error' output of a processor can go to a queue");
            assertThat(message).endsWith(", not to an endpoint");
            assertThat(message).doesNotContain("a endpoint");
        });
    }

    @Test
    void aQueuesDeadLetterOutputToAConsumerKeepsA() {
        Queue queue = Queue.of("q", "orders", Position.ORIGIN);
        Consumer consumer = Consumer.of("c", "worker", Position.ORIGIN);

        assertThat(Wiring.refusal(queue, Port.DEAD_LETTER, consumer))
                .hasValueSatisfying(message -> assertThat(message).contains("output of a queue", "not to a consumer"));
    }
}
