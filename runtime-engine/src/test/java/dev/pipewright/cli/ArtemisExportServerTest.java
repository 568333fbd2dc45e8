// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.config.artemis.ArtemisBrokerXml;
import dev.pipewright.model.io.FlowFiles;
import dev.pipewright.model.io.FlowJson;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.management.AddressControl;
import org.apache.activemq.artemis.api.core.management.DivertControl;
import org.apache.activemq.artemis.api.core.management.QueueControl;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Artemis export against its real consumer: an Artemis 2.42 server embedded in the test starts
 * from the exported broker.xml (validating it against its schema), and its own management API
 * reports every address, queue, divert and address setting the flow designs; a message published
 * to a topic reaches the queues its bindings select.
 */
class ArtemisExportServerTest {
    /** How long a receive may wait for a message the server is about to hand over. */
    private static final long PATIENCE_MILLIS = 20_000;
    private static final AtomicInteger SERVER_IDS = new AtomicInteger(40);

    @TempDir
    Path dir;

    /** A server started from {@code brokerXml}: the test adds what the export leaves to the installation. */
    private record Running(EmbeddedActiveMQ embedded, String vmUrl) {
        ActiveMQServer server() {
            return embedded.getActiveMQServer();
        }

        void stop() throws Exception {
            embedded.stop();
        }
    }

