// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.MessageEvent;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Queue;
import dev.pipewright.model.check.FlowChecks;
import dev.pipewright.model.check.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claims of the retry-with-a-delay lesson, on its sample, and the same loop as RabbitMQ and Artemis build it. */
class RetryWithDelayLessonTest {
    private static final String ID = "retry-with-delay";
    private static final double SECONDS = 600;
    private final Flow flow = Lessons.sample(ID);
    private final Consumer processor = Lessons.node(flow, "payment-processor", Consumer.class);
    private final DeadLetterQueue retry = Lessons.node(flow, "payments-retry", DeadLetterQueue.class);
    private final double delay = Lessons.seconds(retry.retryAfter());

    /** For each paid payment: how many times it failed, and the time from publish to paid. */
    private static List<double[]> failuresAndTimes(Flow flow, double seconds) {
        List<MessageEvent> events = Lessons.events(flow, 42, seconds);
        Map<Long, Double> published = new HashMap<>();
        Map<Long, Integer> failures = Lessons.countPerMessage(events, "dead-letter", "payments");
        List<double[]> paid = new ArrayList<>();
        for (MessageEvent e : events) {
            if (e.event().equals("publish")) {
                published.put(e.message(), e.t());
            } else if (e.event().equals("complete") && e.node().equals("payment-processor")) {
                paid.add(new double[] {failures.getOrDefault(e.message(), 0), e.t() - published.get(e.message())});
            }
        }
        return paid;
    }

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }

    @Test
    void theFlowIsAsTheTextSays() {
        assertThat(processor.failureRate()).isEqualTo(0.3);
        assertThat(processor.failWhen()).isEqualTo("$.amount > 490");
        assertThat(processor.onFailure()).isEqualTo(Consumer.FailureAction.DEAD_LETTER);
        assertThat(delay).isEqualTo(5);
        assertThat(retry.maxRetries()).isEqualTo(3);
        assertThat(flow.outgoing("payments", Port.DEAD_LETTER)).extracting(Edge::to).containsExactly(retry.id());
        assertThat(1 / Math.pow(processor.failureRate(), retry.maxRetries() + 1)).isCloseTo(123, within(1.0));
    }

    @Test
    void aPaymentThatFailedNTimesIsPaidAboutNTimesFiveSecondsAfterItWasPlaced() {
        List<double[]> paid = failuresAndTimes(flow, SECONDS);
        for (int n = 0; n <= retry.maxRetries(); n++) {
            int failures = n;
            List<Double> times = paid.stream().filter(p -> p[0] == failures).map(p -> p[1]).toList();
            assertThat(times).as(n + " failures").isNotEmpty()
                    .allSatisfy(t -> assertThat(t).isBetween(failures * delay, failures * delay + 1));
        }
        assertThat(paid).noneMatch(p -> p[0] > retry.maxRetries());
        double first = paid.stream().filter(p -> p[0] == 0).count() / (double) paid.size();
        assertThat(first).isCloseTo(0.7, within(0.04));
    }

    @Test
    void whatFailsFourAttemptsStaysThereEveryPaymentOver490AmongThem() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(SECONDS);
        Snapshot s = sim.snapshot();
        long parked = s.node(retry.id()).ready();
        double share = (double) parked / s.node("payment-requests").out();
        assertThat(share).isBetween(0.02, 0.04);
        List<MessageView> kept = sim.peek(retry.id(), (int) parked);
        assertThat(kept).hasSize((int) parked)
                .allSatisfy(m -> assertThat(m.deaths().getFirst().count()).isEqualTo(retry.maxRetries() + 1));
        long overLimit = kept.stream().filter(m -> m.payload().matches(".*\"amount\":(49[1-9]|500)\\b.*")).count();
        // Payments over 490 are about 2% of all (10 amounts of 496); the rest are the unlucky ones.
        assertThat((double) overLimit / s.node("payment-requests").out()).isCloseTo(0.02, within(0.008));
        assertThat(parked - overLimit).isPositive();
        assertThat(sim.conservation().dropped()).isZero();
        // The slowest paid payments needed all three retries: about 15 s.
        assertThat(s.node(processor.id()).endToEnd().p99Ms() / 1000).isBetween(3 * delay, 3 * delay + 1);
    }

    @Test
    void withOneRetryAboutOnePaymentInNineIsGivenUpOn() {
        Simulation sim = Simulation.create(Lessons.with(flow, retry.id(), "maxRetries", 1), 42);
        sim.runUntil(SECONDS);
        Snapshot s = sim.snapshot();
        // 0.3 squared of the others, and every payment over 490.
        assertThat((double) s.node(retry.id()).ready() / s.node("payment-requests").out()).isCloseTo(0.11, within(0.02));
    }

    @Test
    void requeueingAtOnceRetriesWithinMillisecondsAndLoopsThePoisonPayments() {
        Flow requeue = Lessons.with(flow, processor.id(), "onFailure", Consumer.FailureAction.REQUEUE);
        assertThat(FlowChecks.all(requeue)).anyMatch(f -> f.severity() == Severity.WARNING
                && processor.id().equals(f.nodeId()) && f.message().contains("loops forever"));
        Simulation sim = Simulation.create(requeue, 42);
        sim.runUntil(60);
        Snapshot s = sim.snapshot();
        // The payments over 490 come back as fast as the processor fails them: it does little else.
        assertThat(s.node("payments").redelivered()).isGreaterThan(5 * s.node("payment-requests").out());
        assertThat(s.node(processor.id()).busy()).isEqualTo(processor.instances());
        assertThat(s.node(retry.id()).in()).isZero();
    }

    @Test
    void onRabbitMqAWaitQueueWithATtlGivesTheSameDelayButNoLimit() {
        // payments.retry becomes a queue nobody reads, with a 5 s TTL, dead-lettering back to payments.
        Queue wait = new Queue("payments-wait", "payments.wait", retry.position(), null, null, retry.retryAfter(), null,
                null, null, null, 1.0, null, false, true, null, null, false, null, false, null);
        Flow rabbit = flow.withoutNodes(List.of(retry.id())).withNode(wait)
                .withEdge(new Edge("e3", "payments", Port.DEAD_LETTER, wait.id(), null, Map.of()))
                .withEdge(new Edge("e4", wait.id(), Port.DEAD_LETTER, "payments", null, Map.of()));
        rabbit = rabbit.withInfo(rabbit.info().withBroker(Broker.RABBITMQ));
        assertThat(FlowChecks.all(rabbit)).noneMatch(f -> f.severity() == Severity.ERROR || f.severity() == Severity.WARNING);

        List<double[]> paid = failuresAndTimes(rabbit, 300);
        for (int n = 0; n <= 3; n++) {
            int failures = n;
            assertThat(paid.stream().filter(p -> p[0] == failures).map(p -> p[1]).toList()).as(n + " failures")
                    .isNotEmpty().allSatisfy(t -> assertThat(t).isBetween(failures * delay, failures * delay + 1));
        }
        // Nothing counts the laps: the payments over 490 go round and round, none is ever parked.
        assertThat(paid.stream().mapToDouble(p -> p[0]).max().orElseThrow()).isGreaterThan(3);
        Simulation sim = Simulation.create(rabbit, 42);
        sim.runUntil(300);
        assertThat(sim.snapshot().node(wait.id()).depth()).isPositive();
        assertThat(sim.snapshot().node("payments").deadLettered()).isGreaterThan(sim.snapshot().node("payment-requests").out() / 2);
    }

    @Test
    void onArtemisARedeliveryDelayOnTheQueueDoesTheSame() {
        Flow artemis = flow.withInfo(flow.info().withBroker(Broker.ARTEMIS));
        artemis = Lessons.with(artemis, processor.id(), "onFailure", Consumer.FailureAction.REQUEUE);
        artemis = Lessons.with(artemis, "payments", "redeliveryDelay", Duration.ofSeconds(5));
        artemis = Lessons.with(artemis, "payments", "deliveryLimit", retry.maxRetries() + 1);
        // payments.retry only keeps what gives up now: the queue does the waiting.
        artemis = Lessons.with(Lessons.with(artemis, retry.id(), "retryAfter", null), retry.id(), "maxRetries", null);
        assertThat(FlowChecks.all(artemis)).noneMatch(f -> f.severity() == Severity.ERROR || f.severity() == Severity.WARNING);
        Simulation sim = Simulation.create(artemis, 42);
        List<MessageEvent> events = new ArrayList<>();
        sim.setMessageEvents(events::add);
        sim.runUntil(SECONDS);
        Map<Long, Integer> deliveries = Lessons.countPerMessage(events, "deliver", "payments");
        Map<Long, Double> published = new HashMap<>();
        int retried = 0;
        for (MessageEvent e : events) {
            if (e.event().equals("publish")) {
                published.put(e.message(), e.t());
            } else if (e.event().equals("complete")) {
                int failures = deliveries.get(e.message()) - 1;
                retried += failures > 0 ? 1 : 0;
                assertThat(e.t() - published.get(e.message())).isBetween(failures * delay, failures * delay + 1);
            }
        }
        assertThat(retried).isGreaterThan(100);
        // Four attempts, then the dead-letter queue keeps it.
        Map<Long, Integer> dead = Lessons.countPerMessage(events, "dead-letter", "payments");
        assertThat(dead).isNotEmpty();
        assertThat(dead.keySet()).allSatisfy(m -> assertThat(deliveries.get(m)).isEqualTo(retry.maxRetries() + 1));
    }
}
