// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.artemis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.Imported;
import dev.pipewright.model.io.FlowFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ArtemisBrokerXmlTest {
    @TempDir
    Path dir;

    /** Orders: a source, a fanout topic to two queues, a direct topic, a DLQ with TTL and limits. */
    static Flow orders() {
        Source src = Source.of("src", "Shop", Position.ORIGIN);
        Topic events = Topic.of("events", "order.events", Position.ORIGIN);
        Topic direct = (Topic) Topic.of("by-region", "by.region", Position.ORIGIN).with("routing", Topic.Routing.DIRECT);
        Queue billing = (Queue) Queue.of("billing", "billing.orders", Position.ORIGIN)
                .with("deliveryLimit", 3).with("messageTtl", Duration.ofSeconds(60))
                .with("redeliveryDelay", Duration.ofMillis(500)).with("redeliveryMultiplier", 2.0)
                .with("maxRedeliveryDelay", Duration.ofSeconds(8)).with("maxLength", 1000)
                .with("overflow", Overflow.REJECT_PUBLISH).with("singleActiveConsumer", true);
        Queue shipping = Queue.of("shipping", "shipping.orders", Position.ORIGIN);
        Queue eu = (Queue) Queue.of("eu", "eu.orders", Position.ORIGIN).with("durable", false);
        DeadLetterQueue dlq = DeadLetterQueue.of("dlq", "orders.dlq", Position.ORIGIN);
        Consumer worker = Consumer.of("worker", "Billing worker", Position.ORIGIN);
        List<Node> nodes = List.of(src, events, direct, billing, shipping, eu, dlq, worker);
        List<Edge> edges = List.of(
                Edge.of("e1", "src", Port.OUT, "events"),
                Edge.of("e2", "events", Port.OUT, "billing"),
                Edge.of("e3", "events", Port.OUT, "shipping"),
                Edge.of("e4", "events", Port.OUT, "by-region"),
                new Edge("e5", "by-region", Port.OUT, "eu", "eu", Map.of()),
                Edge.of("e6", "billing", Port.DEAD_LETTER, "dlq"),
                Edge.of("e7", "billing", Port.OUT, "worker"));
        return new Flow(new FlowInfo("Orders", "", Broker.GENERIC), nodes, edges);
    }

    private static Imported read(String xml) throws FlowFileException {
        return ArtemisBrokerXml.read(xml, "broker.xml");
    }

    private static Map<String, Node> byName(Flow flow) {
        return flow.nodes().stream().collect(Collectors.toMap(Node::name, Function.identity()));
    }

    @Test
    void queuesBecomeAnycastAddressesWithTheirSettingsAndBindingsDiverts() {
        Exported out = ArtemisBrokerXml.write(orders());
        String xml = out.text();
        // billing and shipping are fed by order.events only but differ in settings: billing, the first, is
        // a subscription of the topic's address (which takes its settings); shipping has its own address
        assertThat(xml).contains("<address name=\"order.events\">\n            <multicast>\n"
                + "               <queue name=\"billing.orders\" exclusive=\"true\"/>\n            </multicast>",
                "<address-setting match=\"order.events\">", "<address name=\"shipping.orders\">\n            <anycast>",
                "<forwarding-address>shipping.orders</forwarding-address>", "<forwarding-address>by.region</forwarding-address>",
                "<dead-letter-address>orders.dlq</dead-letter-address>", "<expiry-address>orders.dlq</expiry-address>",
                "<expiry-delay>60000</expiry-delay>", "<redelivery-delay>500</redelivery-delay>",
                "<redelivery-delay-multiplier>2.0</redelivery-delay-multiplier>",
                "<max-redelivery-delay>8000</max-redelivery-delay>", "<max-delivery-attempts>3</max-delivery-attempts>",
                "<max-size-messages>1000</max-size-messages>", "<address-full-policy>FAIL</address-full-policy>",
                "<address-setting match=\"#\">", "<auto-create-queues>false</auto-create-queues>",
                "<filter string=\"routingKey = 'eu'\"/>", "<durable>false</durable>");
        // no limit on the generic profile: redelivered for ever
        assertThat(xml).contains("<address-setting match=\"shipping.orders\">\n"
                + "            <max-delivery-attempts>-1</max-delivery-attempts>");
        assertThat(out.warnings()).anyMatch(f -> f.severity() == Severity.INFO && "worker".equals(f.nodeId())
                && f.message().contains("application code"));
        assertThat(out.warnings()).anyMatch(f -> "src".equals(f.nodeId()));
    }

    @Test
    void underTheArtemisProfileNoLimitIsArtemisDefaultOfTen() {
        Flow flow = orders();
        flow = flow.withInfo(flow.info().withBroker(Broker.ARTEMIS));
        // the server's default (10) applies: nothing is written for shipping.orders, which sets nothing else
        String xml = ArtemisBrokerXml.write(flow).text();
        assertThat(xml).doesNotContain("<address-setting match=\"shipping.orders\">").contains("<address name=\"shipping.orders\">");
        assertThat(xml).contains("<max-delivery-attempts>3</max-delivery-attempts>");
    }

    @Test
    void whatArtemisCannotDoIsWarnedAboutByNode() {
        Queue q = (Queue) Queue.of("q", "q", Position.ORIGIN).with("maxLength", 5).with("maxPriority", 20)
                .with("deliveryDelay", Duration.ofSeconds(1));
        Queue r = (Queue) Queue.of("r", "r", Position.ORIGIN).with("maxLength", 5)
                .with("overflow", Overflow.REJECT_PUBLISH_DLX);
        Topic t = (Topic) Topic.of("t", "t", Position.ORIGIN).with("routing", Topic.Routing.TOPIC);
        Flow flow = new Flow(new FlowInfo("w", ""), List.of(q, r, t),
                List.of(new Edge("e1", "t", Port.OUT, "q", "a.*.c", Map.of())));
        Exported out = ArtemisBrokerXml.write(flow);
        List<String> qWarnings = out.warnings().stream().filter(f -> "q".equals(f.nodeId())
                && f.severity() == Severity.WARNING).map(Finding::message).toList();
        assertThat(qWarnings).anyMatch(m -> m.contains("oldest") && m.contains("DROP"))
                .anyMatch(m -> m.contains("priority 20")).anyMatch(m -> m.contains("delays delivery"));
        assertThat(out.warnings()).anyMatch(f -> "r".equals(f.nodeId()) && f.message().contains("FAIL"));
        assertThat(out.warnings()).anyMatch(f -> "t".equals(f.nodeId()) && f.message().contains("a.*.c"));
        assertThat(out.text()).contains("<address-full-policy>DROP</address-full-policy>",
                "routingKey LIKE 'a.%.c' ESCAPE '!'");
    }

    @Test
    void aRetryingDeadLetterQueueGetsAParkingAddressAndQueueAndANoteOnWhatArtemisDoesAlone() {
        Flow flow = new Flow(new FlowInfo("r", ""), List.of(Queue.of("work", "work", Position.ORIGIN),
                DeadLetterQueue.of("dlq", "work.dlq", Position.ORIGIN).with("retryAfter", Duration.ofSeconds(2))),
                List.of(Edge.of("e1", "work", Port.DEAD_LETTER, "dlq")));
        Exported out = ArtemisBrokerXml.write(flow);
        assertThat(out.text()).contains("<address name=\"work.dlq.parked\">\n            <anycast>\n"
                + "               <queue name=\"work.dlq.parked\"/>");
        assertThat(out.warnings()).filteredOn(f -> "dlq".equals(f.nodeId()) && f.message().contains("retries")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("'work.dlq.parked'", "retryMessages", "scheduled delivery");
        });

        List<Node> nodes = new ArrayList<>(flow.nodes());
        nodes.add(Queue.of("other", "work.dlq.parked", Position.ORIGIN));
        Flow clash = new Flow(flow.info(), nodes, flow.edges());
        Exported taken = ArtemisBrokerXml.write(clash);
        assertThat(taken.text()).containsOnlyOnce("<address name=\"work.dlq.parked\">");
        assertThat(taken.warnings()).filteredOn(f -> "dlq".equals(f.nodeId()) && f.message().contains("retries")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("not written", "the name of another address");
        });
    }

    @Test
    void namesArtemisWouldReadAsWildcardsOrDuplicatesAreRenamed() {
        Flow flow = new Flow(new FlowInfo("n", ""), List.of(Queue.of("a", "x.#", Position.ORIGIN),
                Queue.of("b", "same", Position.ORIGIN), Topic.of("c", "same", Position.ORIGIN)), List.of());
        Exported out = ArtemisBrokerXml.write(flow);
        assertThat(out.text()).contains("<address name=\"x._\">", "<address name=\"same\">", "<address name=\"same-2\">");
        assertThat(out.warnings()).anyMatch(f -> "a".equals(f.nodeId())).anyMatch(f -> "c".equals(f.nodeId()));
    }

    @Test
    void importReadsQueuesTopicsDivertsAndMergedSettings() throws FlowFileException {
        Imported in = read(ArtemisBrokerXml.write(orders()).text());
        Flow flow = in.flow();
        assertThat(flow.info().broker()).isEqualTo(Broker.ARTEMIS);
        Map<String, Node> n = byName(flow);
        assertThat(n.keySet()).containsExactlyInAnyOrder("order.events", "by.region", "billing.orders",
                "shipping.orders", "eu.orders", "orders.dlq");
        Queue billing = (Queue) n.get("billing.orders");
        assertThat(billing.deliveryLimit()).isEqualTo(3);
        assertThat(billing.messageTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(billing.redeliveryDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(billing.redeliveryMultiplier()).isEqualTo(2.0);
        assertThat(billing.maxRedeliveryDelay()).isEqualTo(Duration.ofSeconds(8));
        assertThat(billing.maxLength()).isEqualTo(1000);
        assertThat(billing.overflow()).isEqualTo(Overflow.REJECT_PUBLISH);
        assertThat(billing.singleActiveConsumer()).isTrue();
        assertThat(n.get("orders.dlq")).isInstanceOf(DeadLetterQueue.class);
        assertThat(((Queue) n.get("eu.orders")).durable()).isFalse();
        assertThat(((Topic) n.get("by.region")).routing()).isEqualTo(Topic.Routing.DIRECT);
        assertThat(flow.edges()).anyMatch(e -> e.from().equals(n.get("by.region").id())
                && e.to().equals(n.get("eu.orders").id()) && "eu".equals(e.key()));
        assertThat(flow.edges()).anyMatch(e -> e.fromPort() == Port.DEAD_LETTER
                && e.from().equals(billing.id()) && e.to().equals(n.get("orders.dlq").id()));
        assertThat(flow.edges()).hasSize(5);
        assertThat(flow.nodes()).extracting(Node::position).doesNotHaveDuplicates();
        assertThat(in.warnings()).anyMatch(f -> f.message().contains("<acceptors>") && f.message().contains("line"));
    }

    @Test
    void roundTripKeepsEveryAddressQueueAndSetting() throws FlowFileException {
        String first = ArtemisBrokerXml.write(orders()).text();
        Imported in = read(first);
        String second = ArtemisBrokerXml.write(in.flow()).text();
        assertThat(second.substring(second.indexOf("<configuration"))).isEqualTo(first.substring(first.indexOf("<configuration")));
    }

    @Test
    void anExpiredWireIsTheExpiryAddressBothWays() throws FlowFileException {
        Flow flow = orders();
        List<Node> nodes = new java.util.ArrayList<>(flow.nodes());
        nodes.add(Queue.of("expired", "orders.expired", Position.ORIGIN));
        List<Edge> edges = new java.util.ArrayList<>(flow.edges());
        edges.add(Edge.of("e8", "billing", Port.EXPIRED, "expired"));
        String xml = ArtemisBrokerXml.write(new Flow(flow.info(), nodes, edges)).text();
        assertThat(xml).contains("<dead-letter-address>orders.dlq</dead-letter-address>",
                "<expiry-address>orders.expired</expiry-address>").doesNotContain("<expiry-address>orders.dlq");

        Imported in = read(xml);
        Map<String, Node> n = byName(in.flow());
        assertThat(in.flow().outgoing(n.get("billing.orders").id(), Port.EXPIRED)).singleElement()
                .satisfies(e -> assertThat(e.to()).isEqualTo(n.get("orders.expired").id()));
        assertThat(in.flow().outgoing(n.get("billing.orders").id(), Port.DEAD_LETTER)).singleElement()
                .satisfies(e -> assertThat(e.to()).isEqualTo(n.get("orders.dlq").id()));
        assertThat(in.warnings()).extracting(Finding::message).noneMatch(m -> m.contains("expired messages"));
    }

    @Test
    void roundTripOfATopicPatternKeepsTheWildcards() throws FlowFileException {
        Topic t = (Topic) Topic.of("t", "t", Position.ORIGIN).with("routing", Topic.Routing.TOPIC);
        Flow flow = new Flow(new FlowInfo("p", ""), List.of(t, Queue.of("a", "a", Position.ORIGIN),
                Queue.of("b", "b", Position.ORIGIN)), List.of(new Edge("e1", "t", Port.OUT, "a", "orders.*.eu_1", Map.of()),
                new Edge("e2", "t", Port.OUT, "b", "orders.#", Map.of())));
        Flow back = read(ArtemisBrokerXml.write(flow).text()).flow();
        assertThat(back.edges()).extracting(Edge::key).containsExactly("orders.*.eu_1", "orders.#");
        assertThat(((Topic) byName(back).get("t")).routing()).isEqualTo(Topic.Routing.TOPIC);
    }

    @Test
    void theMostSpecificMatchWinsAndWildcardsFillTheRest() throws FlowFileException {
        String xml = """
                <configuration xmlns="urn:activemq"><core xmlns="urn:activemq:core">
                  <address-settings>
                    <address-setting match="#"><max-delivery-attempts>7</max-delivery-attempts>
                      <redelivery-delay>100</redelivery-delay><dead-letter-address>DLQ</dead-letter-address></address-setting>
                    <address-setting match="orders.#"><max-delivery-attempts>5</max-delivery-attempts></address-setting>
                    <address-setting match="orders.*"><redelivery-delay>200</redelivery-delay></address-setting>
                    <address-setting match="orders.eu"><max-delivery-attempts>2</max-delivery-attempts></address-setting>
                    <address-setting match="ord*.us"><max-size-messages>9</max-size-messages>
                      <address-full-policy>FAIL</address-full-policy></address-setting>
                  </address-settings>
                  <addresses>
                    <address name="orders.eu"><anycast><queue name="orders.eu"/></anycast></address>
                    <address name="orders.us"><anycast><queue name="orders.us"/></anycast></address>
                    <address name="orders.us.west"><anycast><queue name="west"/></anycast></address>
                    <address name="other"><anycast><queue name="other"/></anycast></address>
                    <address name="DLQ"><anycast><queue name="DLQ"/></anycast></address>
                  </addresses>
                </core></configuration>""";
        Map<String, Node> n = byName(read(xml).flow());
        QueueSettings eu = (QueueSettings) n.get("orders.eu");
        assertThat(eu.deliveryLimit()).isEqualTo(2);
        assertThat(eu.redeliveryDelay()).isEqualTo(Duration.ofMillis(200));
        QueueSettings us = (QueueSettings) n.get("orders.us");
        assertThat(us.deliveryLimit()).isEqualTo(5);
        assertThat(us.maxLength()).isEqualTo(9);
        QueueSettings west = (QueueSettings) n.get("west");
        assertThat(west.deliveryLimit()).isEqualTo(5);
        assertThat(west.redeliveryDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(west.maxLength()).isNull();
        QueueSettings other = (QueueSettings) n.get("other");
        assertThat(other.deliveryLimit()).isEqualTo(7);
        assertThat(n.get("DLQ")).isInstanceOf(DeadLetterQueue.class);
    }

    @Test
    void wildcardMatchingAgreesWithArtemis() {
        assertThat(new AddressMatch("news.europe.#").matches("news.europe")).isTrue();
        assertThat(new AddressMatch("news.europe.#").matches("news.europe.sport.fr")).isTrue();
        assertThat(new AddressMatch("news.europe.#").matches("news.usaeurope")).isFalse();
        assertThat(new AddressMatch("news.*").matches("news.europe")).isTrue();
        assertThat(new AddressMatch("news.*").matches("news.europe.sport")).isFalse();
        assertThat(new AddressMatch("news.*.sport").matches("news.europe.sport")).isTrue();
        assertThat(new AddressMatch("news.*.sport").matches("news.europe.fr.sport")).isFalse();
        assertThat(new AddressMatch("#").matches("")).isTrue();
        assertThat(new AddressMatch("my").matches("myqueue")).isFalse();
        assertThat(new AddressMatch("news.*").matches("news.")).isFalse();
        assertThat(AddressMatch.isValid("a.#.b")).isFalse();
    }

    @Test
    @Timeout(10)
    void wildcardMatchingIsPolynomialForHostileMatches() {
        String star = "*a".repeat(2_000) + "b";
        String word = "a".repeat(20_000);
        assertThat(new AddressMatch(star).matches(word)).isFalse();
        assertThat(new AddressMatch("*.".repeat(5_000) + "#").matches("a.".repeat(20_000))).isTrue();
    }

    @Test
    void unmodelledSettingsAndSectionsAreWarnedAboutByName() throws FlowFileException {
        String xml = """
                <configuration xmlns="urn:activemq"><core xmlns="urn:activemq:core">
                  <security-settings><security-setting match="#"/></security-settings>
                  <cluster-connections/>
                  <paging-directory>data/paging</paging-directory>
                  <address-settings><address-setting match="q"><page-size-bytes>100</page-size-bytes>
                    <max-delivery-attempts>-1</max-delivery-attempts></address-setting></address-settings>
                  <addresses><address name="q"><anycast><queue name="q" last-value="true"><filter string="a = 1"/></queue>
                  </anycast></address></addresses>
                </core></configuration>""";
        Imported in = read(xml);
        List<String> messages = in.warnings().stream().map(Finding::message).toList();
        assertThat(messages).anyMatch(m -> m.contains("<security-settings>") && m.contains("line 2"))
                .anyMatch(m -> m.contains("<cluster-connections>")).anyMatch(m -> m.contains("<paging-directory>"))
                .anyMatch(m -> m.contains("<page-size-bytes>")).anyMatch(m -> m.contains("last-value"))
                .anyMatch(m -> m.contains("filter"));
        assertThat(((Queue) in.flow().nodes().getFirst()).deliveryLimit()).isEqualTo(Integer.MAX_VALUE);
        assertThat(ArtemisBrokerXml.write(in.flow()).text()).contains("<max-delivery-attempts>-1</max-delivery-attempts>");
    }

    @Test
    void anExternalEntityIsRefusedAndTheFileNeverRead() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<configuration xmlns=\"urn:activemq\"><core xmlns=\"urn:activemq:core\"><name>&x;</name>"
                + "<addresses><address name=\"&x;\"/></addresses></core></configuration>";
        assertThatThrownBy(() -> read(xml)).isInstanceOf(FlowFileException.class)
                .hasMessageContaining("broker.xml:2").hasMessageContaining("DOCTYPE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOP-SECRET"));
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE configuration [<!ENTITY l0 \"ha\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String xml = dtd + "<configuration><core><name>&l9;</name></core></configuration>";
        assertThatThrownBy(() -> read(xml)).isInstanceOf(FlowFileException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void truncatedXmlNamesTheLineAndTheOpenElement() {
        String whole = ArtemisBrokerXml.write(orders()).text();
        String cut = whole.substring(0, whole.indexOf("<addresses>") + 40);
        assertThatThrownBy(() -> read(cut)).isInstanceOf(FlowFileException.class)
                .hasMessageMatching("broker\\.xml:\\d+:\\d+: the file ends before element <\\w+> \\(opened on line \\d+\\).*");
    }

    @Test
    void badValuesNameTheLineAndElement() {
        String xml = "<configuration>\n<core>\n<address-settings>\n<address-setting match=\"q\">\n"
                + "<max-delivery-attempts>many</max-delivery-attempts></address-setting></address-settings>\n"
                + "<addresses><address name=\"q\"><anycast><queue name=\"q\"/></anycast></address></addresses>"
                + "</core></configuration>";
        assertThatThrownBy(() -> read(xml)).isInstanceOf(FlowFileException.class)
                .hasMessage("broker.xml:5: queue 'q': <max-delivery-attempts> must be a whole number (was 'many')"
                        .replace("queue 'q': ", ""));
        assertThatThrownBy(() -> read("<beans/>")).hasMessageContaining("its root element is <beans>");
        assertThatThrownBy(() -> read("{\"queues\": []}")).isInstanceOf(FlowFileException.class)
                .hasMessageStartingWith("broker.xml:1:1: this is not well-formed XML");
    }

    @Test
    void moreThanSixteenMebibytesIsRefusedUnread() {
        String big = "<configuration>" + " ".repeat(ArtemisBrokerXml.MAX_BYTES) + "</configuration>";
        assertThatThrownBy(() -> read(big)).isInstanceOf(FlowFileException.class).hasMessageContaining("over 16 MiB");
    }

    @Test
    @Timeout(30)
    void tenThousandAddressesImportQuickly() throws FlowFileException {
        StringBuilder sb = new StringBuilder("<configuration><core><address-settings>");
        sb.append("<address-setting match=\"#\"><max-delivery-attempts>4</max-delivery-attempts></address-setting>");
        sb.append("<address-setting match=\"q.*\"><redelivery-delay>10</redelivery-delay></address-setting>");
        for (int i = 0; i < 5_000; i++) {
            sb.append("<address-setting match=\"q.").append(i).append("\"><max-size-messages>").append(i + 1)
                    .append("</max-size-messages><address-full-policy>FAIL</address-full-policy></address-setting>");
        }
        sb.append("</address-settings><addresses>");
        for (int i = 0; i < 10_000; i++) {
            sb.append("<address name=\"q.").append(i).append("\"><anycast><queue name=\"q.").append(i)
                    .append("\"/></anycast></address>");
        }
        sb.append("</addresses></core></configuration>");
        Imported in = read(sb.toString());
        assertThat(in.flow().nodes()).hasSize(10_000);
        QueueSettings q42 = (QueueSettings) byName(in.flow()).get("q.42");
        assertThat(q42.maxLength()).isEqualTo(43);
        assertThat(q42.deliveryLimit()).isEqualTo(4);
        assertThat(q42.redeliveryDelay()).isEqualTo(Duration.ofMillis(10));
        assertThat(ArtemisBrokerXml.write(in.flow()).text()).contains("<address name=\"q.9999\">");
    }

    @Test
    void moreAddressesThanAFlowHoldsAreRefused() {
        StringBuilder sb = new StringBuilder("<configuration><core><addresses>");
        for (int i = 0; i <= 10_000; i++) {
            sb.append("<address name=\"a").append(i).append("\"/>");
        }
        sb.append("</addresses></core></configuration>");
        assertThatThrownBy(() -> read(sb.toString())).isInstanceOf(FlowFileException.class)
                .hasMessageContaining("more than a flow holds");
    }

    /** The address part of the broker.xml that 'artemis create' writes (2.42), condensed. */
    static final String ARTEMIS_CREATE = """
            <configuration xmlns="urn:activemq" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                           xsi:schemaLocation="urn:activemq /schema/artemis-configuration.xsd">
               <core xmlns="urn:activemq:core">
                  <name>0.0.0.0</name>
                  <persistence-enabled>true</persistence-enabled>
                  <paging-directory>data/paging</paging-directory>
                  <acceptors><acceptor name="artemis">tcp://0.0.0.0:61616</acceptor></acceptors>
                  <address-settings>
                     <address-setting match="activemq.management.#">
                        <dead-letter-address>DLQ</dead-letter-address>
                        <expiry-address>ExpiryQueue</expiry-address>
                        <redelivery-delay>0</redelivery-delay>
                        <max-size-bytes>-1</max-size-bytes>
                        <message-counter-history-day-limit>10</message-counter-history-day-limit>
                        <address-full-policy>PAGE</address-full-policy>
                        <auto-create-queues>true</auto-create-queues>
                     </address-setting>
                     <address-setting match="#">
                        <dead-letter-address>DLQ</dead-letter-address>
                        <expiry-address>ExpiryQueue</expiry-address>
                        <redelivery-delay>0</redelivery-delay>
                        <max-size-messages>-1</max-size-messages>
                        <max-size-bytes-reject-threshold>-1</max-size-bytes-reject-threshold>
                        <message-counter-history-day-limit>10</message-counter-history-day-limit>
                        <address-full-policy>PAGE</address-full-policy>
                        <auto-create-queues>true</auto-create-queues>
                        <auto-create-addresses>true</auto-create-addresses>
                        <auto-delete-queues>false</auto-delete-queues>
                        <auto-delete-addresses>false</auto-delete-addresses>
                     </address-setting>
                  </address-settings>
                  <addresses>
                     <address name="DLQ"><anycast><queue name="DLQ" /></anycast></address>
                     <address name="ExpiryQueue"><anycast><queue name="ExpiryQueue" /></anycast></address>
                  </addresses>
               </core>
            </configuration>""";

    @Test
    void theBrokerXmlArtemisCreateWritesImportsItsTwoQueues() throws FlowFileException {
        Imported in = read(ARTEMIS_CREATE);
        Map<String, Node> n = byName(in.flow());
        assertThat(in.flow().info().name()).isEqualTo("0.0.0.0");
        assertThat(n.keySet()).containsExactlyInAnyOrder("DLQ", "ExpiryQueue");
        assertThat(n.get("DLQ")).isInstanceOf(DeadLetterQueue.class);
        // ExpiryQueue dead-letters to DLQ; DLQ's dead-letter address is itself, which a flow has no wire for
        assertThat(in.flow().edges()).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo(n.get("ExpiryQueue").id());
            assertThat(e.to()).isEqualTo(n.get("DLQ").id());
            assertThat(e.fromPort()).isEqualTo(Port.DEAD_LETTER);
        });
        assertThat(((QueueSettings) n.get("DLQ")).maxLength()).isNull();
        assertThat(in.warnings()).extracting(Finding::message)
                .anyMatch(m -> m.contains("<persistence-enabled>")).anyMatch(m -> m.contains("<acceptors>"))
                .anyMatch(m -> m.contains("<message-counter-history-day-limit>"))
                .anyMatch(m -> m.contains("<max-size-bytes-reject-threshold>"))
                .noneMatch(m -> m.contains("auto-create"));
    }

    @Test
    void aMulticastBrokerXmlRoundTripsToTheSameFlow() throws FlowFileException {
        String xml = """
                <configuration xmlns="urn:activemq"><core xmlns="urn:activemq:core">
                  <address-settings><address-setting match="events"><max-delivery-attempts>4</max-delivery-attempts>
                    <dead-letter-address>dead</dead-letter-address></address-setting></address-settings>
                  <addresses>
                    <address name="dead"><anycast><queue name="dead"/></anycast></address>
                    <address name="events"><multicast><queue name="all"/>
                      <queue name="created"><filter string="routingKey = 'order.created'"/></queue>
                      <queue name="eu"><filter string="routingKey LIKE 'order.%.eu' ESCAPE '!'"/></queue>
                    </multicast></address>
                    <address name="mirror"><multicast/></address>
                  </addresses>
                  <diverts><divert name="m"><address>events</address><forwarding-address>mirror</forwarding-address>
                    </divert><divert name="loop"><address>mirror</address><forwarding-address>mirror</forwarding-address>
                    </divert></diverts>
                </core></configuration>""";
        Imported first = read(xml);
        Map<String, Node> n = byName(first.flow());
        assertThat(((Topic) n.get("events")).routing()).isEqualTo(Topic.Routing.TOPIC);
        assertThat(first.flow().edges()).extracting(Edge::key).contains("#", "order.created", "order.*.eu");
        assertThat(((QueueSettings) n.get("eu")).deliveryLimit()).isEqualTo(4);
        assertThat(first.warnings()).anyMatch(f -> f.message().contains("'loop'") && f.message().contains("itself"));
        String written = ArtemisBrokerXml.write(first.flow()).text();
        assertThat(written).contains("<address-setting match=\"events\">", "<queue name=\"all\"/>",
                "<filter string=\"routingKey LIKE 'order.%.eu' ESCAPE '!'\"/>");
        Flow second = read(written).flow();
        assertThat(second.nodes()).isEqualTo(first.flow().nodes());
        assertThat(second.edges()).isEqualTo(first.flow().edges());
    }

    @Test
    void pageBlockAndDropAreWrittenAndReadBackAsThemselves() throws FlowFileException {
        List<Node> queues = new ArrayList<>();
        for (Overflow overflow : List.of(Overflow.PAGE, Overflow.BLOCK, Overflow.DROP_NEW)) {
            String name = overflow.name().toLowerCase(java.util.Locale.ROOT);
            queues.add(Queue.of(name, name, Position.ORIGIN).with("maxLength", 3).with("overflow", overflow));
        }
        Exported out = ArtemisBrokerXml.write(new Flow(new FlowInfo("f", "", Broker.ARTEMIS), queues, List.of()));
        assertThat(out.text()).contains("<address-full-policy>PAGE</address-full-policy>",
                "<address-full-policy>BLOCK</address-full-policy>", "<address-full-policy>DROP</address-full-policy>");
        assertThat(out.warnings()).noneMatch(f -> f.severity() == Severity.WARNING);
        Imported in = read(out.text());
        Map<String, Node> n = byName(in.flow());
        assertThat(((Queue) n.get("page")).overflow()).isEqualTo(Overflow.PAGE);
        assertThat(((Queue) n.get("block")).overflow()).isEqualTo(Overflow.BLOCK);
        assertThat(((Queue) n.get("drop_new")).overflow()).isEqualTo(Overflow.DROP_NEW);
        assertThat(n.values()).allSatisfy(q -> assertThat(((Queue) q).maxLength()).isEqualTo(3));
        assertThat(in.warnings()).noneMatch(f -> f.nodeId() != null && f.severity() == Severity.WARNING);
    }

    @Test
    void aLimitWithoutAPolicyIsArtemisDefaultPage() throws FlowFileException {
        Imported in = read("""
                <configuration xmlns="urn:activemq"><core xmlns="urn:activemq:core">
                  <address-settings><address-setting match="q"><max-size-messages>50</max-size-messages>
                  </address-setting></address-settings>
                  <addresses><address name="q"><anycast><queue name="q"/></anycast></address></addresses>
                </core></configuration>""");
        Queue q = (Queue) byName(in.flow()).get("q");
        assertThat(q.maxLength()).isEqualTo(50);
        assertThat(q.overflow()).isEqualTo(Overflow.PAGE);
    }
}