    private Running start(Path brokerXml) throws Exception {
        int id = SERVER_IDS.incrementAndGet();
        Path data = Files.createDirectories(dir.resolve("data-" + id));
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
        embedded.setConfigResourcePath(brokerXml.toUri().toString());
        embedded.createActiveMQServer(); // reads and validates the file
        Configuration c = embedded.getActiveMQServer().getConfiguration();
        c.setPersistenceEnabled(false).setSecurityEnabled(false).setJMXManagementEnabled(false)
                .setPagingDirectory(data.resolve("paging").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setJournalDirectory(data.resolve("journal").toString())
                .setLargeMessagesDirectory(data.resolve("large").toString());
        c.getAcceptorConfigurations().clear(); // the exported tcp://0.0.0.0:61616 is the installation's business
        c.addAcceptorConfiguration("in-vm", "vm://" + id);
        try {
            embedded.start();
        } catch (Exception e) {
            embedded.stop();
            throw e;
        }
        return new Running(embedded, "vm://" + id);
    }

    private Path export(Flow flow) throws IOException {
        Path file = dir.resolve("broker-" + SERVER_IDS.get() + ".xml");
        FlowFiles.writeText(file, ArtemisBrokerXml.write(flow).text());
        return file;
    }

    static Flow orders() {
        Source src = Source.of("src", "Shop", Position.ORIGIN);
        Topic events = Topic.of("events", "order.events", Position.ORIGIN);
        Topic region = (Topic) Topic.of("region", "by.region", Position.ORIGIN).with("routing", Topic.Routing.DIRECT);
        Queue billing = (Queue) Queue.of("billing", "billing.orders", Position.ORIGIN)
                .with("deliveryLimit", 3).with("messageTtl", Duration.ofSeconds(60))
                .with("redeliveryDelay", Duration.ofMillis(500)).with("redeliveryMultiplier", 2.0)
                .with("maxRedeliveryDelay", Duration.ofSeconds(8)).with("maxLength", 1000)
                .with("overflow", Overflow.REJECT_PUBLISH).with("singleActiveConsumer", true);
        Queue shipping = (Queue) Queue.of("shipping", "shipping.orders", Position.ORIGIN)
                .with("redeliveryDelay", Duration.ofSeconds(1)).with("redeliveryMultiplier", 3.0);
        Queue eu = (Queue) Queue.of("eu", "eu.orders", Position.ORIGIN).with("durable", false);
        DeadLetterQueue dlq = DeadLetterQueue.of("dlq", "orders.dlq", Position.ORIGIN);
        Consumer worker = Consumer.of("worker", "Billing worker", Position.ORIGIN);
        return new Flow(new FlowInfo("Orders", "", Broker.GENERIC),
                List.of(src, events, region, billing, shipping, eu, dlq, worker),
                List.of(Edge.of("e1", "src", Port.OUT, "events"),
                        Edge.of("e2", "events", Port.OUT, "billing"),
                        Edge.of("e3", "events", Port.OUT, "shipping"),
                        Edge.of("e4", "events", Port.OUT, "region"),
                        new Edge("e5", "region", Port.OUT, "eu", "eu", Map.of()),
                        Edge.of("e6", "billing", Port.DEAD_LETTER, "dlq"),
                        Edge.of("e7", "billing", Port.OUT, "worker")));
    }

    /**
     * What the server reports, checked against the flow: each queue an anycast address with its
     * queue and settings, each topic a multicast address, each binding a divert with its filter.
     */
    private static void assertServerHolds(ActiveMQServer server, Flow flow) throws Exception {
        Map<String, Node> nodes = flow.nodesById();
        List<String> addresses = new ArrayList<>();
        int multicastQueues = 0;
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q) {
                QueueControl queue = (QueueControl) server.getManagementService().getResource(ResourceNames.QUEUE + q.name());
                assertThat(queue).as("queue " + q.name()).isNotNull();
                assertThat(queue.isExclusive()).isEqualTo(q.singleActiveConsumer());
                assertThat(queue.isDurable()).isEqualTo(q.durable());
                String settingsAddress = q.name();
                if (queue.getRoutingType().equals("MULTICAST")) {
                    // a subscription: the queue's one feed is a topic, whose address holds it and its settings
                    List<Edge> in = flow.incoming(q.id());
                    assertThat(in).hasSize(1);
                    Topic t = (Topic) nodes.get(in.getFirst().from());
                    assertThat(queue.getAddress()).isEqualTo(t.name());
                    assertThat(queue.getFilter()).isEqualTo(expectedFilter(t, in.getFirst()));
                    multicastQueues++;
                    settingsAddress = t.name();
                } else {
                    addresses.add(q.name());
                    AddressControl address = (AddressControl) server.getManagementService()
                            .getResource(ResourceNames.ADDRESS + q.name());
                    assertThat(address).as("address " + q.name()).isNotNull();
                    assertThat(address.getRoutingTypes()).containsExactly("ANYCAST");
                    assertThat(address.getQueueNames()).containsExactly(q.name());
                    assertThat(queue.getRoutingType()).isEqualTo("ANYCAST");
                    assertThat(queue.getFilter()).isNull();
                }
                AddressSettings s = server.getAddressSettingsRepository().getMatch(settingsAddress);
                assertThat(s.getMaxDeliveryAttempts()).isEqualTo(q.deliveryLimit() == null
                        ? (flow.info().broker() == Broker.ARTEMIS ? 10 : -1)
                        : q.deliveryLimit() == Integer.MAX_VALUE ? -1 : q.deliveryLimit());
                String deadLetter = flow.outgoing(q.id(), Port.DEAD_LETTER).stream()
                        .map(e -> nodes.get(e.to()).name()).findFirst().orElse(null);
                assertThat(s.getDeadLetterAddress() == null ? null : s.getDeadLetterAddress().toString()).isEqualTo(deadLetter);
                assertThat(s.getExpiryDelay()).isEqualTo(q.messageTtl() == null ? -1L : q.messageTtl().toMillis());
                if (q.messageTtl() != null && deadLetter != null) {
                    assertThat(s.getExpiryAddress().toString()).isEqualTo(deadLetter);
                }
                assertThat(s.getRedeliveryDelay()).isEqualTo(q.redeliveryDelay() == null ? 0 : q.redeliveryDelay().toMillis());
                assertThat(s.getRedeliveryMultiplier()).isEqualTo(q.redeliveryMultiplier());
                if (q.maxRedeliveryDelay() != null) {
                    assertThat(s.getMaxRedeliveryDelay()).isEqualTo(q.maxRedeliveryDelay().toMillis());
                } else if (q.redeliveryMultiplier() > 1) {
                    assertThat(s.getMaxRedeliveryDelay()).isGreaterThan(Duration.ofDays(365 * 99).toMillis());
                }
                assertThat(s.getMaxSizeMessages()).isEqualTo(q.maxLength() == null ? -1L : q.maxLength());
                if (q.maxLength() != null) {
                    assertThat(s.getAddressFullMessagePolicy()).isEqualTo(switch (q.overflow()) {
                        case PAGE -> AddressFullMessagePolicy.PAGE;
                        case BLOCK -> AddressFullMessagePolicy.BLOCK;
                        case DROP_HEAD, DROP_NEW -> AddressFullMessagePolicy.DROP;
                        case REJECT_PUBLISH, REJECT_PUBLISH_DLX -> AddressFullMessagePolicy.FAIL;
                    });
                }
                assertThat(s.isAutoCreateQueues()).isFalse();
                assertThat(s.isAutoCreateAddresses()).isFalse();
            } else if (n instanceof Topic t) {
                addresses.add(t.name());
                AddressControl address = (AddressControl) server.getManagementService()
                        .getResource(ResourceNames.ADDRESS + t.name());
                assertThat(address).as("address " + t.name()).isNotNull();
                assertThat(address.getRoutingTypes()).containsExactly("MULTICAST");
            }
        }
        assertThat(server.getActiveMQServerControl().getAddressNames()).containsAll(addresses);
        List<DivertControl> diverts = Arrays.stream(server.getActiveMQServerControl().getDivertNames())
                .map(d -> (DivertControl) server.getManagementService().getResource(ResourceNames.DIVERT + d)).toList();
        long bindings = 0;
        for (Edge e : flow.edges()) {
            if (nodes.get(e.from()) instanceof Topic t && e.fromPort() == Port.OUT) {
                bindings++;
                Node to = nodes.get(e.to());
                if (to instanceof QueueSettings && ((QueueControl) server.getManagementService()
                        .getResource(ResourceNames.QUEUE + to.name())).getRoutingType().equals("MULTICAST")) {
                    continue;
                }
                String filter = expectedFilter(t, e);
                assertThat(diverts).as("divert " + t.name() + " -> " + to.name())
                        .anyMatch(d -> d.getAddress().equals(t.name()) && d.getForwardingAddress().equals(to.name())
                                && !d.isExclusive() && java.util.Objects.equals(d.getFilter(), filter)
                                && d.getRoutingType().equals(to instanceof Topic ? "MULTICAST" : "ANYCAST"));
            }
        }
        assertThat(diverts).hasSize((int) bindings - multicastQueues);
    }

    /** The filter a binding gets; a topic pattern's LIKE filter is checked by the unit tests. */
    private static String expectedFilter(Topic t, Edge e) {
        String key = e.key() == null ? "" : e.key();
        return switch (t.routing()) {
            case DIRECT -> "routingKey = '" + key + "'";
            case TOPIC -> key.equals("#") ? null : "routingKey = '" + key + "'";
            default -> null;
        };
    }

    @Test
    void theServerStartsFromTheExportAndReportsEveryAddressQueueDivertAndSetting() throws Exception {
        Flow flow = orders();
        Running r = start(export(flow));
        try {
            assertServerHolds(r.server(), flow);
            // billing.orders is a subscription of order.events, so its settings are that address's
            AddressSettings billing = r.server().getAddressSettingsRepository().getMatch("order.events");
            assertThat(billing.getMaxDeliveryAttempts()).isEqualTo(3);
            assertThat(billing.getDeadLetterAddress().toString()).isEqualTo("orders.dlq");
            assertThat(billing.getExpiryAddress().toString()).isEqualTo("orders.dlq");
            assertThat(billing.getExpiryDelay()).isEqualTo(60_000L);
            assertThat(billing.getMaxSizeMessages()).isEqualTo(1000L);
            assertThat(billing.getAddressFullMessagePolicy()).isEqualTo(AddressFullMessagePolicy.FAIL);
            QueueControl eu = (QueueControl) r.server().getManagementService().getResource(ResourceNames.QUEUE + "eu.orders");
            assertThat(eu.getRoutingType()).isEqualTo("MULTICAST");
            assertThat(eu.getAddress()).isEqualTo("by.region");
            assertThat(eu.getFilter()).isEqualTo("routingKey = 'eu'");
            assertThat(eu.isDurable()).isFalse();
            // billing and shipping differ in settings: shipping has an address of its own, fed by a divert
            assertThat(((QueueControl) r.server().getManagementService().getResource(ResourceNames.QUEUE
                    + "billing.orders")).getAddress()).isEqualTo("order.events");
            assertThat(((QueueControl) r.server().getManagementService().getResource(ResourceNames.QUEUE
                    + "shipping.orders")).getRoutingType()).isEqualTo("ANYCAST");
        } finally {
            r.stop();
        }
    }

    @Test
    void eachAddressFullPolicyIsExportedAsTheServerReadsItAndImportedBack() throws Exception {
        List<Node> queues = new ArrayList<>();
        for (Overflow overflow : List.of(Overflow.PAGE, Overflow.BLOCK, Overflow.DROP_NEW, Overflow.REJECT_PUBLISH)) {
            String name = overflow.name().toLowerCase(java.util.Locale.ROOT);
            queues.add(Queue.of(name, "full." + name, Position.ORIGIN).with("maxLength", 3).with("overflow", overflow));
        }
        Flow flow = new Flow(new FlowInfo("Full", "", Broker.ARTEMIS), queues, List.of());
        Path file = export(flow);
        Running r = start(file);
        try {
            assertServerHolds(r.server(), flow);
            assertThat(r.server().getAddressSettingsRepository().getMatch("full.drop_new").getAddressFullMessagePolicy())
                    .isEqualTo(AddressFullMessagePolicy.DROP);
        } finally {
            r.stop();
        }
        Flow back = ArtemisBrokerXml.read(Files.readString(file), file.toString()).flow();
        for (Node n : flow.nodes()) {
            Queue q = (Queue) n;
            Queue imported = (Queue) back.nodes().stream().filter(b -> b.name().equals(q.name())).findFirst().orElseThrow();
            assertThat(imported.overflow()).as(q.name()).isEqualTo(q.overflow());
            assertThat(imported.maxLength()).as(q.name()).isEqualTo(3);
        }
    }

    @Test
    void aMessagePublishedToATopicReachesTheQueuesItsBindingsSelect() throws Exception {
        Running r = start(export(orders()));
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(r.vmUrl());
             Connection c = factory.createConnection()) {
            c.start();
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createTopic("order.events"));
            for (String region : List.of("eu", "us")) {
                TextMessage m = session.createTextMessage("order from " + region);
                m.setStringProperty(ArtemisBrokerXml.ROUTING_KEY_PROPERTY, region);
                producer.send(m);
            }
            assertThat(bodies(session, "order.events::billing.orders", 2)).containsExactly("order from eu", "order from us");
            assertThat(bodies(session, "shipping.orders", 2)).containsExactly("order from eu", "order from us");
            // eu.orders is a multicast queue (a subscription) of by.region: consumed by its full name
            assertThat(bodies(session, "by.region::eu.orders", 1)).containsExactly("order from eu");
            try (MessageConsumer eu = session.createConsumer(session.createQueue("by.region::eu.orders"))) {
                assertThat(eu.receiveNoWait()).isNull();
            }
            QueueControl euQueue = (QueueControl) r.server().getManagementService()
                    .getResource(ResourceNames.QUEUE + "eu.orders");
            assertThat(euQueue.getMessagesAdded()).isEqualTo(1);
        } finally {
            r.stop();
        }
    }

    private static List<String> bodies(Session session, String queue, int count) throws Exception {
        List<String> got = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            for (int i = 0; i < count; i++) {
                Message m = consumer.receive(PATIENCE_MILLIS);
                assertThat(m).as(queue + " message " + (i + 1)).isNotNull();
                got.add(((TextMessage) m).getText());
            }
        }
        return got;
    }

    @Test
    void aRetryingDeadLetterQueuesParkingQueueIsOnTheServerStartedFromTheExport() throws Exception {
        Running r = start(export(LiveRetryFidelityTest.retry(Broker.ARTEMIS, false)));
        try {
            QueueControl parked = (QueueControl) r.server().getManagementService()
                    .getResource(ResourceNames.QUEUE + "work.dlq.parked");
            assertThat(parked).as("the parking queue").isNotNull();
            assertThat(parked.getAddress()).isEqualTo("work.dlq.parked");
            assertThat(parked.getRoutingType()).isEqualTo("ANYCAST");
            assertThat(parked.isDurable()).isTrue();
            assertThat(r.server().getAddressSettingsRepository().getMatch("work").getDeadLetterAddress().toString())
                    .isEqualTo("work.dlq");
        } finally {
            r.stop();
        }
    }

    @Test
    void everySampleExportsAndTheServerStartsFromIt() throws Exception {
        List<Path> samples;
        try (Stream<Path> files = Files.list(Path.of("../samples/flows"))) {
            samples = files.filter(p -> p.toString().endsWith(".flow.json")).sorted().toList();
        }
        assertThat(samples).isNotEmpty();
        for (Path sample : samples) {
            Flow flow = FlowFiles.read(sample);
            Running r = start(export(flow));
            try {
                assertServerHolds(r.server(), flow);
            } finally {
                r.stop();
            }
        }
    }

    @Test
    void theCommandLineExportsAFileTheServerStartsFromAndImportsItBack() throws Exception {
        Path flowFile = dir.resolve("orders.flow.json");
        FlowFiles.write(flowFile, orders());
        Path xml = dir.resolve("broker.xml");
        CliRun export = CliRun.of("export", flowFile.toString(), "--to", "artemis", "-o", xml.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err()).contains("application code");
        Running r = start(xml);
        try {
            assertServerHolds(r.server(), orders());
        } finally {
            r.stop();
        }
        Path back = dir.resolve("back.flow.json");
        CliRun imported = CliRun.of("import", xml.toString(), "-o", back.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("<acceptors>");
        Flow flow = FlowFiles.read(back);
        assertThat(flow.info().broker()).isEqualTo(Broker.ARTEMIS);
        assertThat(flow.nodes()).extracting(Node::name).containsExactlyInAnyOrder("order.events", "by.region",
                "billing.orders", "shipping.orders", "eu.orders", "orders.dlq");
        CliRun printed = CliRun.of("import", xml.toString());
        assertThat(printed.exitCode()).isZero();
        assertThat(FlowJson.read(printed.out(), "<out>").nodes()).hasSize(6);
        // and the imported flow exports to a file the server starts from, with the same topology
        Path again = dir.resolve("again.xml");
        assertThat(CliRun.of("export", back.toString(), "--to", "artemis", "-o", again.toString()).exitCode()).isZero();
        Running again2 = start(again);
        try {
            assertServerHolds(again2.server(), flow);
        } finally {
            again2.stop();
        }
    }

    /** A broker.xml as an Artemis user writes one: wildcard settings, subscriptions with filters, a divert. */
    static final String HANDWRITTEN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration xmlns="urn:activemq" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                           xsi:schemaLocation="urn:activemq /schema/artemis-configuration.xsd">
               <core xmlns="urn:activemq:core">
                  <name>shop</name>
                  <security-enabled>false</security-enabled>
                  <address-settings>
                     <address-setting match="#">
                        <dead-letter-address>DLQ</dead-letter-address>
                        <max-delivery-attempts>5</max-delivery-attempts>
                        <auto-create-queues>false</auto-create-queues>
                     </address-setting>
                     <address-setting match="orders.#">
                        <redelivery-delay>250</redelivery-delay>
                        <redelivery-delay-multiplier>2</redelivery-delay-multiplier>
                     </address-setting>
                     <address-setting match="orders.priority">
                        <max-delivery-attempts>2</max-delivery-attempts>
                        <max-size-messages>50</max-size-messages>
                        <address-full-policy>FAIL</address-full-policy>
                     </address-setting>
                     <address-setting match="events">
                        <expiry-delay>30000</expiry-delay>
                        <expiry-address>DLQ</expiry-address>
                     </address-setting>
                  </address-settings>
                  <addresses>
                     <address name="DLQ"><anycast><queue name="DLQ"/></anycast></address>
                     <address name="orders.standard"><anycast><queue name="orders.standard"/></anycast></address>
                     <address name="orders.priority"><anycast><queue name="orders.priority" exclusive="true"/></anycast></address>
                     <address name="events">
                        <multicast>
                           <queue name="audit"/>
                           <queue name="created"><filter string="routingKey = 'created'"/></queue>
                           <queue name="cancelled"><filter string="routingKey = 'cancelled'"/><durable>false</durable></queue>
                        </multicast>
                     </address>
                  </addresses>
                  <diverts>
                     <divert name="urgent">
                        <address>events</address>
                        <forwarding-address>orders.priority</forwarding-address>
                        <filter string="routingKey = 'urgent'"/>
                        <routing-type>ANYCAST</routing-type>
                     </divert>
                  </diverts>
               </core>
            </configuration>
            """;

    /** What a server says of each queue: address, routing, filter, exclusive, durable and modelled settings. */
    private static Map<String, String> describe(ActiveMQServer server) {
        Map<String, String> queues = new java.util.TreeMap<>();
        for (String name : server.getActiveMQServerControl().getQueueNames()) {
            QueueControl q = (QueueControl) server.getManagementService().getResource(ResourceNames.QUEUE + name);
            if (q.getAddress().startsWith("activemq.") || q.isTemporary()) {
                continue;
            }
            AddressSettings s = server.getAddressSettingsRepository().getMatch(q.getAddress());
            queues.put(name, String.join(" | ", q.getAddress(), q.getRoutingType(), String.valueOf(q.getFilter()),
                    "exclusive=" + q.isExclusive(), "durable=" + q.isDurable(),
                    "dla=" + s.getDeadLetterAddress(), "attempts=" + s.getMaxDeliveryAttempts(),
                    "delay=" + s.getRedeliveryDelay(), "x" + s.getRedeliveryMultiplier(),
                    "ttl=" + s.getExpiryDelay(), "expiry=" + (s.getExpiryDelay() > 0 ? s.getExpiryAddress() : null),
                    "max=" + s.getMaxSizeMessages(),
                    "full=" + (s.getMaxSizeMessages() >= 0 ? s.getAddressFullMessagePolicy() : null)));
        }
        List<String> diverts = new ArrayList<>();
        for (String name : server.getActiveMQServerControl().getDivertNames()) {
            DivertControl d = (DivertControl) server.getManagementService().getResource(ResourceNames.DIVERT + name);
            diverts.add(d.getAddress() + " -> " + d.getForwardingAddress() + " " + d.getFilter() + " " + d.isExclusive());
        }
        queues.put("(diverts)", String.join(", ", diverts.stream().sorted().toList()));
        return queues;
    }

    @Test
    void aHandwrittenBrokerXmlImportsAndExportsToAServerWithTheSameQueuesFiltersAndSettings() throws Exception {
        Path original = dir.resolve("handwritten.xml");
        Files.writeString(original, HANDWRITTEN.strip());
        Map<String, String> before;
        Running first = start(original);
        try {
            before = describe(first.server());
        } finally {
            first.stop();
        }
        dev.pipewright.model.config.Imported imported = ArtemisBrokerXml.read(HANDWRITTEN.strip(), original.toString());
        Path exported = export(imported.flow());
        Map<String, String> after;
        Running second = start(exported);
        try {
            after = describe(second.server());
            assertServerHolds(second.server(), imported.flow());
        } finally {
            second.stop();
        }
        assertThat(before).containsKeys("DLQ", "audit", "created", "cancelled", "orders.priority", "orders.standard");
        // The one thing not kept: DLQ dead-letters to itself, and a flow's dead-letter queue has no such wire.
        assertThat(before.get("DLQ")).contains("dla=DLQ");
        assertThat(after.get("DLQ")).contains("dla=null");
        after.put("DLQ", after.get("DLQ").replace("dla=null", "dla=DLQ"));
        assertThat(after).isEqualTo(before);
        assertThat(imported.warnings()).anyMatch(f -> f.message().contains("<security-enabled>"));
    }

    @Test
    void theServerValidatesTheFileAgainstItsSchemaSoTheTestsAboveProveTheExportValid() throws Exception {
        String valid = ArtemisBrokerXml.write(orders()).text();
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, valid.replace("<exclusive>false</exclusive>", "<exclusive>maybe</exclusive>"));
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
        embedded.setConfigResourcePath(broken.toUri().toString());
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(embedded::createActiveMQServer)
                    .hasStackTraceContaining("maybe");
        } finally {
            embedded.stop();
        }
    }
}
