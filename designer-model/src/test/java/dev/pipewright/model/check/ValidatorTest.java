// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import static dev.pipewright.model.check.Flows.flow;
import static dev.pipewright.model.check.Flows.ms;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static List<Finding> errors(Flow flow) {
        return Validator.validate(flow).stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    private static Flows pointToPoint() {
        return flow().source("s1", 10).queue("q1").consumer("c1", 1, ms(10)).wire("s1", "q1").wire("q1", "c1");
    }

    @Test
    void aSoundFlowHasNoFindings() {
        assertThat(Validator.validate(pointToPoint().build())).isEmpty();
    }

    @Test
    void maxLengthZeroIsAllowedOnQueuesAndDeadLetterQueues() {
        // RabbitMQ accepts x-max-length 0: every message finds the queue full unless a consumer is ready.
        Flow flow = pointToPoint().set("q1", "maxLength", 0).dlq("d1").set("d1", "maxLength", 0)
                .wire("q1", Port.DEAD_LETTER, "d1").build();

        assertThat(errors(flow)).isEmpty();
    }

    @Test
    void aNegativeMaxLengthIsStillRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pointToPoint().set("q1", "maxLength", -1))
                .hasMessageContaining("maxLength");
    }

    @Test
    void aConsumerWithNoQueueIsAnError() {
        List<Finding> found = errors(flow().consumer("c1", 1, ms(10)).build());

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.nodeId()).isEqualTo("c1");
            assertThat(f.message()).contains("consumer 'c1' has no queue wired into it");
            assertThat(f.fix()).contains("wire");
            assertThat(f).hasToString("error: node 'c1': " + f.message());
        });
    }

    @Test
    void aConsumerWiredFromSomethingThatIsNotAQueueIsAnError() {
        List<Finding> found = errors(flow().source("s1", 10).consumer("c1", 1, ms(10)).wire("s1", "c1").build());

        assertThat(found).extracting(Finding::nodeId).containsExactlyInAnyOrder("s1", "c1");
        assertThat(found).anySatisfy(f -> {
            assertThat(f.edgeId()).isEqualTo("e1");
            assertThat(f.message()).contains("cannot be", "not to a consumer");
        });
    }

    @Test
    void aWireBetweenPortsThatCannotConnectIsAnErrorOnTheEdge() {
        List<Finding> found = errors(pointToPoint().queue("q2").wire("q1", Port.DEAD_LETTER, "c1").build());

        assertThat(found).anySatisfy(f -> {
            assertThat(f.edgeId()).isEqualTo("e3");
            assertThat(f.nodeId()).isEqualTo("q1");
            assertThat(f.message()).contains("'dead-letter' output of a queue", "not to a consumer");
        });
    }

    @Test
    void aWireToAMissingNodeIsAnError() {
        Flow flow = pointToPoint().build().withEdge(Edge.of("e9", "q1", Port.OUT, "ghost"));

        assertThat(errors(flow)).singleElement().satisfies(f -> {
            assertThat(f.edgeId()).isEqualTo("e9");
            assertThat(f.message()).contains("goes to node 'ghost'", "not in this flow");
        });
    }

    @Test
    void aConsumerWiredFromTwoQueuesIsAnError() {
        List<Finding> found = errors(pointToPoint().queue("q2").wire("q2", "c1").build());

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.nodeId()).isEqualTo("c1");
            assertThat(f.message()).contains("wired from 2 queues", "'q1'", "'q2'");
        });
    }

    @Test
    void twoConsumersOnOneQueueAreFine() {
        Flow flow = pointToPoint().consumer("c2", 1, ms(10)).wire("q1", "c2").set("q1", "singleActiveConsumer", true).build();

        assertThat(errors(flow)).isEmpty();
    }

    @Test
    void twoDeadLetterTargetsAreAnError() {
        Flow flow = pointToPoint().dlq("d1").dlq("d2").wire("q1", Port.DEAD_LETTER, "d1").wire("q1", Port.DEAD_LETTER, "d2")
                .build();

        assertThat(errors(flow)).singleElement().satisfies(f -> {
            assertThat(f.nodeId()).isEqualTo("q1");
            assertThat(f.message()).contains("2 wires from its 'dead-letter' port", "one dead-letter target");
        });
    }

    @Test
    void twoExpiryTargetsAreAnErrorAndOneBesideADeadLetterTargetIsFine() {
        Flow one = pointToPoint().dlq("d1").dlq("d2").wire("q1", Port.DEAD_LETTER, "d1").wire("q1", Port.EXPIRED, "d2")
                .build();
        assertThat(errors(one)).isEmpty();

        Flow two = pointToPoint().dlq("d1").dlq("d2").wire("q1", Port.EXPIRED, "d1").wire("q1", Port.EXPIRED, "d2")
                .build();
        assertThat(errors(two)).singleElement().satisfies(f ->
                assertThat(f.message()).contains("2 wires from its 'expired' port", "one expiry target"));
    }

    @Test
    void aDeadLetterQueueThatRetriesWithNothingFeedingItIsAWarning() {
        Flow flow = flow().dlq("d1").set("d1", "retryAfter", Duration.ofSeconds(5)).set("d1", "maxRetries", 3).build();

        assertThat(Validator.validate(flow)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.nodeId()).isEqualTo("d1");
            assertThat(f.message()).contains("no queue dead-letters into it");
        });
    }

    @Test
    void aCycleWithNoDelayOrLimitIsAnErrorNamingItsNodes() {
        Flow flow = flow().source("s1", 10).queue("q1").consumer("c1", 1, ms(10)).queue("q2").consumer("c2", 1, ms(10))
                .wire("s1", "q1").wire("q1", "c1").wire("c1", "q2").wire("q2", "c2").wire("c2", "q1").build();

        assertThat(errors(flow)).singleElement().satisfies(f -> {
            assertThat(f.nodeId()).isEqualTo("q1");
            assertThat(f.message()).contains("cycle q1 -> c1 -> q2 -> c2 -> q1", "forever");
            assertThat(f.fix()).contains("delivery limit");
        });
    }

    @Test
    void aCycleThroughAQueueWithADeliveryLimitIsFine() {
        Flow flow = flow().queue("q1").consumer("c1", 1, ms(10)).queue("q2").consumer("c2", 1, ms(10))
                .wire("q1", "c1").wire("c1", "q2").wire("q2", "c2").wire("c2", "q1").set("q2", "deliveryLimit", 5).build();

        assertThat(errors(flow)).isEmpty();
    }

    @Test
    void aCycleThroughADelayProcessorIsFine() {
        Flow flow = flow().queue("q1").processor("p1", Processor.Variant.DELAY).wire("q1", "p1").wire("p1", "q1").build();

        assertThat(errors(flow)).isEmpty();
    }

    @Test
    void theRabbitMqRetryPatternIsFine() {
        // work -> consumer, rejected to a TTL queue nobody reads, which dead-letters back to work when the TTL runs out.
        Flow flow = flow().queue("work").consumer("c1", 1, ms(10)).queue("retry")
                .set("retry", "messageTtl", Duration.ofSeconds(5))
                .wire("work", "c1").wire("work", Port.DEAD_LETTER, "retry").wire("retry", Port.DEAD_LETTER, "work").build();

        assertThat(errors(flow)).isEmpty();
    }

    @Test
    void aRetryLoopThroughATtlQueueSomeoneReadsIsStillAnError() {
        // A consumer on the TTL queue takes messages before they expire, so nothing delays the rounds.
        Flow flow = flow().queue("work").consumer("c1", 1, ms(10)).queue("retry").consumer("c2", 1, ms(10))
                .set("retry", "messageTtl", Duration.ofSeconds(5))
                .wire("work", "c1").wire("c1", "retry").wire("retry", "c2").wire("c2", "work").build();

        assertThat(errors(flow)).singleElement().satisfies(f -> assertThat(f.message()).contains("forever"));
    }

    @Test
    void aRetryLoopWithNoDelayIsStillAnError() {
        Flow flow = flow().queue("work").consumer("c1", 1, ms(10)).queue("retry")
                .wire("work", "c1").wire("work", Port.DEAD_LETTER, "retry").wire("retry", Port.DEAD_LETTER, "work").build();

        assertThat(errors(flow)).singleElement().satisfies(f -> assertThat(f.message()).contains("forever"));
    }

    @Test
    void aCycleThroughATransformIsAnError() {
        Flow flow = flow().queue("q1").processor("p1", Processor.Variant.TRANSFORM).wire("q1", "p1").wire("p1", "q1").build();

        assertThat(errors(flow)).singleElement().satisfies(f -> assertThat(f.message()).contains("q1 -> p1 -> q1"));
    }

    @Test
    void aCycleThroughAMessageStoreWithMaxAttemptsIsFine() {
        Flow flow = flow().queue("q1").processor("p1", Processor.Variant.TRANSFORM)
                .node(dev.pipewright.model.MessageStore.of("m1", null, null).with("maxAttempts", 3))
                .wire("q1", "p1").wire("p1", "m1").wire("m1", "q1").build();

        assertThat(errors(flow)).isEmpty();
    }

    @Test
    void aReplyQueueThatIsNotAQueueIsAnError() {
        Flow missing = pointToPoint().set("s1", "replyQueue", "nowhere").build();
        Flow topic = pointToPoint().topic("t1", Topic.Routing.FANOUT).set("s1", "replyQueue", "t1").build();
        Flow fine = pointToPoint().queue("replies").set("s1", "replyQueue", "replies").build();

        assertThat(errors(missing)).singleElement().satisfies(f -> {
            assertThat(f.nodeId()).isEqualTo("s1");
            assertThat(f.message()).contains("'nowhere', which is not in this flow");
        });
        assertThat(errors(topic)).singleElement().satisfies(f -> assertThat(f.message()).contains("a topic, not a queue"));
        assertThat(errors(fine)).isEmpty();
    }

    @Test
    void aRouteWireWhoseKeyMatchesNoRouteIsAnError() {
        Flow flow = flow().queue("q1").queue("eu").queue("other").queue("us")
                .node(Processor.of("r1", "Router", null).with("variant", Processor.Variant.CONTENT_ROUTER)
                        .with("routes", Map.of("eu", "$.eu")))
                .wire("q1", "r1").wire("r1", Port.OUT, "eu", "eu").wire("r1", Port.OUT, "other", "default")
                .wire("r1", Port.OUT, "us", "us").build();

        assertThat(errors(flow)).singleElement().satisfies(f -> {
            assertThat(f.nodeId()).isEqualTo("r1");
            assertThat(f.edgeId()).isEqualTo("e4");
            assertThat(f.message()).contains("route 'us', which the router does not have");
            assertThat(f.fix()).contains("eu");
        });
    }

    @Test
    void aDirectOrTopicBindingWithoutKeyIsAWarning() {
        Flow flow = flow().topic("t1", Topic.Routing.TOPIC).queue("q1").queue("q2").wire("t1", "q1")
                .wire("t1", Port.OUT, "q2", "orders.#").build();

        assertThat(Validator.validate(flow)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.nodeId()).isEqualTo("t1");
            assertThat(f.edgeId()).isEqualTo("e1");
            assertThat(f.message()).contains("has no key");
        });
    }

    @Test
    void findingsNameTheNodeByItsName() {
        Flow flow = flow().node(Consumer.of("c1", "Billing", null)).build();

        assertThat(errors(flow).getFirst().message()).startsWith("consumer 'Billing'");
    }

    @Test
    void namesWithControlCharactersAreEscapedInFindings() {
        Flow flow = flow().consumer("c1", 1, ms(10)).set("c1", "name", "Billing\u001b[2J\u202e").build();

        assertThat(errors(flow)).singleElement().satisfies(f -> {
            assertThat(f.message()).startsWith("consumer 'Billing\\u001b[2J\\u202e' has no queue");
            assertThat(f.toString()).doesNotContain("\u001b", "\u202e");
        });
    }

    @Test
    void aLongListOfQueuesIsCutToTen() {
        Flows f = flow().consumer("c", 1, ms(10));
        for (int i = 0; i < 25; i++) {
            f.queue("q" + i).wire("q" + i, "c");
        }

        assertThat(errors(f.build())).singleElement().satisfies(finding -> assertThat(finding.message())
                .contains("is wired from 25 queues ('q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9' and 15 more)"));
    }
}
