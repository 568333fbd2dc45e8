// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The TLS probe {@link KafkaTarget#describe} makes after a timeout never turns the sentence into a
 * crash: servers that are not host:port (a target made without {@link KafkaTarget#parse}) are
 * probed as nothing, and the sentence stays "no Kafka broker answered".
 */
class KafkaTargetProbeTest {
    @Test
    void serversThatAreNoHostPortAreSaidAsUnanswered() {
        for (String servers : new String[] {"nohost", ":9092", "h:99999", "h:port"}) {
            assertThat(new KafkaTarget(servers).overTls(null).describe(new TimeoutException(), "connecting"))
                    .as(servers).startsWith("no Kafka broker answered at " + servers + " within 5 s while connecting");
        }
    }
}
