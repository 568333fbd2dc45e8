// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.sqs.SqsQueues;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

/**
 * The SQS export against a real consumer of it: ElasticMQ, an SQS-compatible server, runs
 * in-process; the AWS SDK's own SQS client creates the exported queues in the exported order and
 * reads their attributes back; the SQS profile's poison message (maxReceiveCount 3) gives the
 * same answer on ElasticMQ as in the engine, and so do a repeated deduplication id and a visibility
 * timeout shorter than the processing (the message handed out again, the late delete deleting nothing).
 */
class SqsExportElasticMqTest extends EngineTest {
    private static final String REGION = "eu-west-1";
    private static final String ACCOUNT = "123456789012";
    private static final String ARN_PREFIX = "arn:aws:sqs:" + REGION + ":" + ACCOUNT;
    /** Receives of a message that fails for ever before its redrive is seen; far more than 3. */
    private static final int MAX_RECEIVES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Attributes ElasticMQ 1.7.1 accepts and does not keep (its {@code UnsupportedAttributeNames}):
     * it neither reports nor applies a retention period.
     */
    private static final java.util.Set<String> IGNORED_BY_ELASTICMQ = java.util.Set.of("MessageRetentionPeriod");

    private static SQSRestServer server;
    private static SqsClient sqs;

    @BeforeAll
    static void startElasticMq() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                .withAWSRegion(REGION).withAWSAccountId(ACCOUNT).start();
        int port = server.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();
    }

    @AfterAll
    static void stopElasticMq() {
        if (sqs != null) {
            sqs.close();
        }
        if (server != null) {
            server.stopAndWait();
        }
    }

    /** The exported CreateQueue requests, in their order: name and attributes. */
    private static Map<String, Map<String, String>> requests(Exported exported) throws Exception {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (JsonNode q : JSON.readTree(exported.text()).get("queues")) {
            Map<String, String> attributes = new LinkedHashMap<>();
            q.get("Attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
            out.put(q.get("QueueName").asText(), attributes);
        }
        return out;
    }

    /** Creates every exported queue on ElasticMQ in the exported order; returns each queue's URL by name. */
    private static Map<String, String> create(Map<String, Map<String, String>> requests) {
        Map<String, String> urls = new LinkedHashMap<>();
        requests.forEach((name, attributes) -> urls.put(name,
                sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl()));
        return urls;
    }

    private static void delete(Map<String, String> urls) {
        urls.values().forEach(url -> sqs.deleteQueue(b -> b.queueUrl(url)));
    }

    @Test
    void elasticMqCreatesTheExportedQueuesWithTheirAttributes() throws Exception {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("orders", "visibilityTimeout", Duration.ofSeconds(45), "messageTtl", Duration.ofDays(1),
                        "deliveryDelay", Duration.ofSeconds(5), "deliveryLimit", 3)
                .dlq("orders-dlq", "messageTtl", Duration.ofDays(14))
                .queue("payments", "fifo", true, "deliveryLimit", 5)
                .dlq("payments-dlq", "fifo", true)
                .queue("order.events")
                .wire("src", "orders").wire("orders", Port.DEAD_LETTER, "orders-dlq")
                .wire("payments", Port.DEAD_LETTER, "payments-dlq").build();
        Exported exported = SqsQueues.write(flow, ARN_PREFIX);
        Map<String, Map<String, String>> requests = requests(exported);
        // Dead-letter queues come before the queues that name them; names follow SQS's rules.
        assertThat(List.copyOf(requests.keySet())).containsExactly("orders-dlq", "orders", "payments-dlq.fifo",
                "payments.fifo", "order-events");
        assertThat(exported.warnings()).anySatisfy(f -> assertThat(f.message()).contains("'order-events'"));

        Map<String, String> urls = create(requests);
        try {
            for (Map.Entry<String, Map<String, String>> r : requests.entrySet()) {
                Map<String, String> actual = sqs.getQueueAttributes(b -> b.queueUrl(urls.get(r.getKey()))
                        .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
                r.getValue().forEach((attribute, value) -> {
                    if (IGNORED_BY_ELASTICMQ.contains(attribute)) {
                        return;
                    }
                    if (attribute.equals("RedrivePolicy")) {
                        assertThat(redrive(actual.get(attribute))).as(r.getKey()).isEqualTo(redrive(value));
                    } else {
                        assertThat(actual.get(attribute)).as(r.getKey() + " " + attribute).isEqualTo(value);
                    }
                });
            }
            Map<String, String> orders = requests.get("orders");
            assertThat(orders).containsEntry("VisibilityTimeout", "45").containsEntry("MessageRetentionPeriod", "86400")
                    .containsEntry("DelaySeconds", "5").containsEntry("ReceiveMessageWaitTimeSeconds", "20");
            assertThat(redrive(orders.get("RedrivePolicy")))
                    .isEqualTo(Map.of("deadLetterTargetArn", ARN_PREFIX + ":orders-dlq", "maxReceiveCount", "3"));
            assertThat(requests.get("payments.fifo")).containsEntry("FifoQueue", "true");
            // What ElasticMQ reports for the DLQ's ARN is what the redrive policy names.
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(urls.get("orders-dlq"))
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributesAsStrings())
                    .containsEntry("QueueArn", ARN_PREFIX + ":orders-dlq");
        } finally {
            delete(urls);
        }
    }

    /** A redrive policy's fields, each as text (SQS writes maxReceiveCount as a number or a string). */
    private static Map<String, String> redrive(String policy) {
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            JSON.readTree(policy).properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
            return fields;
        } catch (Exception e) {
            throw new AssertionError("not a redrive policy: " + policy, e);
        }
    }

    @Test
    void aFifoQueueDropsARepeatedDeduplicationIdOnElasticMqAsInTheEngine() throws Exception {
        Flow flow = new FlowBuilder()
                .source("src", "script", List.of(
                        new dev.pipewright.model.ScriptedMessage(Duration.ZERO, "m1", null, null,
                                Map.of("MessageGroupId", "g", "MessageDeduplicationId", "x"), null, null),
                        new dev.pipewright.model.ScriptedMessage(Duration.ofSeconds(1), "m2", null, null,
                                Map.of("MessageGroupId", "g", "MessageDeduplicationId", "x"), null, null)))
                .queue("dedup.fifo").wire("src", "dedup.fifo").build();
        Map<String, String> urls = create(requests(SqsQueues.write(flow, ARN_PREFIX)));
        try {
            String queue = urls.get("dedup.fifo");
            for (String body : List.of("m1", "m2")) {
                sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body).messageGroupId("g").messageDeduplicationId("x"));
            }
            List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            assertThat(received).extracting(Message::body).containsExactly("m1");
        } finally {
            delete(urls);
        }
        Simulation sim = start(on(Broker.SQS, flow));
        sim.runUntil(10);
        assertThat(sim.peek("dedup.fifo", 10)).extracting(m -> m.headers().get("id")).containsExactly("m1");
    }

    @Test
    void aVisibilityTimeoutShorterThanTheProcessingHandsTheMessageOutTwiceOnElasticMq() {
        String queue = sqs.createQueue(b -> b.queueName("slow").attributesWithStrings(Map.of("VisibilityTimeout", "1")))
                .queueUrl();
        try {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("job"));
            Message first = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(2)).messages().getFirst();
            // The first receiver is still at work when its visibility timeout ends: a second receive gets it.
            Message second = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5)).messages().getFirst();
            assertThat(second.messageId()).isEqualTo(first.messageId());
            assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
            // The first receiver's late delete, with its old receipt handle, deletes nothing (ElasticMQ
            // refuses the handle), so the message comes back once more: as the engine's late delete.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sqs.deleteMessage(b -> b.queueUrl(queue)
                    .receiptHandle(first.receiptHandle()))).isInstanceOf(ReceiptHandleIsInvalidException.class);
            List<Message> third = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5)).messages();
            assertThat(third).extracting(Message::messageId).containsExactly(first.messageId());
        } finally {
            sqs.deleteQueue(b -> b.queueUrl(queue));
        }
    }

    /** One poison message on a queue with a 1 s visibility timeout and maxReceiveCount 3. */
    private static Flow poisonFlow() {
        return new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("poison", "visibilityTimeout", Duration.ofSeconds(1), "deliveryLimit", 3)
                .dlq("poison-dlq")
                .consumer("c", "failureRate", 1.0, "processingTime", constant(10), "prefetch", 1)
                .wire("src", "poison").wire("poison", "c").wire("poison", Port.DEAD_LETTER, "poison-dlq").build();
    }

    @Test
    void aPoisonMessageWithMaxReceiveCountThreeIsRedrivenAfterThreeReceivesOnElasticMqAndInTheEngine()
            throws Exception {
        Flow flow = poisonFlow();
        Map<String, String> urls = create(requests(SqsQueues.write(flow, ARN_PREFIX)));
        try {
            String queue = urls.get("poison");
            String dlq = urls.get("poison-dlq");
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("poison"));
            // A consumer that never deletes: each receive is a failure. Long polls wait for the
            // message to be visible again; the redrive shows as the message arriving on the DLQ.
            int receives = 0;
            List<Message> dead = new ArrayList<>();
            for (int i = 0; i < MAX_RECEIVES && dead.isEmpty(); i++) {
                receives += sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(2).maxNumberOfMessages(10))
                        .messages().size();
                dead = sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(0)).messages();
            }
            assertThat(dead).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("poison"));
            assertThat(receives).isEqualTo(3);
            GetQueueAttributesResponse left = sqs.getQueueAttributes(b -> b.queueUrl(queue)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            assertThat(left.attributesAsStrings()).containsEntry("ApproximateNumberOfMessages", "0");
        } finally {
            delete(urls);
        }

        Simulation sim = start(on(Broker.SQS, flow));
        sim.runUntil(60);
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(3);
        assertThat(sim.snapshot().node("poison-dlq").ready()).isEqualTo(1);
        assertThat(sim.snapshot().node("poison").ready()).isZero();
    }
}
