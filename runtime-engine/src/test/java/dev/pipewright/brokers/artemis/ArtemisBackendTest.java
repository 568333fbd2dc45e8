// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.live.Await;
import dev.pipewright.brokers.live.LiveBackendContract;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Artemis run backend on an embedded server, one per test: {@link LiveBackendContract}, and a crash schedule. */
class ArtemisBackendTest extends LiveBackendContract {
    @Override
    protected String backendName() {
        return "artemis";
    }

    @Override
    protected RunBackend newBackend() {
        return new ArtemisBackend();
    }

    @Override
    protected RunBackend unreachable() {
        return new ArtemisBackend(ArtemisTarget.parse("tcp://admin:secret@127.0.0.1:1", null), false);
    }

    @Test
    void theConsumersCrashScheduleIsCarriedOutAsTheRunPlays() {
        // One instance taking a second a message crashes half-way through the first, back 0.2 s later.
        Flow flow = flow(100, 3, 1, 1, 1_000);
        flow = flow.replaceNode(flow.node("workers").orElseThrow().with("crashes", List.of(new Consumer.Crash(Duration.ofMillis(500), 0,
                Duration.ofMillis(200)))));
        backend.start(flow, 7, RunLimits.INTERACTIVE);
        awaitConnected();
        backend.play();
        Await.until("3 messages completed", () -> completed() == 3, backend::latest);
        assertThat(node("orders").redelivered()).as("the message held at the crash, delivered again").isEqualTo(1);
        assertThat(backend.latest().conservation().holds()).isTrue();
    }
}
