// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A queue's card says its settings in the words of the flow's broker. */
class QueueSummaryTest {
    private static Flow flow(Broker broker, Node queue) {
        return new Flow(new FlowInfo("q", "", broker), List.of(queue, DeadLetterQueue.of("dlq", "dlq", Position.ORIGIN)),
                List.of(Edge.of("e", queue.id(), Port.DEAD_LETTER, "dlq")));
    }

    @Test
    void underSqsTheCardSaysRedriveReceivesAndTheVisibilityTimeout() {
        Node q = Queue.of("jobs", "jobs.fifo", Position.ORIGIN).with("deliveryLimit", 3)
                .with("visibilityTimeout", Duration.ofSeconds(10));
        assertThat(KindSkins.summary(q, flow(Broker.SQS, q)))
                .containsExactly("FIFO · redrive", "receives 3 · vis 10s");
    }

    @Test
    void underPubSubTheCardSaysOrderedTheDeadLetterTopicAttemptsAndTheAckDeadline() {
        Node q = Queue.of("ledger", "ledger", Position.ORIGIN).with("deliveryLimit", 5).with("fifo", true);
        assertThat(KindSkins.summary(q, flow(Broker.PUBSUB, q)))
                .containsExactly("ordered · DLT", "attempts 5 · ack 10s");
    }

    @Test
    void underPubSubAnExactlyOnceSubscriptionSaysSo() {
        Node q = Queue.of("payments", "payments", Position.ORIGIN).with("exactlyOnce", true);
        assertThat(KindSkins.summary(q, flow(Broker.PUBSUB, q))).containsExactly("exactly-once · DLT", "ack 10s");
        assertThat(KindSkins.summary(q, flow(Broker.SQS, q))).doesNotContain("exactly-once");
    }

    @Test
    void underPubSubAPushSubscriptionSaysPush() {
        Node q = Queue.of("hooks", "hooks", Position.ORIGIN).with("pushEndpoint", "https://hooks.example.com/in");
        assertThat(KindSkins.summary(q, flow(Broker.PUBSUB, q))).containsExactly("push · DLT", "ack 10s");
    }

    @Test
    void underOtherProfilesTheCardIsAsBefore() {
        Node q = Queue.of("jobs", "jobs", Position.ORIGIN).with("deliveryLimit", 3);
        assertThat(KindSkins.summary(q, flow(Broker.RABBITMQ, q))).containsExactly("unbounded · DLX", "limit 3");
    }

    @Test
    void underMqttTheCardSaysTheSessionAndTheFilter() {
        Node q = Queue.of("alerts", "alerts", Position.ORIGIN).with("deliveryLimit", 3);
        Node clean = Queue.of("dash", "dash", Position.ORIGIN).with("durable", false);
        Flow flow = new Flow(new FlowInfo("q", "", Broker.MQTT), List.of(Topic.of("t", "t",
                Position.ORIGIN), q, clean), List.of(Edge.of("e1", "t", Port.OUT, "alerts").withKey("home/+/temperature"),
                Edge.of("e2", "t", Port.OUT, "dash").withKey("$share/dashboards/home/kitchen/#"),
                Edge.of("e3", "t", Port.OUT, "dash").withKey("office/#")));
        assertThat(KindSkins.summary(q, flow)).containsExactly("persistent session", "home/+/temperature");
        assertThat(KindSkins.summary(clean, flow)).containsExactly("clean start", "$share/dashboards/home/… +1");
        Node alone = Queue.of("alone", "alone", Position.ORIGIN);
        assertThat(KindSkins.summary(alone, new Flow(new FlowInfo("q", "", Broker.MQTT), List.of(alone), List.of())))
                .containsExactly("persistent session", "no subscription");
    }

    @Test
    void underKafkaTheCardSaysPartitionsTheDeadLetterTopicRetentionAndTries() {
        Node q = Queue.of("orders", "orders", Position.ORIGIN).with("deliveryLimit", 3).with("partitions", 3);
        assertThat(KindSkins.summary(q, flow(Broker.KAFKA, q))).containsExactly("3 partitions · DLT", "retain 7d · tries 3");
        Node one = Queue.of("q", "q", Position.ORIGIN).with("messageTtl", Duration.ofHours(1));
        Flow alone = new Flow(new FlowInfo("q", "", Broker.KAFKA), List.of(one), List.of());
        assertThat(KindSkins.summary(one, alone)).containsExactly("1 partition", "retain 1h");
    }
}
