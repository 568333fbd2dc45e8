// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.files.BrokerLogin;
import dev.pipewright.brokers.rabbitmq.RabbitTarget;
import org.junit.jupiter.api.Test;

/** The address Run on gives a broker: the dialog's user put into the URL, a cluster's too. */
class RunOnAddressTest {
    @Test
    void theUserGoesIntoAClusterAddress() {
        String url = RunOn.withUser(new BrokerLogin("amqp://rabbit1:5672,rabbit2:5672/orders", "alice", "pw"));
        assertThat(url).isEqualTo("amqp://alice@rabbit1:5672,rabbit2:5672/orders");
        assertThat(RabbitTarget.parse(url, "pw")).hasToString("amqp://alice:****@rabbit1:5672,rabbit2:5672/orders");
    }

    @Test
    void anAddressWithAUserAlreadyKeepsIt() {
        assertThat(RunOn.withUser(new BrokerLogin("amqp://bob@rabbit1:5672/%2F", "alice", "")))
                .isEqualTo("amqp://bob@rabbit1:5672/%2F");
    }
}
