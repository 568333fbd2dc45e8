// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.engine.Simulation;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.MqttHeaders;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fidelity on Mosquitto: each scenario runs in the simulator under the MQTT profile and live on
 * the local Mosquitto ({@code pipewright deploy --mqtt}), and the two reports must give the same
 * figures for every queue (subscription) and consumer, and the same conservation law. The
 * scenarios count deterministically (a fixed number of messages, no failures by chance), so
 * equal figures are the claim, not a tolerance. The retained message is checked with Paho
 * directly, as a live run starts every subscriber before it publishes.
 */
class MqttFidelityTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIGURES = List.of("in", "out", "depth", "count", "redelivered", "dropped");
    private static final List<String> LAW = List.of("produced", "completed", "deadLettered", "dropped", "waiting", "inFlight");

    @TempDir
    Path dir;

    private static Node source(long messages, String qos, String... topics) {
        return Source.of("src", "src", Position.ORIGIN).with("rate", 200.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", messages).with("routingKeys", List.of(topics))
                .with("headers", Map.of(MqttHeaders.QOS, qos));
    }

    private static Node worker(String id) {
        return Consumer.of(id, id, Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ofMillis(1)));
    }

    /** A topic "t" fed by {@code source}, and per entry a queue subscribed with that filter, read by its worker. */
    private static Flow subscriptions(String name, Node source, Map<String, String> filterByQueue) {
        List<Node> nodes = new ArrayList<>(List.of(source, Topic.of("t", "telemetry", Position.ORIGIN)
                .with("routing", Topic.Routing.TOPIC)));
        List<Edge> edges = new ArrayList<>(List.of(Edge.of("e0", "src", Port.OUT, "t")));
        for (Map.Entry<String, String> f : new TreeMap<>(filterByQueue).entrySet()) {
            String q = f.getKey();
            nodes.add(Queue.of(q, q, Position.ORIGIN));
            nodes.add(worker(q + "-worker"));
            edges.add(new Edge("t-" + q, "t", Port.OUT, q, f.getValue(), Map.of(MqttHeaders.QOS, "1")));
            edges.add(Edge.of("c-" + q, q, Port.OUT, q + "-worker"));
        }
        return new Flow(new FlowInfo(name, "", Broker.MQTT), nodes, edges);
    }

    private record Reports(JsonNode live, JsonNode sim) {
    }

    private Reports deployAndSimulate(Flow flow) throws Exception {
        LocalMosquitto.requireIt();
        Path file = TestFlows.write(dir, "scenario.flow.json", flow);
        CliRun live = CliRun.of("deploy", file.toString(), "--mqtt", LocalMosquitto.URL, "--run", "60s", "--report", "json");
        assertThat(live.exitCode()).as(live.err()).isZero();
        CliRun sim = CliRun.of("run", file.toString(), "--duration", "60s", "--report", "json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        return new Reports(MAPPER.readTree(live.out()), MAPPER.readTree(sim.out()));
    }

    private static void sameFigures(Reports r, List<String> skip) {
        for (JsonNode simNode : r.sim().path("nodes")) {
            String id = simNode.path("id").asText();
            String kind = simNode.path("kind").asText();
            if (kind.equals("source") || kind.equals("topic") || skip.contains(id)) {
                continue;
            }
            JsonNode liveNode = node(r.live(), id);
            for (String figure : FIGURES) {
                if (simNode.has(figure)) {
                    assertThat(liveNode.path(figure).asLong()).as("%s of %s (live %s, simulator %s)", figure, id,
                            liveNode, simNode).isEqualTo(simNode.path(figure).asLong());
                }
            }
        }
        for (String field : LAW) {
            assertThat(r.live().path("conservation").path(field).asLong()).as("conservation %s: live %s, simulator %s",
                    field, r.live().path("conservation"), r.sim().path("conservation"))
                    .isEqualTo(r.sim().path("conservation").path(field).asLong());
        }
        assertThat(r.live().path("conservation").path("holds").asBoolean()).isTrue();
    }

    @Test
    void qos1FanOutGivesEachSubscriberEveryMessage() throws Exception {
        Reports r = deployAndSimulate(subscriptions("QoS 1 fan-out", source(10, "1", "sensors/1/temperature"),
                Map.of("dashboard", "sensors/#", "alerts", "sensors/+/temperature")));
        sameFigures(r, List.of());
        assertThat(node(r.live(), "dashboard-worker").path("out").asLong()).isEqualTo(10);
        assertThat(node(r.live(), "alerts-worker").path("out").asLong()).isEqualTo(10);
    }

    @Test
    void aSourceWhoseMessagesExpirePublishesWithMqtt5AndCountsAsTheSimulator() throws Exception {
        // Its publisher is Paho's MQTT 5 client (the expiry is a message property); the subscribers stay
        // on 3.1.1 and, online throughout, get every message long before its 60 s end.
        Node expiring = source(10, "1", "sensors/a/temperature").with("headers",
                Map.of(MqttHeaders.QOS, "1", MqttHeaders.EXPIRY, "60"));
        Reports r = deployAndSimulate(subscriptions("Expiring", expiring, Map.of("dashboard", "sensors/#")));
        sameFigures(r, List.of());
        assertThat(node(r.live(), "dashboard-worker").path("out").asLong()).isEqualTo(10);
    }

    @Test
    void wildcardFiltersRouteTheSameOnMosquitto() throws Exception {
        Reports r = deployAndSimulate(subscriptions("Wildcards", source(8, "1", "home/kitchen/temp", "home/garden/temp",
                        "office/temp", "home/kitchen/humidity"),
                Map.of("temps", "+/+/temp", "home", "home/#", "kitchen", "home/kitchen/+", "all", "#")));
        sameFigures(r, List.of());
        assertThat(node(r.live(), "temps").path("in").asLong()).isEqualTo(4);
        assertThat(node(r.live(), "home").path("in").asLong()).isEqualTo(6);
        assertThat(r.live().path("conservation").path("produced").asLong()).isEqualTo(22);
    }

    @Test
    void aSharedSubscriptionSplitsTheSameTotalOnMosquitto() throws Exception {
        Reports r = deployAndSimulate(subscriptions("Shared subscription", source(12, "1", "orders/eu"),
                Map.of("billing-a", "$share/billing/orders/#", "billing-b", "$share/billing/orders/#",
                        "audit", "orders/eu")));
        // How Mosquitto takes turns among the group's members is its own; the group's total is the claim.
        sameFigures(r, List.of("billing-a", "billing-b", "billing-a-worker", "billing-b-worker"));
        long live = node(r.live(), "billing-a-worker").path("out").asLong()
                + node(r.live(), "billing-b-worker").path("out").asLong();
        long sim = node(r.sim(), "billing-a-worker").path("out").asLong()
                + node(r.sim(), "billing-b-worker").path("out").asLong();
        assertThat(live).isEqualTo(sim).isEqualTo(12);
        assertThat(node(r.live(), "audit-worker").path("out").asLong()).isEqualTo(12);
    }

    @Test
    void aLateSubscriberGetsTheLastRetainedMessageOfEachTopicOnMosquittoAsInTheSimulator() throws Exception {
        String prefix = "pipewright-test/" + UUID.randomUUID().toString().substring(0, 8) + "/";
        MqttClient publisher = LocalMosquitto.connect();
        MqttClient late = null;
        try {
            publisher.publish(prefix + "status/door", "open".getBytes(StandardCharsets.UTF_8), 1, true);
            publisher.publish(prefix + "status/door", "closed".getBytes(StandardCharsets.UTF_8), 1, true);
            publisher.publish(prefix + "status/window", "open".getBytes(StandardCharsets.UTF_8), 1, true);
            publisher.publish(prefix + "status/light", "on".getBytes(StandardCharsets.UTF_8), 1, false);
            late = LocalMosquitto.connect();
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            late.subscribe(prefix + "status/#", 1, (topic, m) -> got.add(topic.substring(prefix.length()) + "="
                    + new String(m.getPayload(), StandardCharsets.UTF_8)));
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String one = got.poll(10, TimeUnit.SECONDS);
                assertThat(one).as("retained message %d of 2", i + 1).isNotNull();
                received.add(one);
            }
            // A third would be a mistake; the broker sends retained messages at once on SUBSCRIBE, so
            // none can still be on its way after the published ones have all been seen by the publisher's
            // own subscription below.
            BlockingQueue<String> mark = new LinkedBlockingQueue<>();
            late.subscribe(prefix + "mark", 1, (topic, m) -> mark.add("mark"));
            publisher.publish(prefix + "mark", new byte[] {1}, 1, false);
            assertThat(mark.poll(10, TimeUnit.SECONDS)).isEqualTo("mark");
            assertThat(got).isEmpty();
            assertThat(received).containsExactlyInAnyOrder("status/door=closed", "status/window=open");

            // The simulator: the same publishes, a clean-start subscriber that comes at 5 s.
            Simulation sim = Simulation.create(lateSubscriber(), 1);
            sim.runUntil(10);
            assertThat(sim.snapshot().node("late-worker").completed()).isEqualTo(received.size());
        } finally {
            for (String t : List.of("status/door", "status/window")) {
                publisher.publish(prefix + t, new byte[0], 1, true); // clears the retained message
            }
            publisher.disconnect();
            publisher.close();
            if (late != null) {
                late.disconnect();
                late.close();
            }
        }
    }

    @Test
    void qos1AcrossADisconnectComesAgainAsADuplicateAndQos0DoesNotOnMosquittoAsInTheSimulator() throws Exception {
        LocalMosquitto.requireIt();
        String prefix = "pipewright-test/" + UUID.randomUUID().toString().substring(0, 8) + "/";
        String clientId = "pw-test-" + UUID.randomUUID().toString().substring(0, 8);
        MqttClient publisher = LocalMosquitto.connect();
        MqttClient first = persistent(clientId);
        MqttClient again = null;
        try {
            BlockingQueue<org.eclipse.paho.client.mqttv3.MqttMessage> got = new LinkedBlockingQueue<>();
            // Manual acknowledgements: the client takes the message and never acknowledges it.
            first.setManualAcks(true);
            first.subscribe(prefix + "a", 1, (topic, m) -> got.add(m));
            publisher.publish(prefix + "a", "one".getBytes(StandardCharsets.UTF_8), 1, false);
            org.eclipse.paho.client.mqttv3.MqttMessage held = got.poll(10, TimeUnit.SECONDS);
            assertThat(held).isNotNull();
            assertThat(held.isDuplicate()).isFalse();
            first.disconnectForcibly(0, 1_000, false); // a crash: no DISCONNECT packet, no PUBACK
            first.close(true);
            // While it is away: one message at QoS 0 (not kept) and one at QoS 1 (kept).
            publisher.publish(prefix + "a", "zero".getBytes(StandardCharsets.UTF_8), 0, false);
            publisher.publish(prefix + "a", "two".getBytes(StandardCharsets.UTF_8), 1, false);

            BlockingQueue<org.eclipse.paho.client.mqttv3.MqttMessage> later = new LinkedBlockingQueue<>();
            again = new MqttClient(LocalMosquitto.URL, clientId, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            again.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                    later.add(m);
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
            org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            o.setCleanSession(false);
            again.connect(o);
            org.eclipse.paho.client.mqttv3.MqttMessage m1 = later.poll(10, TimeUnit.SECONDS);
            org.eclipse.paho.client.mqttv3.MqttMessage m2 = later.poll(10, TimeUnit.SECONDS);
            assertThat(m1).isNotNull();
            assertThat(m2).isNotNull();
            assertThat(new String(m1.getPayload(), StandardCharsets.UTF_8)).isEqualTo("one");
            assertThat(m1.isDuplicate()).as("sent again with the DUP flag").isTrue();
            assertThat(new String(m2.getPayload(), StandardCharsets.UTF_8)).isEqualTo("two");
            // The QoS 0 message would have come between them; a marker behind both shows it is not on its way.
            BlockingQueue<String> mark = new LinkedBlockingQueue<>();
            again.subscribe(prefix + "mark", 1, (topic, m) -> mark.add("mark"));
            publisher.publish(prefix + "mark", new byte[] {1}, 1, false);
            assertThat(mark.poll(10, TimeUnit.SECONDS)).isEqualTo("mark");
            assertThat(later).isEmpty();

            // The simulator, the same story: the held QoS 1 message comes again (redelivered), QoS 0 is lost.
            Simulation sim = Simulation.create(awayAndBack(), 1);
            sim.runUntil(10);
            assertThat(sim.snapshot().node("session").redelivered()).isEqualTo(1);
            assertThat(sim.snapshot().node("worker").completed()).isEqualTo(2);
            assertThat(sim.snapshot().node("session").dropped()).isEqualTo(1);
        } finally {
            publisher.disconnect();
            publisher.close();
            if (again != null) {
                again.disconnect();
                again.close();
            }
            // End the persistent session.
            MqttClient clean = new MqttClient(LocalMosquitto.URL, clientId, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            o.setCleanSession(true);
            clean.connect(o);
            clean.disconnect();
            clean.close();
        }
    }

    private static MqttClient persistent(String clientId) throws Exception {
        MqttClient c = new MqttClient(LocalMosquitto.URL, clientId, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        o.setCleanSession(false);
        c.connect(o);
        return c;
    }

    /** One QoS 1 message held by the worker when it crashes at 1.5 s; QoS 0 then QoS 1 while it is away; back at 3 s. */
    private static Flow awayAndBack() {
        List<ScriptedMessage> script = List.of(
                new ScriptedMessage(Duration.ofSeconds(1), null, "a", null, Map.of(MqttHeaders.QOS, "1"), null, null),
                new ScriptedMessage(Duration.ofSeconds(2), null, "a", null, Map.of(MqttHeaders.QOS, "0"), null, null),
                new ScriptedMessage(Duration.ofMillis(2500), null, "a", null, Map.of(MqttHeaders.QOS, "1"), null, null));
        Node src = Source.of("src", "src", Position.ORIGIN).with("script", script);
        Node worker = Consumer.of("worker", "worker", Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ofSeconds(1)))
                .with("crashes", List.of(new Consumer.Crash(Duration.ofMillis(1500), 0, Duration.ofMillis(1500))));
        return new Flow(new FlowInfo("Away and back", "", Broker.MQTT), List.of(src, Topic.of("t", "t", Position.ORIGIN),
                Queue.of("session", "session", Position.ORIGIN), worker),
                List.of(Edge.of("e0", "src", Port.OUT, "t"), new Edge("e1", "t", Port.OUT, "session", "a",
                        Map.of(MqttHeaders.QOS, "1")), Edge.of("e2", "session", Port.OUT, "worker")));
    }

    private static Flow lateSubscriber() {
        Map<String, String> retain = Map.of(MqttHeaders.RETAIN, "true");
        List<ScriptedMessage> script = List.of(
                new ScriptedMessage(Duration.ofSeconds(1), null, "status/door", null, retain, null, null),
                new ScriptedMessage(Duration.ofSeconds(2), null, "status/door", null, retain, null, null),
                new ScriptedMessage(Duration.ofSeconds(3), null, "status/window", null, retain, null, null),
                new ScriptedMessage(Duration.ofSeconds(4), null, "status/light", null, Map.of(), null, null));
        Node src = Source.of("src", "src", Position.ORIGIN).with("script", script);
        Node late = worker("late-worker").with("crashes", List.of(new Consumer.Crash(Duration.ofMillis(500), 0,
                Duration.ofMillis(4500))));
        return new Flow(new FlowInfo("Retained", "", Broker.MQTT), List.of(src, Topic.of("t", "t", Position.ORIGIN),
                Queue.of("late", "late", Position.ORIGIN).with("durable", false), late),
                List.of(Edge.of("e0", "src", Port.OUT, "t"), new Edge("e1", "t", Port.OUT, "late", "status/#", Map.of()),
                        Edge.of("e2", "late", Port.OUT, "late-worker")));
    }

    @Test
    void theMqttTelemetrySampleRunsOnMosquittoWithTheSimulatorsCountsWhenNobodyCrashes() throws Exception {
        // The sample's consumers crash on a schedule, which a live run does not apply; without the
        // crashes, and ten times as fast so the test is short, both must count the same.
        Flow sample = dev.pipewright.model.io.FlowFiles.read(Path.of("../samples/flows/mqtt-telemetry.flow.json"));
        Flow fast = sample.mapNodes(sample.nodes().stream().map(Node::id).toList(), n -> switch (n) {
            case Source s -> s.with("rate", s.rate() * 10);
            case Consumer c -> c.with("crashes", List.of());
            default -> n;
        });
        Reports r = deployAndSimulate(fast);
        // Mosquitto's turns among the archivers are its own; their total is the claim.
        sameFigures(r, List.of("archive-1", "archive-2", "archiver-1", "archiver-2"));
        assertThat(node(r.live(), "archiver-1").path("out").asLong() + node(r.live(), "archiver-2").path("out").asLong())
                .isEqualTo(96);
        assertThat(node(r.live(), "alerter").path("out").asLong()).isEqualTo(60);
        assertThat(node(r.live(), "dashboard").path("out").asLong()).isEqualTo(96);
    }

    @Test
    void aBrokerThatIsNotThereIsOneSentenceNamingItsAddress() throws Exception {
        Path file = TestFlows.write(dir, "scenario.flow.json", subscriptions("Down", source(1, "1", "a"), Map.of("q", "a")));
        CliRun live = CliRun.of("deploy", file.toString(), "--mqtt", "tcp://127.0.0.1:1", "--run", "5s");
        assertThat(live.exitCode()).isEqualTo(2);
        assertThat(live.err().strip()).isEqualTo("MQTT broker at tcp://127.0.0.1:1: connecting failed: nothing answers"
                + " there (connection refused); start Mosquitto or correct the address");
    }
}
