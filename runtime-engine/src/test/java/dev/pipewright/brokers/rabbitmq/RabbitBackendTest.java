// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.live.Await;
import dev.pipewright.brokers.live.LiveBackendContract;
import dev.pipewright.cli.RabbitAdmin;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.model.Flow;
import dev.pipewright.model.ScriptedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RabbitMQ run backend on the local broker, one scratch virtual host per test. */
class RabbitBackendTest extends LiveBackendContract {
    private RabbitAdmin admin;

    @Override
    protected String backendName() {
        return "rabbitmq";
    }

    @Override
    protected RunBackend newBackend() throws Exception {
        admin = RabbitAdmin.connectOrSkip();
        String vhost = admin.scratchVhost();
        return new RabbitBackend(RabbitTarget.parse("amqp://guest:guest@127.0.0.1:5672/" + RabbitAdmin.segment(vhost),
                null), true);
    }

    @Override
    protected RunBackend unreachable() {
        return new RabbitBackend(RabbitTarget.parse("amqp://guest:secret@127.0.0.1:1/%2F", null), false);
    }

    @Override
    protected void cleanUp() throws Exception {
        if (admin != null) {
            admin.deleteScratch();
        }
    }

    @Test
    void aScriptedSourcePublishesItsMessagesOnlyWhileTheRunPlays() {
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            script.add(new ScriptedMessage(Duration.ofMillis(100L * i), "m" + i, null, null, Map.of(), null, null));
        }
        Flow flow = flow(1, 1, 1, 1, 1);
        flow = flow.replaceNode(flow.node("src").orElseThrow().with("script", script));
        backend.start(flow, 7, RunLimits.INTERACTIVE);
        awaitConnected();
        assertThat(backend.latest().node("src").out()).isZero(); // held until played
        backend.play();
        Await.until("the 5 scripted messages completed", () -> completed() == 5, backend::latest);
        assertThat(backend.latest().conservation().holds()).isTrue();
    }
}
