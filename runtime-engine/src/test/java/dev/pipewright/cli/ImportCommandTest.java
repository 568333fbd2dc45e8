// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipewright.model.Broker;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Topic;
import dev.pipewright.model.io.FlowFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
    /** Written by {@code rabbitmqctl export_definitions} of RabbitMQ 3.10.8; the designer-model tests use it too. */
    private static final Path REAL_EXPORT = Path.of(
            "../designer-model/src/test/resources/dev/pipewright/model/config/rabbitmq/rabbitmq-3.10-export.json");
    private static final String MANAGEMENT = "http://127.0.0.1:15672";

    private static final String TWO_VHOSTS = """
            {"rabbit_version":"3.10.8","rabbitmq_version":"3.10.8","product_name":"RabbitMQ",
             "product_version":"3.10.8","users":[],
             "vhosts":[{"name":"orders","metadata":{"description":"Orders","tags":[]}},
                       {"name":"billing","metadata":{"description":"Billing","tags":[]}}],
             "permissions":[],"topic_permissions":[],"parameters":[],"global_parameters":[],"policies":[],
             "queues":[
               {"name":"orders.new","vhost":"orders","durable":true,"auto_delete":false,
                "arguments":{"x-queue-type":"quorum","x-delivery-limit":3,"x-expires":60000}},
               {"name":"invoices","vhost":"billing","durable":true,"auto_delete":false,
                "arguments":{"x-queue-type":"classic"}}],
             "exchanges":[
               {"name":"orders","vhost":"orders","type":"topic","durable":true,"auto_delete":false,"internal":false,
                "arguments":{}}],
             "bindings":[
               {"source":"orders","vhost":"orders","destination":"orders.new","destination_type":"queue",
                "routing_key":"order.created","arguments":{}}]}
            """;

    @TempDir
    Path dir;

    @AfterEach
    void noPassword() {
        ImportCommand.passwordForTests = null;
    }

    private Path twoVhosts() throws IOException {
        Path file = dir.resolve("defs.json");
        Files.writeString(file, TWO_VHOSTS);
        return file;
    }

    private static Node node(Flow flow, String name) {
        return flow.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private static void assertChecksClean(Path flowFile) {
        CliRun check = CliRun.of("check", flowFile.toString());
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).doesNotContain(": error:");
    }

    @Test
    void twoVirtualHostsWithoutVhostAreRefusedInOneSentence() throws IOException {
        Path file = twoVhosts();

        CliRun run = CliRun.of("import", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(file + ": it holds 2 virtual hosts (orders, billing); choose one with --vhost"
                + " NAME, or give -o an existing folder for one flow each" + System.lineSeparator());
    }

    @Test
    void aFolderGetsOneFlowPerVirtualHostThatReadsBackAndChecksClean() throws Exception {
        Path file = twoVhosts();
        Path folder = Files.createDirectory(dir.resolve("flows"));

        CliRun run = CliRun.of("import", file.toString(), "-o", folder.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path orders = folder.resolve("orders.flow.json");
        Path billing = folder.resolve("billing.flow.json");
        assertThat(run.out().lines()).containsExactly(orders.toString(), billing.toString());
        assertThat(run.err()).contains(file + ": warning: orders-new: queue 'orders.new' has argument(s)"
                + " 'x-expires' = 60000 that a flow has no setting for; left out");
        Flow flow = FlowFiles.read(orders);
        assertThat(flow.info().broker()).isEqualTo(Broker.RABBITMQ);
        assertThat(((Topic) node(flow, "orders")).routing()).isEqualTo(Topic.Routing.TOPIC);
        Queue q = (Queue) node(flow, "orders.new");
        assertThat(q.queueType()).isEqualTo(QueueType.QUORUM);
        assertThat(q.deliveryLimit()).isEqualTo(3);
        assertThat(flow.edges()).singleElement().satisfies(e -> assertThat(e.key()).isEqualTo("order.created"));
        assertThat(FlowFiles.read(billing).nodes()).extracting(Node::name).containsExactly("invoices");
        assertChecksClean(orders);
        assertChecksClean(billing);
    }

    @Test
    void vhostPicksOneVirtualHost() throws Exception {
        Path file = twoVhosts();
        Path out = dir.resolve("billing.flow.json");

        CliRun run = CliRun.of("import", file.toString(), "--vhost", "billing", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(FlowFiles.read(out).info().name()).isEqualTo("billing");
        CliRun missing = CliRun.of("import", file.toString(), "--vhost", "shipping");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo(file + ": there is no virtual host 'shipping' in it; leave out --vhost to"
                + " see those there are" + System.lineSeparator());
    }

    @Test
    void aRealExportImportsWithItsWarningsAndChecksClean() throws Exception {
        Path out = dir.resolve("scratch.flow.json");

        CliRun run = CliRun.of("import", REAL_EXPORT.toString(), "--vhost", "pw-import-scratch", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines()).allSatisfy(l -> assertThat(l).startsWith(REAL_EXPORT + ": "))
                .anySatisfy(l -> assertThat(l).contains(": info: flow: the file's permissions and users are not part"
                        + " of a flow"))
                .anySatisfy(l -> assertThat(l).contains(": warning: audit-log: queue 'audit.log' has argument(s)"
                        + " 'x-max-age' = '7D'"));
        Flow flow = FlowFiles.read(out);
        assertThat(node(flow, "billing.failed")).isInstanceOf(DeadLetterQueue.class);
        assertThat(flow.nodes()).hasSize(15);
        assertThat(run.err()).contains(": warning: audit-log: queue 'audit.log' is a stream");
        CliRun check = CliRun.of("check", out.toString());
        assertThat(check.out().lines().filter(l -> l.contains(": error: "))).as("only the stream, as warned")
                .singleElement().satisfies(l -> assertThat(l).contains("audit-log: queue 'audit.log' is a stream"));
    }

    @Test
    void aFileThatIsNotDefinitionsIsOneSentence() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"queues\":[{\"name\":\"q\",\"durable\":\"yes\"}]}");

        CliRun run = CliRun.of("import", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(file + ":1:34: 'durable' of queue 'q' must be true or false, not text"
                + System.lineSeparator());
    }

    // ---- a running broker, through its management API

    private static HttpResponse<String> management(String method, String path, String body) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(MANAGEMENT + "/api/" + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && !method.equals("DELETE")) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response;
        }
    }

    /** Skips the test when no management API answers, unless PIPEWRIGHT_REQUIRE_BROKERS=1 (then it fails). */
    private static void requireBroker() {
        try {
            management("GET", "overview", null);
        } catch (Exception e) {
            String why = "no RabbitMQ management API at " + MANAGEMENT + " (" + e.getMessage()
                    + "); start one with `rabbitmq-server -detached` and `rabbitmq-plugins enable rabbitmq_management`";
            if ("1".equals(System.getenv("PIPEWRIGHT_REQUIRE_BROKERS"))) {
                fail(why + "; PIPEWRIGHT_REQUIRE_BROKERS=1 makes this a failure");
            }
            assumeTrue(false, why + "; skipped");
        }
    }

    @Test
    void fromBrokerReadsAScratchVirtualHostsDefinitions() throws Exception {
        requireBroker();
        String vhost = "pw-import-cli-" + UUID.randomUUID().toString().substring(0, 8);
        String v = URLEncoder.encode(vhost, StandardCharsets.UTF_8);
        management("PUT", "vhosts/" + v, "{\"description\":\"scratch for ImportCommandTest\",\"tags\":\"\"}");
        try {
            management("PUT", "permissions/" + v + "/guest", "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
            management("PUT", "exchanges/" + v + "/events", "{\"type\":\"fanout\",\"durable\":true}");
            management("PUT", "queues/" + v + "/events.audit", "{\"durable\":true,\"arguments\":{"
                    + "\"x-queue-type\":\"quorum\",\"x-dead-letter-exchange\":\"\","
                    + "\"x-dead-letter-routing-key\":\"events.parked\"}}");
            management("PUT", "queues/" + v + "/events.parked", "{\"durable\":true,\"arguments\":{}}");
            management("POST", "bindings/" + v + "/e/events/q/events.audit", "{\"routing_key\":\"\"}");
            ImportCommand.passwordForTests = "guest";
            Path out = dir.resolve("broker.flow.json");

            CliRun run = CliRun.of("import", "--from-broker", MANAGEMENT, "--vhost", vhost, "-o", out.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            Flow flow = FlowFiles.read(out);
            assertThat(flow.info().name()).isEqualTo(vhost);
            assertThat(flow.info().description()).as("GET /api/definitions of 3.10 lists vhosts by name only").isEmpty();
            assertThat(((Topic) node(flow, "events")).routing()).isEqualTo(Topic.Routing.FANOUT);
            assertThat(((Queue) node(flow, "events.audit")).queueType()).isEqualTo(QueueType.QUORUM);
            assertThat(node(flow, "events.parked")).isInstanceOf(DeadLetterQueue.class);
            assertThat(flow.edges()).anySatisfy(e -> assertThat(e.fromPort()).isEqualTo(Port.DEAD_LETTER));
            assertThat(flow.edges()).hasSize(2);
            assertChecksClean(out);
        } finally {
            management("DELETE", "vhosts/" + v, null);
        }
    }

    @Test
    void aWrongPasswordIsOneSentenceNamingTheAddress() {
        requireBroker();
        ImportCommand.passwordForTests = "not-the-password";

        CliRun run = CliRun.of("import", "--from-broker", MANAGEMENT);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("RabbitMQ at " + MANAGEMENT + " refused the login of user 'guest'; check the"
                + " user name and password" + System.lineSeparator());
    }

    @Test
    void nothingListeningIsOneSentenceNamingTheAddress() {
        ImportCommand.passwordForTests = "guest";

        CliRun run = CliRun.of("import", "--from-broker", "http://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("nothing answers at http://127.0.0.1:1; is RabbitMQ running there with its"
                + " management plugin enabled?" + System.lineSeparator());
    }
}
