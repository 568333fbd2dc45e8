// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.pipewright.brokers.live.PayloadFlows;
import dev.pipewright.brokers.rabbitmq.LiveRun;
import dev.pipewright.brokers.rabbitmq.RabbitTarget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A live run on the local RabbitMQ sends the payloads the simulator makes ({@link PayloadFlows}). */
class LivePayloadTest {

    @Test
    void aRunOnRabbitMqSendsTheSimulatorsPayloads() throws Exception {
        RabbitAdmin admin = RabbitAdmin.connectOrSkip();
        try {
            String vhost = admin.scratchVhost();
            RabbitTarget target = RabbitTarget.parse("amqp://guest:guest@127.0.0.1:5672/" + RabbitAdmin.segment(vhost), null);
            try (LiveRun run = LiveRun.declare(PayloadFlows.flow(), target)) {
                run.run(PayloadFlows.SEED, Duration.ofSeconds(60));
            }
            ConnectionFactory f = new ConnectionFactory();
            f.setHost(RabbitAdmin.HOST);
            f.setPort(RabbitAdmin.AMQP_PORT);
            f.setVirtualHost(vhost);
            try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
                PayloadFlows.assertAsTheSimulator(drain(ch, "exact"), drain(ch, "ranged"));
            }
        } finally {
            admin.deleteScratch();
        }
    }

    private static List<String> drain(Channel ch, String queue) throws Exception {
        List<String> out = new ArrayList<>();
        GetResponse r;
        while ((r = ch.basicGet(queue, true)) != null) {
            out.add(new String(r.getBody(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
