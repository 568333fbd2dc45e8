// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.ApplyResult;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MqttHeaders;
import dev.pipewright.model.ScriptedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MQTT profile's rules, each with an answer worked out by hand from the MQTT 3.1.1 and 5.0
 * specifications and Mosquitto's defaults (docs/brokers.md, "MQTT"); {@code MqttFidelityTest}
 * repeats some of them on the local Mosquitto.
 */
class MqttRulesTest extends EngineTest {

    private static ScriptedMessage at(double seconds, String topic, Map<String, String> headers) {
        return new ScriptedMessage(s(seconds), null, topic, null, headers, null, null);
    }

    /**
     * One message at t=1 on sensors/a with publish QoS {@code publishQos}, subscribed by filter
     * sensors/# at {@code subscriptionQos} in a persistent session; the consumer takes 1 s per
     * message and its only instance crashes at 1.5 s, back at 2.5 s.
     */
    private static Flow crashWhileProcessing(String publishQos, String subscriptionQos) {
        return on(Broker.MQTT, new FlowBuilder()
                .source("src", "script", List.of(at(1, "sensors/a", Map.of(MqttHeaders.QOS, publishQos))))
                .topic("t")
                .queue("session")
                .consumer("c", "prefetch", 1, "processingTime", constant(1000),
                        "crashes", List.of(new Consumer.Crash(ms(1500), 0, s(1))))
                .wire("src", "t").wire("t", "session", "sensors/#", Map.of(MqttHeaders.QOS, subscriptionQos))
                .wire("session", "c").build());
    }

    @Test
    void qos1AcrossADisconnectComesAgainAndCountsAsADuplicate() {
        Simulation sim = start(crashWhileProcessing("1", "1"));
        sim.runUntil(10);
        Snapshot snap = sim.snapshot();
        // Delivered at 1 s, lost with the connection at 1.5 s, sent again at 2.5 s, done at 3.5 s.
        assertThat(snap.node("c").in()).isEqualTo(2);
        assertThat(snap.node("session").redelivered()).isEqualTo(1);
        assertThat(snap.node("c").completed()).isEqualTo(1);
        assertThat(sim.conservation().dropped()).isZero();
    }

    @Test
    void qos0IsAtMostOnceSoTheCrashLosesIt() {
        Simulation sim = start(crashWhileProcessing("0", "1"));
        sim.runUntil(10);
        assertThat(sim.snapshot().node("c").completed()).isZero();
        assertThat(sim.snapshot().node("session").redelivered()).isZero();
        assertThat(sim.conservation().dropped()).isEqualTo(1);
    }

    @Test
    void theDeliveredQosIsTheLowerOfPublishAndSubscription() {
        Simulation sim = start(crashWhileProcessing("2", "0"));
        sim.runUntil(10);
        assertThat(sim.snapshot().node("c").completed()).isZero();
        assertThat(sim.conservation().dropped()).isEqualTo(1);
    }

    @Test
    void qos2ComesAgainAfterTheCrashButIsNotADuplicate() {
        Simulation sim = start(crashWhileProcessing("2", "2"));
        sim.runUntil(10);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(1);
        assertThat(sim.snapshot().node("session").redelivered()).isZero();
    }

