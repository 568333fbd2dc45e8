// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The claims of the lesson on detecting repeated redelivery, on both profiles, and its challenge. */
class RedeliveryDetectionLessonTest {
    private static final String ID = "redelivery-detection";

    private final Flow flow = Lessons.flow(ID);
    private final Queue invoices = Lessons.node(flow, "invoices-queue", Queue.class);
    private final List<ScriptedMessage> script = Lessons.node(flow, "invoices", Source.class).script();
    private final long bad = script.stream().filter(m -> "malformed".equals(m.headers().get("kind"))).count();

    private Simulation run(Flow f) {
        Simulation sim = Simulation.create(f, 42);
        sim.runUntil(10);
        return sim;
    }

    private Flow on(Broker broker) {
        return flow.withInfo(flow.info().withBroker(broker));
    }

    @Test
    void onRabbitMqTheBadInvoiceIsDeliveredOneTimeMoreThanTheLimitThenParked() {
        assertThat(flow.info().broker()).isEqualTo(Broker.RABBITMQ);
        assertThat(invoices.queueType()).isEqualTo(QueueType.QUORUM);
        assertThat(script).hasSize(10);
        assertThat(bad).isEqualTo(1);
        Simulation sim = run(flow);
        Snapshot s = sim.snapshot();
        int limit = invoices.deliveryLimit();
        assertThat(limit).isEqualTo(3);
        assertThat(s.node("invoices-queue").redelivered()).isEqualTo(limit);
        assertThat(s.node("billing").in()).isEqualTo(script.size() - bad + limit + 1);
        assertThat(s.node("billing").completed()).isEqualTo(script.size() - bad);
        assertThat(s.node("parking-lot").in()).isEqualTo(bad);
        MessageView parked = sim.peek("parking-lot", 5).getFirst();
        assertThat(parked.headers()).containsEntry("kind", "malformed");
        assertThat(parked.deaths()).first().satisfies(d -> {
            assertThat(d.reason()).isEqualTo("delivery_limit");
            assertThat(d.queue()).isEqualTo(invoices.id());
        });
        assertThat(Lessons.prose(ID)).contains("ten invoices arrive in 5 seconds", "the fourth is malformed",
                "nine good invoices", "delivered " + (limit + 1) + " times: the queue counts " + limit + " redeliveries",
                "delivery limit " + limit, "x-delivery-limit " + limit + " allows " + (limit + 1) + " deliveries (" + limit + " redeliveries)");
        assertThat(script.get(3).headers()).containsEntry("kind", "malformed");
        assertThat(Lessons.prose(ID)).contains("reason=" + parked.deaths().getFirst().reason() + " queue=" + invoices.id());
    }

    @Test
    void onArtemisTheLimitIsTheNumberOfDeliveriesAndTenWithoutOne() {
        int limit = invoices.deliveryLimit();
        Snapshot s = run(on(Broker.ARTEMIS)).snapshot();
        assertThat(s.node("invoices-queue").redelivered()).isEqualTo(limit - 1);
        assertThat(s.node("parking-lot").in()).isEqualTo(bad);

        Flow noLimit = on(Broker.ARTEMIS).replaceNode(invoices.with("deliveryLimit", null));
        Snapshot unset = run(noLimit).snapshot();
        assertThat(unset.node("invoices-queue").redelivered()).isEqualTo(10 - 1);
        assertThat(unset.node("parking-lot").in()).isEqualTo(bad);
        assertThat(Lessons.prose(ID)).contains("max-delivery-attempts " + limit + " allows " + limit + " deliveries ("
                + (limit - 1) + " redeliveries)", "dead-letters after 10 deliveries", "now delivered " + limit + " times, not " + (limit + 1));
    }

    @Test
    void aClassicQueueOnRabbitMqRedeliversTheBadInvoiceForEver() {
        Snapshot s = run(flow.replaceNode(invoices.with("queueType", QueueType.CLASSIC))).snapshot();
        assertThat(s.node("parking-lot").in()).isZero();
        // Billing spends the rest of the run on it: one delivery per 100 ms once the good ones are done.
        assertThat(s.node("invoices-queue").redelivered()).isGreaterThan(50);
    }

    @Test
    void theShippedFlowMissesTheChallengeAndALimitOfOneMeetsIt() {
        var challenge = Lessons.challenge(ID);
        assertThat(Lessons.meets(flow, challenge)).isFalse();
        assertThat(Lessons.meets(flow.replaceNode(invoices.with("deliveryLimit", 1)), challenge)).isTrue();
    }
}
