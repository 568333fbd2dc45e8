// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MqttHeaders;
import dev.pipewright.model.Source;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claims of the MQTT telemetry lesson on the MQTT profile, its tries and its challenge. */
class MqttTelemetryLessonTest {
    private static final String ID = "mqtt-telemetry";

    private final Flow flow = Lessons.flow(ID);

    private static Snapshot run(Flow f, double seconds) {
        Simulation sim = Simulation.create(f, 42);
        sim.runUntil(seconds);
        assertThat(sim.conservation().holds()).isTrue();
        return sim.snapshot();
    }

    private static Flow readingsAtQos1(Flow f, String... sources) {
        for (String id : sources) {
            Source s = Lessons.node(f, id, Source.class);
            f = Lessons.with(f, id, "headers", Map.of(MqttHeaders.QOS, "1"));
            assertThat(s.headers()).containsEntry(MqttHeaders.QOS, "0");
        }
        return f;
    }

    @Test
    void theArchiversSplitTheAlerterLosesItsQos0ReadingsAndTheDashboardGetsTheRetainedDoor() {
        assertThat(flow.info().broker()).isEqualTo(Broker.MQTT);
        Snapshot s = run(flow, 60);
        assertThat(s.node("broker").in()).isEqualTo(96);
        assertThat(s.node("archiver-1").completed()).isEqualTo(48);
        assertThat(s.node("archiver-2").completed()).isEqualTo(48);
        assertThat(s.node("alerter").completed()).isEqualTo(48);
        assertThat(s.node("alerts-session").dropped()).isEqualTo(12);
        assertThat(s.node("dashboard").completed()).isEqualTo(77);
        assertThat(Lessons.prose(ID)).contains("96 messages in 30 seconds", "48 each", "60 temperature",
                "from 10 s to 16 s", "12 temperature readings", "it handles 48", "77 messages in all");
    }

    @Test
    void theReconnectingDashboardFirstGetsTheDoorsRetainedState() {
        // Nothing reaches the dashboard while it is away.
        assertThat(run(flow, 15.99).node("dashboard").in()).isEqualTo(run(flow, 10.01).node("dashboard").in());
        // The instant it is back it gets the door's retained state: one message more than without the retain flag.
        Flow unretained = Lessons.with(flow, "door", "headers", Map.of(MqttHeaders.QOS, "1"));
        assertThat(run(flow, 16.0).node("dashboard").in()).isEqualTo(run(unretained, 16.0).node("dashboard").in() + 1);
        assertThat(run(unretained, 60).node("dashboard").completed()).isEqualTo(76);
    }

    @Test
    void readingsAtQos1AreKeptForTheAlerterWhileItIsAway() {
        Snapshot s = run(readingsAtQos1(flow, "kitchen", "garden"), 60);
        assertThat(s.node("alerter").completed()).isEqualTo(60);
        assertThat(s.node("alerts-session").dropped()).isZero();
    }

    @Test
    void aCleanStartLosesEvenQos1ReadingsPublishedWhileTheAlerterIsAway() {
        Flow clean = Lessons.with(readingsAtQos1(flow, "kitchen", "garden"), "alerts-session", "durable", false);
        assertThat(run(clean, 60).node("alerter").completed()).isEqualTo(48);
    }

    @Test
    void theShippedFlowMissesTheChallengeAndQos1ReadingsMeetIt() {
        var challenge = Lessons.challenge(ID);
        assertThat(Lessons.meets(flow, challenge)).isFalse();
        assertThat(Lessons.meets(readingsAtQos1(flow, "kitchen"), challenge)).isFalse();
        assertThat(Lessons.meets(readingsAtQos1(flow, "kitchen", "garden"), challenge)).isTrue();
    }
}