    @Test
    void wildcardFiltersRouteEachTopicToTheSubscriptionsThatMatch() {
        List<ScriptedMessage> script = List.of(
                at(1, "home/kitchen/temperature", Map.of()),
                at(1, "home/kitchen/humidity", Map.of()),
                at(1, "home/garden/temperature", Map.of()),
                at(1, "home", Map.of()),
                at(1, "$SYS/broker/load", Map.of()),
                at(1, "office/temperature", Map.of()));
        Flow flow = on(Broker.MQTT, new FlowBuilder()
                .source("src", "script", script)
                .topic("t")
                .queue("all").queue("temps").queue("kitchen").queue("home").queue("sys")
                .wire("src", "t")
                .wire("t", "all", "#").wire("t", "temps", "+/+/temperature")
                .wire("t", "kitchen", "home/kitchen/+").wire("t", "home", "home/#").wire("t", "sys", "$SYS/#")
                .build());
        Simulation sim = start(flow);
        sim.runUntil(5);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("all").ready()).isEqualTo(5); // every one but $SYS/broker/load
        assertThat(snap.node("temps").ready()).isEqualTo(2); // not office/temperature: two levels
        assertThat(snap.node("kitchen").ready()).isEqualTo(2);
        assertThat(snap.node("home").ready()).isEqualTo(4); // home/# matches home itself
        assertThat(snap.node("sys").ready()).isEqualTo(1);
    }

    @Test
    void aSharedSubscriptionSplitsItsMessagesAndEachGroupGetsEveryOne() {
        Flow flow = on(Broker.MQTT, new FlowBuilder()
                .source("src", burstAtOne(10, "routingKeys", List.of("orders/eu")))
                .topic("t")
                .queue("g1").queue("g2").queue("h1").queue("plain")
                .wire("src", "t")
                .wire("t", "g1", "$share/billing/orders/#").wire("t", "g2", "$share/billing/orders/#")
                .wire("t", "h1", "$share/audit/orders/+").wire("t", "plain", "orders/eu")
                .build());
        Simulation sim = start(flow);
        sim.runUntil(5);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("g1").ready()).isEqualTo(5);
        assertThat(snap.node("g2").ready()).isEqualTo(5);
        assertThat(snap.node("h1").ready()).isEqualTo(10);
        assertThat(snap.node("plain").ready()).isEqualTo(10);
        assertThat(sim.conservation().produced()).isEqualTo(30);
    }

    @Test
    void aLateSubscriberFirstGetsTheLastRetainedMessageOfEachTopic() {
        Map<String, String> retain = Map.of(MqttHeaders.RETAIN, "true");
        List<ScriptedMessage> script = List.of(
                at(1, "status/door", retain), at(2, "status/door", retain),
                at(3, "status/window", retain), at(4, "status/light", Map.of()));
        // "late" starts clean and is down from 0.5 s to 5 s: no session meanwhile.
        Flow flow = on(Broker.MQTT, new FlowBuilder()
                .source("src", "script", script)
                .topic("t")
                .queue("always").queue("late", "durable", false)
                .consumer("ca", "processingTime", constant(10))
                .consumer("cl", "processingTime", constant(10), "crashes", List.of(new Consumer.Crash(ms(500), 0, s(4.5))))
                .wire("src", "t").wire("t", "always", "status/#").wire("t", "late", "status/#")
                .wire("always", "ca").wire("late", "cl").build());
        Simulation sim = start(flow);
        sim.runUntil(4.9);
        assertThat(sim.snapshot().node("cl").in()).isZero();
        sim.runUntil(10);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("ca").completed()).isEqualTo(4);
        // The door's second state and the window's; the light was not retained.
        assertThat(snap.node("cl").completed()).isEqualTo(2);
        assertThat(snap.node("late").dropped()).isZero();
        assertThat(snap.node("t").dropped()).isZero();
    }

    @Test
    void aPersistentSessionKeepsQos1ForADisconnectedClientButNotQos0() {
        List<ScriptedMessage> script = List.of(
                at(1, "a", Map.of(MqttHeaders.QOS, "1")), at(2, "a", Map.of(MqttHeaders.QOS, "0")),
                at(3, "a", Map.of(MqttHeaders.QOS, "1")));
        Flow persistent = sessionFlow(script, true);
        Simulation sim = start(persistent);
        sim.runUntil(10);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(2);
        assertThat(sim.snapshot().node("q").dropped()).isEqualTo(1);

        Simulation clean = start(sessionFlow(script, false));
        clean.runUntil(10);
        assertThat(clean.snapshot().node("c").completed()).isZero();
    }

    private static Flow sessionFlow(List<ScriptedMessage> script, boolean durable) {
        return on(Broker.MQTT, new FlowBuilder()
                .source("src", "script", script)
                .topic("t")
                .queue("q", "durable", durable)
                .consumer("c", "processingTime", constant(10), "crashes", List.of(new Consumer.Crash(ms(500), 0, s(5))))
                .wire("src", "t").wire("t", "q", "a").wire("q", "c").build());
    }

    @Test
    void aMessageWhoseExpiryPassesWhileItsClientIsAwayIsDeleted() {
        List<ScriptedMessage> script = List.of(
                at(1, "a", Map.of(MqttHeaders.EXPIRY, "2")), at(1, "a", Map.of(MqttHeaders.EXPIRY, "60")));
        Simulation sim = start(sessionFlow(script, true));
        sim.runUntil(10);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(1);
        assertThat(sim.conservation().expired()).isEqualTo(1);
    }

    @Test
    void aFailedMessageIsAcknowledgedAndGoneAsMqttHasNoNack() {
        Simulation sim = start(on(Broker.MQTT, poison(1, props())));
        sim.runUntil(10);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(1);
        assertThat(sim.snapshot().node("q").redelivered()).isZero();
        assertThat(sim.snapshot().node("dlq").ready()).isZero();
        assertThat(sim.conservation().dropped()).isEqualTo(1);
    }

    @Test
    void turningASessionPersistentWhileItRunsNeedsARestartUnderMqttOnly() {
        Flow flow = sessionFlow(List.of(at(1, "a", Map.of())), true);
        Flow clean = flow.replaceNode(flow.node("q").orElseThrow().with("durable", false));
        Simulation sim = start(flow);
        sim.runUntil(2);
        assertThat(sim.applyFlow(clean).status()).isEqualTo(ApplyResult.Status.RESTART_NEEDED);
        Simulation generic = start(on(Broker.GENERIC, flow));
        generic.runUntil(2);
        assertThat(generic.applyFlow(on(Broker.GENERIC, clean)).status()).isNotEqualTo(ApplyResult.Status.RESTART_NEEDED);
    }
}
