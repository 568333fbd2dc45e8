// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.artemis.ArtemisLiveRun;
import dev.pipewright.brokers.rabbitmq.LiveRun;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.check.Finding;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What the live backends refuse of request/reply, a source's duplicates and retry with delay:
 * RabbitMQ and Artemis run them (no finding), the backends that do not (MQTT, SQS, through
 * {@link LiveChecks#common(Flow)}) still refuse or warn, and a retrying dead-letter queue the
 * retrier cannot carry out is refused with a sentence naming it.
 */
class LiveReplyAndRetryChecksTest {
    private static final List<Function<Flow, List<Finding>>> RUNNING = List.of(LiveRun::check, ArtemisLiveRun::check);

    /** A client asking a server that replies, its messages published twice. */
    private static Flow requestReply() {
        Node client = Source.of("client", "client", Position.ORIGIN).with("replyQueue", "replies")
                .with("replyTimeout", Duration.ofSeconds(1)).with("duplicateRate", 0.5);
        Node server = Consumer.of("server", "server", Position.ORIGIN).with("replies", true);
        return new Flow(new FlowInfo("Request/reply", ""), List.of(client, Queue.of("requests", "requests", Position.ORIGIN),
                Queue.of("replies", "replies", Position.ORIGIN), server), List.of(
                Edge.of("e1", "client", Port.OUT, "requests"), Edge.of("e2", "requests", Port.OUT, "server")));
    }

    /** Queues {@code origins} dead-lettering to one retrying dead-letter queue, read by a consumer when {@code read}. */
    private static Flow retrying(List<String> origins, boolean read) {
        List<Node> nodes = new java.util.ArrayList<>(List.of(Source.of("src", "src", Position.ORIGIN),
                DeadLetterQueue.of("dlq", "dlq", Position.ORIGIN).with("retryAfter", Duration.ofSeconds(1))));
        List<Edge> edges = new java.util.ArrayList<>();
        for (String q : origins) {
            nodes.add(Queue.of(q, q, Position.ORIGIN));
            edges.add(Edge.of("in-" + q, "src", Port.OUT, q));
            edges.add(Edge.of("dl-" + q, q, Port.DEAD_LETTER, "dlq"));
        }
        if (read) {
            nodes.add(Consumer.of("reader", "reader", Position.ORIGIN));
            edges.add(Edge.of("r", "dlq", Port.OUT, "reader"));
        }
        return new Flow(new FlowInfo("Retry", ""), nodes, edges);
    }

    @Test
    void rabbitMqAndArtemisRunRequestReplyAndDuplicates() {
        for (Function<Flow, List<Finding>> check : RUNNING) {
            assertThat(check.apply(requestReply())).as("findings").isEmpty();
        }
    }

    @Test
    void theOtherBackendsStillRefuseRequestReplyAndWarnOfDuplicates() {
        List<String> messages = LiveChecks.common(requestReply()).stream().map(Finding::message).toList();
        assertThat(messages).containsExactlyInAnyOrder(
                "source 'client': request/reply does not run live yet; run it in the simulator",
                "consumer 'server': request/reply does not run live yet; run it in the simulator");
        Flow duplicates = new Flow(new FlowInfo("Dup", ""), List.of(Source.of("s", "s", Position.ORIGIN)
                .with("duplicateRate", 0.5)), List.of());
        assertThat(LiveChecks.common(duplicates)).singleElement().extracting(Finding::message)
                .isEqualTo("source 's': duplicateRate is not applied in a live run");
        assertThat(LiveChecks.common(duplicates, true)).isEmpty();
    }

    @Test
    void aRetryingDeadLetterQueueWithOneOriginRuns() {
        for (Function<Flow, List<Finding>> check : RUNNING) {
            assertThat(check.apply(retrying(List.of("work"), false))).as("findings").isEmpty();
        }
        assertThat(DeadLetterRetries.of(retrying(List.of("work"), false))).singleElement()
                .extracting(DeadLetterRetries.Plan::originId).isEqualTo("work");
    }

    @Test
    void aRetryingDeadLetterQueueWithSeveralOriginsOrItsOwnConsumersIsRefused() {
        for (Function<Flow, List<Finding>> check : RUNNING) {
            assertThat(check.apply(retrying(List.of("a", "b"), false))).extracting(Finding::message).containsExactly(
                    "dead-letter queue 'dlq': a dead-letter queue that retries to several queues does not run live yet;"
                            + " give each queue a dead-letter queue of its own, or run it in the simulator");
            assertThat(check.apply(retrying(List.of("a"), true))).extracting(Finding::message).containsExactly(
                    "dead-letter queue 'dlq': a dead-letter queue that retries and has consumers does not run live yet;"
                            + " run it in the simulator");
        }
        assertThat(DeadLetterRetries.of(retrying(List.of("a", "b"), false))).isEmpty();
    }

    @Test
    void aRetrySendsBackAsOftenAsMaxRetriesAllows() {
        DeadLetterQueue twice = (DeadLetterQueue) DeadLetterQueue.of("dlq", "dlq", Position.ORIGIN)
                .with("retryAfter", Duration.ofSeconds(1)).with("maxRetries", 2);
        DeadLetterRetries.Plan plan = new DeadLetterRetries.Plan(twice, "work");
        assertThat(List.of(plan.sendsBack(0), plan.sendsBack(1), plan.sendsBack(2))).containsExactly(true, true, false);
        DeadLetterQueue always = (DeadLetterQueue) twice.with("maxRetries", null);
        assertThat(new DeadLetterRetries.Plan(always, "work").sendsBack(1_000)).isTrue();
    }

    @Test
    void aDuplicateAndARetryAreCountedAsMessagesOfTheirOwn() {
        assertThat(LiveMessages.ledgerId("src-5", null, null)).isEqualTo("src-5");
        assertThat(LiveMessages.ledgerId("src-5", 2, null)).isEqualTo("src-5/2");
        assertThat(LiveMessages.ledgerId("src-5", "2", 1)).isEqualTo("src-5/2~1");
        assertThat(LiveMessages.ledgerId("src-5", null, 0)).isEqualTo("src-5");
    }
}
