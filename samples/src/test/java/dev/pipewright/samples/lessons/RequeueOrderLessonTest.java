// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.MessageEvent;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The claims of the requeue-preserving-order lesson, on its sample, under each broker profile. */
class RequeueOrderLessonTest {
    private static final String ID = "requeue-order";
    private final Flow flow = Lessons.sample(ID);
    private final Source account = Lessons.node(flow, "account-service", Source.class);
    private final Queue updates = Lessons.node(flow, "updates", Queue.class);
    private final Consumer ledger = Lessons.node(flow, "ledger", Consumer.class);
    private final List<String> script = account.script().stream().map(ScriptedMessage::id).toList();

    private static Flow on(Flow flow, Broker broker) {
        return flow.withInfo(flow.info().withBroker(broker));
    }

    /** The script ids in the order of {@code event} at {@code node}, in a run with {@code seed}. */
    private List<String> order(Flow flow, long seed, String event, String node) {
        List<MessageEvent> events = Lessons.events(flow, seed, 60);
        Map<Long, String> ids = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (MessageEvent e : events) {
            if (e.event().equals("publish")) {
                ids.put(e.message(), script.get(ids.size()));
            } else if (e.event().equals(event) && e.node().equals(node)) {
                order.add(ids.get(e.message()));
            }
        }
        return order;
    }

    private List<String> applied(Flow flow, long seed) {
        return order(flow, seed, "complete", "ledger");
    }

    /** In how many of 20 seeds the ledger applies all twelve updates in order. */
    private long seedsInOrder(Flow flow) {
        return LongStream.rangeClosed(1, 20).filter(seed -> applied(flow, seed).equals(script)).count();
    }

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }

    @Test
    void theFlowIsAsTheTextSays() {
        assertThat(script).hasSize(12).startsWith("u1").endsWith("u12");
        assertThat(ledger.failureRate()).isEqualTo(0.25);
        assertThat(ledger.onFailure()).isEqualTo(Consumer.FailureAction.REQUEUE);
        assertThat(ledger.instances()).isEqualTo(1);
        assertThat(ledger.prefetch()).isEqualTo(1);
        assertThat(updates.deliveryLimit()).isEqualTo(10);
        assertThat(updates.queueType()).isEqualTo(QueueType.CLASSIC);
        assertThat(flow.outgoing("updates", dev.pipewright.model.Port.DEAD_LETTER)).singleElement()
                .satisfies(e -> assertThat(e.to()).isEqualTo("updates-dlq"));
    }

    @Test
    void failuresHappenAndAFailedUpdateIsDeliveredAgainBeforeTheNextOne() {
        List<String> delivered = order(flow, 42, "deliver", "updates");
        assertThat(delivered.size()).isGreaterThan(script.size());
        // Delivered again at once: each update's deliveries come together, in script order.
        assertThat(delivered.stream().distinct().toList()).isEqualTo(script);
        for (int i = 1; i < delivered.size(); i++) {
            assertThat(script.indexOf(delivered.get(i))).isGreaterThanOrEqualTo(script.indexOf(delivered.get(i - 1)));
        }
    }

    @Test
    void theUpdatesBehindAFailureWaitForIt() {
        List<MessageEvent> withFailures = Lessons.events(flow, 42, 60);
        List<MessageEvent> without = Lessons.events(Lessons.with(flow, ledger.id(), "failureRate", 0.0), 42, 60);
        assertThat(lastCompletion(withFailures)).isGreaterThan(lastCompletion(without) + 0.2);
    }

    private static double lastCompletion(List<MessageEvent> events) {
        return events.stream().filter(e -> e.event().equals("complete")).mapToDouble(MessageEvent::t).max().orElseThrow();
    }

    @Test
    void aClassicQueueKeepsTheOrderWhateverFails() {
        assertThat(seedsInOrder(flow)).isEqualTo(20);
        assertThat(seedsInOrder(on(flow, Broker.RABBITMQ))).isEqualTo(20);
    }

    @Test
    void twoInstancesOrAPrefetchOfTenLoseTheOrder() {
        assertThat(seedsInOrder(Lessons.with(flow, ledger.id(), "instances", 2))).isLessThan(10);
        assertThat(applied(Lessons.with(flow, ledger.id(), "instances", 2), 42)).isNotEqualTo(script);
        assertThat(seedsInOrder(Lessons.with(flow, ledger.id(), "prefetch", 10))).isLessThan(10);
        assertThat(applied(Lessons.with(flow, ledger.id(), "prefetch", 10), 42)).isNotEqualTo(script);
    }

    @Test
    void onRabbitMqAQuorumQueueWithoutALimitRequeuesToTheBackAndWithOneToItsPlace() {
        Flow quorum = Lessons.with(on(flow, Broker.RABBITMQ), updates.id(), "queueType", QueueType.QUORUM);
        assertThat(seedsInOrder(quorum)).isEqualTo(20);
        Flow unlimited = Lessons.with(quorum, updates.id(), "deliveryLimit", null);
        assertThat(seedsInOrder(unlimited)).isEqualTo(3);
        assertThat(applied(unlimited, 42)).isNotEqualTo(script).containsExactlyInAnyOrderElementsOf(script);
    }

    @Test
    void onArtemisTheOrderHolds() {
        assertThat(seedsInOrder(on(flow, Broker.ARTEMIS))).isEqualTo(20);
    }
}
