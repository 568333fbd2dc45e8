// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Connection;
import dev.pipewright.cli.RabbitAdmin;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** How a RabbitMQ address is read: one URI, a cluster URI with a login, or a bare list. */
class RabbitTargetTest {
    @Test
    void aClusterUriKeepsItsUserVirtualHostAndEveryAddress() {
        RabbitTarget t = RabbitTarget.parse("amqp://alice:pa55@rabbit1:5672, rabbit2:5673,rabbit3/orders", null);
        assertThat(t).hasToString("amqp://alice:****@rabbit1:5672,rabbit2:5673,rabbit3:5672/orders");
        assertThat(t.vhost()).isEqualTo("orders");
    }

    @Test
    void aClusterUriTakesThePasswordFromTheEnvironmentWhenItHasNone() {
        RabbitTarget t = RabbitTarget.parse("amqp://alice@rabbit1,rabbit2/%2F", "from-env");
        assertThat(t).hasToString("amqp://alice:****@rabbit1:5672,rabbit2:5672/%2F");
        assertThat(t.toString()).doesNotContain("from-env");
    }

    @Test
    void aClusterUriWithTlsUsesTheTlsPortByDefault() {
        RabbitTarget t = RabbitTarget.parse("amqps://alice@rabbit1,rabbit2:6000/%2F", null);
        assertThat(t).hasToString("amqps://alice:****@rabbit1:5671,rabbit2:6000/%2F");
    }

    @Test
    void aBadHostInAClusterIsOneSentenceWithoutThePassword() {
        assertThatThrownBy(() -> RabbitTarget.parse("amqp://alice:pa55@rabbit1:5672,rabbit2:99999/%2F", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rabbit2:99999' in the cluster address is not host:port")
                .hasMessageNotContaining("pa55");
    }

    @Test
    void aClusterOfTooManyHostsIsRefusedBeforeAnyIsRead() {
        String hostile = "amqp://guest@" + "rabbit:5672,".repeat(200_000) + "rabbit:5672/%2F";
        assertThatThrownBy(() -> RabbitTarget.parse(hostile, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 100 hosts");
    }

    @Test
    void aClusterWhoseFirstNodeIsDownConnectsToTheNext() throws Exception {
        RabbitAdmin.connectOrSkip();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        RabbitTarget t = RabbitTarget.parse("amqp://guest:guest@127.0.0.1:" + closed + ",127.0.0.1:5672/%2F", null);
        try (Connection c = t.connect("pipewright-cluster-test")) {
            assertThat(c.getPort()).isEqualTo(5672);
        }
    }
}
