// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.Exported;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The document's shape read back as YAML; the AsyncAPI parser's verdict is AsyncApiParserTest's. */
class AsyncApiDocumentTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode read(Exported e) throws Exception {
        return YAML.readTree(e.text());
    }

    @Test
    void everyReferencePointsInsideTheDocument() throws Exception {
        for (Flow flow : List.of(TestFlows.everyKind(Broker.GENERIC), TestFlows.hostile(Broker.ARTEMIS))) {
            JsonNode doc = read(AsyncApiDocument.write(flow));
            List<String> refs = new ArrayList<>();
            collectRefs(doc, refs);
            assertThat(refs).isNotEmpty();
            for (String ref : refs) {
                assertThat(ref).startsWith("#/");
                assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
            }
        }
    }

    @Test
    void serversFollowTheBrokerProfile() throws Exception {
        JsonNode rabbit = read(AsyncApiDocument.write(TestFlows.everyKind(Broker.RABBITMQ)));
        assertThat(rabbit.at("/servers/rabbitmq/protocolVersion").asText()).isEqualTo("0.9.1");
        assertThat(rabbit.at("/servers/artemis").isMissingNode()).isTrue();
        assertThat(rabbit.at("/channels/orders/bindings/jms").isMissingNode()).isTrue();
        JsonNode artemis = read(AsyncApiDocument.write(TestFlows.everyKind(Broker.ARTEMIS)));
        assertThat(artemis.at("/servers/artemis/protocol").asText()).isEqualTo("jms");
        assertThat(artemis.at("/channels/orders/bindings/amqp").isMissingNode()).isTrue();
        // Orders has a single active consumer: strict order, a JMS FIFO queue.
        assertThat(artemis.at("/channels/orders/bindings/jms/destinationType").asText()).isEqualTo("fifo-queue");
    }

    @Test
    void bindingsCarryTheQueueTopicAndOperationSettings() throws Exception {
        JsonNode doc = read(AsyncApiDocument.write(TestFlows.everyKind(Broker.GENERIC)));
        assertThat(doc.at("/channels/orders/bindings/amqp/is").asText()).isEqualTo("queue");
        assertThat(doc.at("/channels/orders/bindings/amqp/queue/durable").asBoolean()).isFalse();
        assertThat(doc.at("/channels/events/bindings/amqp/exchange/type").asText()).isEqualTo("topic");
        JsonNode send = doc.at("/operations/orders-in.send.orders");
        assertThat(send.at("/bindings/amqp/expiration").asLong()).isEqualTo(30_000); // the queue's TTL
        assertThat(send.at("/bindings/amqp/deliveryMode").asInt()).isEqualTo(1); // a transient queue
        assertThat(send.at("/reply/channel/$ref").asText()).isEqualTo("#/channels/replies");
        assertThat(doc.at("/operations/blobs.send.blob-queue/bindings/amqp/priority").asInt()).isEqualTo(3);
        JsonNode receive = doc.at("/operations/billing.receive.orders-dlq");
        assertThat(receive.at("/bindings/amqp/ack").asBoolean()).isFalse(); // auto ack
        assertThat(receive.at("/reply/address/location").asText()).isEqualTo("$message.header#/replyTo");
        JsonNode order = doc.at("/components/messages/orders-in");
        assertThat(order.at("/correlationId/location").asText()).isEqualTo("$message.header#/correlationId");
        assertThat(order.at("/headers/properties/tenant/const").asText()).isEqualTo("acme");
        assertThat(order.at("/payload/properties/region/enum").toString()).isEqualTo("[\"eu\",\"us\"]");
        assertThat(doc.at("/components/messages/blobs/payload/format").asText()).isEqualTo("binary");
    }

    @Test
    void whatAsyncApiCannotSayIsWarnedAboutByNode() {
        List<Finding> w = AsyncApiDocument.write(TestFlows.everyKind(Broker.GENERIC)).warnings();
        assertThat(w).anyMatch(f -> "orders".equals(f.nodeId()) && f.message().contains("delivery limit 3")
                && f.message().contains("dead-letter target 'Orders DLQ'"));
        assertThat(w).anyMatch(f -> "events".equals(f.nodeId()) && f.message().contains("binding keys"));
        assertThat(w).anyMatch(f -> "orders-in".equals(f.nodeId()) && f.message().contains("mix of priorities"));
        assertThat(w).anyMatch(f -> "e14".equals(f.edgeId()) && f.message().contains("no queue or topic"));
        assertThat(w).anyMatch(f -> "store".equals(f.nodeId()) && f.severity() == Severity.INFO);
        assertThat(w).anyMatch(f -> "enrich".equals(f.nodeId()) && f.severity() == Severity.INFO);
    }

    @Test
    void hostileNamesAreQuotedAndWarningsPrintSafely() throws Exception {
        Exported e = AsyncApiDocument.write(TestFlows.hostile(Broker.GENERIC));
        assertThat(e.text()).doesNotContain("\u0007", "\u001b", "\u0000", "\t", "\r", "\u202e");
        JsonNode doc = read(e);
        assertThat(doc.at("/channels/q_0/address").asText()).isEqualTo("key: value");
        assertThat(doc.at("/channels/q_1/address").asText()).isEqualTo("- x");
        assertThat(doc.at("/channels/q_0-2/title").asText()).isEqualTo("clash");
        for (Finding f : e.warnings()) {
            assertThat(f.message()).doesNotContain("\u0007", "\n", "\u202e");
        }
        assertThat(e.warnings()).anyMatch(f -> f.message().contains("braces"));
        assertThat(e.warnings()).anyMatch(f -> f.message().contains("longer than 255"));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
