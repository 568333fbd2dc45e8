// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code pipewright deploy --sqs}: against an ElasticMQ at a URL (started in-process here, read
 * back with the AWS SDK's client), what it refuses in words, and an endpoint that is down.
 */
class SqsDeployTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static SQSRestServer server;
    private static SqsClient sqs;
    private static String endpoint;

    @TempDir
    Path dir;

    @BeforeAll
    static void startElasticMq() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
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

    /** 50 messages into "orders" (maxReceiveCount 5 to "orders-dlq"), read by two instances of 5 ms each. */
    private static Flow orders(String queue) {
        Node source = Source.of("src", "src", Position.ORIGIN).with("rate", 100.0)
                .with("arrival", Source.Arrival.CONSTANT).with("messageLimit", 50L).with("confirms", true);
        Node q = Queue.of("orders", queue, Position.ORIGIN).with("deliveryLimit", 5)
                .with("visibilityTimeout", Duration.ofSeconds(7));
        Node consumer = Consumer.of("workers", "workers", Position.ORIGIN).with("instances", 2).with("prefetch", 10)
                .with("processingTime", Distribution.constant(Duration.ofMillis(5)));
        return new Flow(new FlowInfo("Orders", "", Broker.SQS), List.of(source, q,
                DeadLetterQueue.of("dlq", queue + "-dlq", Position.ORIGIN), consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "orders"), Edge.of("e2", "orders", Port.OUT, "workers"),
                Edge.of("e3", "orders", Port.DEAD_LETTER, "dlq")));
    }

    private static List<String> queues() {
        return sqs.listQueues().queueUrls().stream().map(u -> u.substring(u.lastIndexOf('/') + 1)).sorted().toList();
    }

    @Test
    void aFlowRunsOnElasticMqAtAUrlAndKeepsItsQueuesWithTheirRedrivePolicy() throws Exception {
        Path flow = TestFlows.write(dir, "orders.flow.json", orders("kept"));
        CliRun live = CliRun.of("deploy", flow.toString(), "--sqs", endpoint, "--run", "60s", "--report", "json");
        assertThat(live.exitCode()).as(live.err()).isZero();
        JsonNode report = MAPPER.readTree(live.out());
        assertThat(node(report, "orders").path("in").asLong()).isEqualTo(50);
        assertThat(node(report, "workers").path("out").asLong()).isEqualTo(50);
        assertThat(report.path("conservation").path("completed").asLong()).isEqualTo(50);
        assertThat(report.path("conservation").path("holds").asBoolean()).isTrue();
        assertThat(queues()).contains("kept", "kept-dlq");
        String url = sqs.getQueueUrl(b -> b.queueName("kept")).queueUrl();
        Map<String, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
        assertThat(attributes).containsEntry("VisibilityTimeout", "7").containsEntry("ApproximateNumberOfMessages", "0");
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(sqs.getQueueUrl(q -> q.queueName("kept-dlq")).queueUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributesAsStrings().get("QueueArn");
        JsonNode policy = MAPPER.readTree(attributes.get("RedrivePolicy"));
        assertThat(policy.path("deadLetterTargetArn").asText()).isEqualTo(dlqArn);
        assertThat(policy.path("maxReceiveCount").asInt()).isEqualTo(5);
    }

    @Test
    void teardownDeletesTheQueues() throws Exception {
        Path flow = TestFlows.write(dir, "orders.flow.json", orders("gone"));
        CliRun live = CliRun.of("deploy", flow.toString(), "--sqs", endpoint, "--run", "60s", "--teardown");
        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(live.out()).contains("orders");
        assertThat(queues()).doesNotContain("gone", "gone-dlq");
    }

    @Test
    void aTopicIsRefusedInWordsBeforeAnythingIsCreated() throws Exception {
        Node source = Source.of("src", "src", Position.ORIGIN).with("rate", 10.0);
        Flow withTopic = new Flow(new FlowInfo("Fanout", "", Broker.SQS), List.of(source,
                Topic.of("events", "events", Position.ORIGIN), Queue.of("q", "fanned", Position.ORIGIN)),
                List.of(Edge.of("e1", "src", Port.OUT, "events"), Edge.of("e2", "events", Port.OUT, "q")));
        Path flow = TestFlows.write(dir, "fanout.flow.json", withTopic);
        CliRun live = CliRun.of("deploy", flow.toString(), "--sqs", endpoint);
        assertThat(live.exitCode()).isEqualTo(1);
        assertThat(live.err()).contains("topic 'events': Amazon SQS has no topics").contains("SNS");
        assertThat(queues()).doesNotContain("fanned");
    }

    @Test
    void anEndpointThatIsDownIsNamedInOneSentence() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path flow = TestFlows.write(dir, "orders.flow.json", orders("nowhere"));
        CliRun live = CliRun.of("deploy", flow.toString(), "--sqs", "http://127.0.0.1:" + port);
        assertThat(live.exitCode()).isEqualTo(2);
        assertThat(live.err().strip()).isEqualTo("Amazon SQS at http://127.0.0.1:" + port
                + " refused the connection while creating the queues: is it running there?");
    }

    @Test
    void aUrlWithALoginOrAQueuePathIsRefused() throws Exception {
        Path flow = TestFlows.write(dir, "orders.flow.json", orders("refused"));
        CliRun login = CliRun.of("deploy", flow.toString(), "--sqs", "http://key:secret@127.0.0.1:9324");
        assertThat(login.exitCode()).isEqualTo(2);
        assertThat(login.err()).contains("AWS_ACCESS_KEY_ID").doesNotContain("secret");
        CliRun path = CliRun.of("deploy", flow.toString(), "--sqs", "http://127.0.0.1:9324/000000000000/orders");
        assertThat(path.exitCode()).isEqualTo(2);
        assertThat(path.err()).contains("without a queue's path");
    }
}
