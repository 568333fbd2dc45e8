// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Queue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The claims of the Amazon SQS work queue lesson, on the SQS profile and on RabbitMQ's, and its challenge. */
class SqsWorkQueueLessonTest {
    private static final String ID = "sqs-work-queue";

    private final Flow flow = Lessons.flow(ID);
    private final Queue jobs = Lessons.node(flow, "jobs", Queue.class);

    private static Simulation run(Flow f, double seconds) {
        Simulation sim = Simulation.create(f, 42);
        sim.runUntil(seconds);
        return sim;
    }

    @Test
    void theCorruptImageIsReceivedThreeTimesTenSecondsApartThenRedriven() {
        assertThat(flow.info().broker()).isEqualTo(Broker.SQS);
        assertThat(jobs.visibilityTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(jobs.deliveryLimit()).isEqualTo(3);
        // Failed at 4.5 s, hidden until 12.5 s.
        Snapshot at12 = run(flow, 12.4).snapshot();
        assertThat(at12.node("thumbnailer").failed()).isEqualTo(1);
        assertThat(at12.node("jobs").scheduled()).isEqualTo(1);
        assertThat(run(flow, 12.6).snapshot().node("thumbnailer").in()).isEqualTo(9 + 2);
        assertThat(run(flow, 22.6).snapshot().node("thumbnailer").in()).isEqualTo(9 + 3);
        assertThat(run(flow, 32.4).snapshot().node("jobs-dlq").in()).isZero();
        Snapshot done = run(flow, 32.6).snapshot();
        assertThat(done.node("jobs-dlq").in()).isEqualTo(1);
        assertThat(done.node("thumbnailer").completed()).isEqualTo(9);
        assertThat(done.node("thumbnailer").failed()).isEqualTo(3);
        assertThat(done.node("jobs").redelivered()).isEqualTo(2);
        assertThat(Lessons.prose(ID)).contains("ten image jobs arrive in 5 seconds", "take 2 s each",
                "visibility timeout of 10 s", "maxReceiveCount 3", "received at 2.5 s, fails at 4.5 s",
                "until 12.5 s", "12.5 s and 22.5 s", "at 32.5 s the redrive policy");
    }

    @Test
    void aVisibilityTimeoutShorterThanAThumbnailGivesDuplicates() {
        Snapshot s = run(flow.replaceNode(jobs.with("visibilityTimeout", Duration.ofSeconds(1))), 20).snapshot();
        assertThat(s.node("thumbnailer").completed()).isGreaterThan(9);
    }

    @Test
    void onRabbitMqTheFailedImageIsRequeuedAtOnceAndLoopsForEver() {
        Snapshot s = run(flow.withInfo(flow.info().withBroker(Broker.RABBITMQ)), 60).snapshot();
        assertThat(s.node("jobs-dlq").in()).isZero();
        assertThat(s.node("thumbnailer").failed()).isGreaterThan(10);
        assertThat(s.node("thumbnailer").completed()).isEqualTo(9);
    }

    @Test
    void theShippedFlowMissesTheChallengeAndAShorterTimeoutOrALowerLimitMeetsIt() {
        var challenge = Lessons.challenge(ID);
        assertThat(Lessons.meets(flow, challenge)).isFalse();
        assertThat(Lessons.meets(flow.replaceNode(jobs.with("visibilityTimeout", Duration.ofSeconds(3))), challenge))
                .isTrue();
        assertThat(Lessons.meets(flow.replaceNode(jobs.with("deliveryLimit", 1)), challenge)).isTrue();
        // Shorter than the processing: duplicates, and good jobs redriven too.
        assertThat(Lessons.meets(flow.replaceNode(jobs.with("visibilityTimeout", Duration.ofSeconds(1))), challenge))
                .isFalse();
    }
}
