// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.live.Await;
import dev.pipewright.brokers.live.LiveBackendContract;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SQS run backend the app drives, on an ElasticMQ started in-process for each run: what every
 * live backend does ({@link LiveBackendContract}), and the faults a client can do by hand, checked
 * against the counts ElasticMQ reports back.
 */
class SqsBackendTest extends LiveBackendContract {
    @Override
    protected String backendName() {
        return SqsBackend.NAME;
    }

    @Override
    protected RunBackend newBackend() {
        return new SqsBackend();
    }

    @Override
    protected boolean playsEndpoints() {
        return false;
    }

    @Override
    protected RunBackend unreachable() {
        return new SqsBackend(SqsTarget.parse("http://127.0.0.1:1", "eu-west-1", "AKIAEXAMPLE", "secret", Map.of()));
    }

    /**
     * Under the SQS profile: a visibility timeout of 1 s, so what a crashed instance held (not
     * deleted) is received again a second after its receive, not after SQS's default 30 s; and a
     * prefetch of at most one receive batch (10), all an SQS consumer can ask for.
     */
    @Override
    protected Flow forBroker(Flow flow) {
        Consumer workers = (Consumer) flow.node("workers").orElseThrow();
        return flow.withInfo(flow.info().withBroker(Broker.SQS))
                .replaceNode(flow.node("orders").orElseThrow().with("visibilityTimeout", Duration.ofSeconds(1)))
                .replaceNode(workers.with("prefetch", Math.min(workers.prefetch(), SqsConsumerInstance.RECEIVE_BATCH)));
    }

    @Test
    void theEmbeddedElasticMqIsThereToRunOn() {
        assertThat(SqsBackend.embeddedAvailable()).as("ElasticMQ is on the test class path").isTrue();
    }

    @Test
    void whatAnInstanceHoldsIsInFlightNotReadyInTheQueue() {
        // A visibility timeout no receive outlives while the test looks: SQS counts the 10 not visible.
        Flow flow = flow(1_000, 10, 1, 10, 60_000);
        backend.start(flow.replaceNode(flow.node("orders").orElseThrow().with("visibilityTimeout", Duration.ofMinutes(5))),
                7, RunLimits.INTERACTIVE);
        awaitConnected();
        backend.play();
        Await.until("the 10 in hand and none ready", () -> node("workers").in() == 10 && node("orders").ready() == 0,
                backend::latest);
        assertThat(backend.latest().conservation().inFlight()).isEqualTo(10);
        assertThat(backend.latest().conservation().waiting()).isZero();
    }
}
