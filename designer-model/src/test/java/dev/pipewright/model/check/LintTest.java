// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import static dev.pipewright.model.check.Flows.flow;
import static dev.pipewright.model.check.Flows.ms;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LintTest {

    private static Flows pointToPoint(double rate, int instances, long meanMillis) {
        return flow().source("s1", rate).queue("orders").consumer("billing", instances, ms(meanMillis))
                .wire("s1", "orders").wire("orders", "billing");
    }

    private static List<Finding> about(Flow flow, String nodeId) {
        return Lint.lint(flow).stream().filter(f -> nodeId.equals(f.nodeId())).toList();
    }

    @Test
    void aQueueWithEnoughCapacityGetsNoAdvice() {
        assertThat(Lint.lint(pointToPoint(50, 2, 20).build())).isEmpty();
    }

    @Test
    void producersOutrunningConsumersShowTheArithmetic() {
        List<Finding> found = about(pointToPoint(120, 2, 20).build(), "orders");

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).isEqualTo("queue 'orders' receives 120 msg/s but its consumers handle at most"
                    + " 100 msg/s (2 instances / 20ms mean): the queue grows by 20 msg/s without bound");
            assertThat(f.fix()).isEqualTo("add 1 more consumer instance or cut processing time below 16.7ms");
        });
    }

    @Test
    void exactlyFullCapacityAlsoGrowsWithoutBound() {
        assertThat(about(pointToPoint(100, 2, 20).build(), "orders")).singleElement()
                .satisfies(f -> assertThat(f.fix()).startsWith("add 1 more consumer instance"));
    }

    @Test
    void highUtilisationIsInfo() {
        assertThat(about(pointToPoint(92, 2, 20).build(), "orders")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("runs at 92% of its consumers' capacity (92 of 100 msg/s)");
        });
    }

    @Test
    void fanoutTopicsCopyToEveryBinding() {
        Flow flow = flow().source("s1", 60).topic("t1", Topic.Routing.FANOUT).queue("a").queue("b")
                .consumer("ca", 1, ms(20)).consumer("cb", 1, ms(10))
                .wire("s1", "t1").wire("t1", "a").wire("t1", "b").wire("a", "ca").wire("b", "cb").build();

        assertThat(about(flow, "a")).singleElement().satisfies(f -> assertThat(f.message()).contains("receives 60 msg/s",
                "at most 50 msg/s"));
        assertThat(about(flow, "b")).isEmpty();
    }

    @Test
    void topicBindingsCountOnlyMatchingRoutingKeys() {
        Flow flow = flow().source("s1", 120, "order.eu.created", "order.us.created", "invoice.eu")
                .topic("t1", Topic.Routing.TOPIC).queue("eu").queue("orders")
                .consumer("ceu", 1, ms(20)).consumer("co", 1, ms(20))
                .wire("s1", "t1").wire("t1", Port.OUT, "eu", "*.eu.#").wire("t1", Port.OUT, "orders", "order.#")
                .wire("eu", "ceu").wire("orders", "co").build();

        // 40 msg/s per key: "*.eu.#" takes order.eu.created and invoice.eu, "order.#" both order keys.
        assertThat(about(flow, "eu")).singleElement().satisfies(f -> assertThat(f.message()).contains("receives 80 msg/s"));
        assertThat(about(flow, "orders")).singleElement().satisfies(f -> assertThat(f.message()).contains("receives 80 msg/s"));
    }

    @Test
    void directBindingsCountEqualKeys() {
        Flow flow = flow().source("s1", 30, "a", "b", "c").topic("t1", Topic.Routing.DIRECT).queue("qa")
                .consumer("c1", 1, ms(100)).wire("s1", "t1").wire("t1", Port.OUT, "qa", "a").wire("qa", "c1").build();

        assertThat(about(flow, "qa")).singleElement().satisfies(f -> assertThat(f.message()).contains("receives 10 msg/s",
                "at most 10 msg/s"));
    }

    @Test
    void ratesFollowChainsOfQueuesAndConsumers() {
        Flow flow = pointToPoint(40, 1, 10).queue("next").consumer("slow", 1, ms(50)).wire("billing", "next")
                .wire("next", "slow").build();

        assertThat(about(flow, "next")).singleElement().satisfies(f -> assertThat(f.message()).contains(
                "receives 40 msg/s but its consumers handle at most 20 msg/s"));
    }

    @Test
    void severalConsumersAreListedByName() {
        Flow flow = pointToPoint(200, 1, 20).consumer("audit", 2, ms(20)).wire("orders", "audit").build();

        assertThat(about(flow, "orders")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("at most 150 msg/s", "'billing': 1 instance / 20ms mean",
                    "'audit': 2 instances / 20ms mean");
            assertThat(f.fix()).contains("more than 200 msg/s");
        });
    }

    @Test
    void requeueingFailuresWithNoDeliveryLimitRetryForever() {
        Flow flow = pointToPoint(10, 1, 10).set("billing", "failureRate", 0.2).build();

        assertThat(about(flow, "billing")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("fails 20% of messages", "retries with no limit", "loops forever");
            assertThat(f.fix()).contains("delivery limit", "dead-letter");
        });
    }

    @Test
    void failuresWithNoDeadLetterTargetAreDropped() {
        Flow limited = pointToPoint(10, 1, 10).set("billing", "failureRate", 0.2).set("orders", "deliveryLimit", 3).build();
        Flow deadLettering = pointToPoint(10, 1, 10).set("billing", "failureRate", 0.2)
                .set("billing", "onFailure", Consumer.FailureAction.DEAD_LETTER).build();

        assertThat(about(limited, "billing")).singleElement().satisfies(f -> assertThat(f.message())
                .contains("reach the delivery limit of queue 'orders'", "no dead-letter target"));
        assertThat(about(deadLettering, "billing")).singleElement().satisfies(f -> assertThat(f.message())
                .contains("the messages it fails are dropped"));
    }

    @Test
    void failuresWithADeadLetterTargetAndLimitAreFine() {
        Flow flow = pointToPoint(10, 1, 10).set("billing", "failureRate", 0.2).set("orders", "deliveryLimit", 3)
                .dlq("dlq").consumer("inspector", 1, ms(10)).wire("orders", Port.DEAD_LETTER, "dlq").wire("dlq", "inspector")
                .build();

        assertThat(Lint.lint(flow)).isEmpty();
    }

    @Test
    void aDeadLetterRetryWithNoLimitLoopsForever() {
        Flow flow = pointToPoint(10, 1, 10).set("orders", "deliveryLimit", 3).dlq("dlq")
                .set("dlq", "retryAfter", Duration.ofSeconds(30)).wire("orders", Port.DEAD_LETTER, "dlq").build();

        assertThat(about(flow, "dlq")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("every 30s with no retry limit", "loops forever");
            assertThat(f.fix()).contains("maxRetries");
        });
    }

    @Test
    void largePayloadsWantAClaimCheck() {
        Flow flow = pointToPoint(10, 1, 10).set("s1", "payloadSize", 512 * 1024).build();

        assertThat(about(flow, "s1")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("payloads of 512 KiB, over 256 KiB");
            assertThat(f.fix()).contains("claim-check-in");
        });
    }

    @Test
    void largePayloadsThroughAClaimCheckAreFine() {
        Flow flow = flow().source("s1", 10).processor("cc", Processor.Variant.CLAIM_CHECK_IN).queue("q1")
                .consumer("c1", 1, ms(10)).wire("s1", "cc").wire("cc", "q1").wire("q1", "c1")
                .set("s1", "payloadSize", 512 * 1024).build();

        assertThat(Lint.lint(flow)).isEmpty();
    }

    @Test
    void aTopicWithNoSubscriberLosesMessages() {
        Flow flow = flow().source("s1", 10).topic("events", Topic.Routing.FANOUT).wire("s1", "events").build();

        assertThat(about(flow, "events")).singleElement().satisfies(f -> assertThat(f.message())
                .contains("topic 'events' has no subscriber"));
    }

    @Test
    void aQueueWithNoConsumerPilesUp() {
        Flow flow = flow().source("s1", 10).queue("q1").wire("s1", "q1").build();

        assertThat(about(flow, "q1")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("no consumer", "pile up");
        });
    }

    @Test
    void aReplyQueueWithNoConsumerIsReadByItsSource() {
        Flow flow = flow().source("client", 10).queue("requests").queue("replies").consumer("server", 1, ms(10))
                .set("client", "replyQueue", "replies").set("server", "replies", true)
                .wire("client", "requests").wire("requests", "server").build();

        assertThat(about(flow, "replies")).isEmpty();
    }

    @Test
    void aQueueThatOnlyWaitsOutItsTtlBeforeDeadLetteringDoesNotPileUp() {
        Flows retry = flow().source("s1", 10).queue("work").queue("wait")
                .set("wait", "messageTtl", Duration.ofSeconds(5))
                .wire("s1", "work").wire("wait", Port.DEAD_LETTER, "work");
        assertThat(about(retry.build(), "wait")).isEmpty();

        // Without the dead-letter wire its messages have nowhere to go: they expire and are gone.
        Flow noTarget = flow().source("s1", 10).queue("wait").set("wait", "messageTtl", Duration.ofSeconds(5))
                .wire("s1", "wait").build();
        assertThat(about(noTarget, "wait")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no consumer"));
    }

    @Test
    void aDeadLetterQueueWithNoConsumerIsOnlyInfo() {
        Flow flow = flow().dlq("d1").build();

        assertThat(about(flow, "d1")).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void aSourceWiredToNothingIsAWarning() {
        assertThat(about(flow().source("s1", 10).build(), "s1")).singleElement().satisfies(f -> assertThat(f.message())
                .contains("not wired to anything"));
    }

    @Test
    void aCappedQueueIsNeverSaidToGrowWithoutBoundButWhatItsPolicyDoes() {
        Flow dropHead = pointToPoint(120, 2, 20).set("orders", "maxLength", 1000).build();
        assertThat(about(dropHead, "orders")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).isEqualTo("queue 'orders' receives 120 msg/s but its consumers handle at most"
                    + " 100 msg/s (2 instances / 20ms mean): it will be full (max length 1,000), then drop-head drops"
                    + " the oldest message to make room: about 20 msg/s lost");
        });

        Flow reject = pointToPoint(120, 2, 20).set("orders", "maxLength", 0)
                .set("orders", "overflow", Overflow.REJECT_PUBLISH).build();
        assertThat(about(reject, "orders")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).endsWith("it will be full (max length 0), then reject-publish refuses new messages:"
                    + " about 20 msg/s refused");
        });

        Flow dlx = pointToPoint(120, 2, 20).dlq("orders.dlq").set("orders", "maxLength", 10)
                .set("orders", "overflow", Overflow.REJECT_PUBLISH_DLX).wire("orders", Port.DEAD_LETTER, "orders.dlq").build();
        assertThat(about(dlx, "orders")).singleElement().satisfies(f -> assertThat(f.message())
                .endsWith("then reject-publish-dlx refuses new messages and dead-letters them: about 20 msg/s refused"));

        Flow deadLettersOldest = pointToPoint(120, 2, 20).dlq("orders.dlq").set("orders", "maxLength", 10)
                .wire("orders", Port.DEAD_LETTER, "orders.dlq").build();
        assertThat(about(deadLettersOldest, "orders")).singleElement().satisfies(f -> assertThat(f.message())
                .endsWith("then drop-head dead-letters the oldest message to make room: about 20 msg/s dead-lettered"));
        assertThat(Lint.lint(deadLettersOldest)).noneMatch(f -> f.message().contains("without bound"));
    }

    @Test
    void aPagingQueueStillGrowsWithoutBoundWhileBlockAndDropNewSayWhatTheyDo() {
        Flow page = pointToPoint(120, 2, 20).set("orders", "maxLength", 10).set("orders", "overflow", Overflow.PAGE).build();
        assertThat(about(page, "orders")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).endsWith("the queue grows by 20 msg/s without bound");
        });
        Flow block = pointToPoint(120, 2, 20).set("orders", "maxLength", 10).set("orders", "overflow", Overflow.BLOCK).build();
        assertThat(about(block, "orders")).singleElement().satisfies(f -> assertThat(f.message())
                .endsWith("then block holds its sources back to what the consumers take: about 20 msg/s held at the sources"));
        Flow dropNew = pointToPoint(120, 2, 20).set("orders", "maxLength", 10)
                .set("orders", "overflow", Overflow.DROP_NEW).build();
        assertThat(about(dropNew, "orders")).singleElement().satisfies(f -> assertThat(f.message())
                .endsWith("then drop-new discards new messages without telling the publisher: about 20 msg/s lost"));
    }

    @Test
    void aQueueThatBlocksAtLengthZeroIsAWarning() {
        Flow flow = pointToPoint(10, 1, 10).set("orders", "maxLength", 0).set("orders", "overflow", Overflow.BLOCK).build();
        assertThat(about(flow, "orders")).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("blocks at max length 0");
        });
        Flow one = pointToPoint(10, 1, 10).set("orders", "maxLength", 1).set("orders", "overflow", Overflow.BLOCK).build();
        assertThat(about(one, "orders")).noneMatch(f -> f.message().contains("blocks at"));
    }

    @Test
    void aSourceWithAMessageLimitNeverMakesAQueueGrowWithoutBound() {
        Flow limited = pointToPoint(120, 2, 20).set("s1", "messageLimit", 500L).build();

        assertThat(about(limited, "orders")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).isEqualTo("queue 'orders' receives 120 msg/s but its consumers handle at most"
                    + " 100 msg/s (2 instances / 20ms mean) while its sources with a message limit publish: a backlog"
                    + " builds up, then drains once they have sent their last message");
        });
        assertThat(Lint.lint(limited)).noneMatch(f -> f.message().contains("grows by"));
    }

    @Test
    void anUnlimitedSourceBesideALimitedOneStillGrowsByWhatItAloneSends() {
        Flow mixed = pointToPoint(60, 2, 20).source("s2", 60).set("s2", "messageLimit", 500L).wire("s2", "orders")
                .source("s3", 60).wire("s3", "orders").build();

        assertThat(about(mixed, "orders")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).isEqualTo("queue 'orders' receives 120 msg/s but its consumers handle at most"
                    + " 100 msg/s (2 instances / 20ms mean): the queue grows by 20 msg/s without bound");
        });
    }

    @Test
    void overflowToADeadLetterTargetThatIsMissingIsAWarning() {
        Flow flow = pointToPoint(10, 1, 10).set("orders", "maxLength", 100)
                .set("orders", "overflow", Overflow.REJECT_PUBLISH_DLX).build();

        assertThat(about(flow, "orders")).singleElement().satisfies(f -> assertThat(f.message())
                .contains("dead-letters what overflows it"));
    }

    @Test
    void allChecksComeErrorsFirst() {
        Flow flow = flow().source("s1", 10).consumer("c1", 1, ms(10)).build();

        List<Finding> all = FlowChecks.all(flow);

        assertThat(all).extracting(Finding::severity).containsExactly(Severity.ERROR, Severity.WARNING);
        assertThat(FlowChecks.hasErrors(all)).isTrue();
    }

    @Test
    void meanTimesAreWrittenAsPeopleWriteThem() {
        assertThat(Numbers.seconds(0.02)).isEqualTo("20ms");
        assertThat(Numbers.seconds(2.0 / 120)).isEqualTo("16.7ms");
        assertThat(Numbers.seconds(1.5)).isEqualTo("1.5s");
        assertThat(Numbers.seconds(0.00025)).isEqualTo("250us");
        assertThat(Numbers.seconds(2.5e-8)).isEqualTo("25ns");
        assertThat(Numbers.seconds(3_600)).isEqualTo("3,600s");
    }

    @Test
    void numbersAreWrittenWithThreeDigitsAndThousandsSeparated() {
        assertThat(Numbers.number(1e9)).isEqualTo("1,000,000,000");
        assertThat(Numbers.number(120)).isEqualTo("120");
        assertThat(Numbers.number(16.666)).isEqualTo("16.7");
        assertThat(Numbers.number(0.05)).isEqualTo("0.05");
        assertThat(Numbers.number(0)).isEqualTo("0");
    }

    @Test
    void aHugeRateGetsReadableNumbersAndNoImpossibleFix() {
        Flow flow = pointToPoint(1e7, 1, 50).build();

        assertThat(about(flow, "orders")).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("queue 'orders' receives 10,000,000 msg/s but its consumers handle at"
                    + " most 20 msg/s (1 instance / 50ms mean): the queue grows by 9,999,980 msg/s without bound");
            // 500,000 instances is over the limit of 10,000, so only the processing time is offered.
            assertThat(f.fix()).isEqualTo("cut processing time below 100ns");
        });
        assertThat(about(pointToPoint(5_000, 1, 1).build(), "orders")).singleElement().satisfies(f ->
                assertThat(f.fix()).isEqualTo("add 5 more consumer instances or cut processing time below 200us"));
    }

    @Test
    void aFixNeverAsksForLessThanANanosecond() {
        // 2^29 copies of 10 msg/s reach the queue: no consumer can keep up.
        Flows f = flow().source("s", 10);
        for (int i = 1; i <= 30; i++) {
            f.processor("p" + i, Processor.Variant.TRANSFORM);
        }
        f.queue("q").consumer("c", 1, ms(1)).wire("s", "p1");
        for (int i = 1; i < 30; i++) {
            f.wire("p" + i, "p" + (i + 1)).wire("p" + i, "p" + (i + 1));
        }

        assertThat(about(f.wire("p30", "q").wire("q", "c").build(), "q")).singleElement().satisfies(finding ->
                assertThat(finding.fix()).isEqualTo("no number of instances or processing time can keep up with"
                        + " 5,368,709,120 msg/s: lower the rate, or spread it over several queues"));
    }

    @Test
    void aSourceThatNeverSendsIsPointedOut() {
        assertThat(about(pointToPoint(0, 1, 10).build(), "s1")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).isEqualTo("source 's1' has a rate of 0 msg/s, so it never sends a message");
        });
        assertThat(about(pointToPoint(0.5, 1, 10).build(), "s1")).isEmpty();
    }
}
