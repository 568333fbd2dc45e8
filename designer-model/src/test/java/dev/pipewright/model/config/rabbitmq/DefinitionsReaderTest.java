// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipewright.model.Broker;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.Imported;
import dev.pipewright.model.io.FlowFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DefinitionsReaderTest {
    /** Written by {@code rabbitmqctl export_definitions} of RabbitMQ 3.10.8 (the user's password hash replaced). */
    private static final String EXPORT = "rabbitmq-3.10-export.json";

    private static String resource(String name) throws IOException {
        try (InputStream in = DefinitionsReaderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Imported only(String json) throws FlowFileException {
        List<Imported> all = RabbitDefinitions.read(json, "defs.json");
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private static Node node(Flow flow, String name) {
        return flow.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no node " + name + " in " + flow.nodes()));
    }

    private static QueueSettings queue(Flow flow, String name) {
        return (QueueSettings) node(flow, name);
    }

    private static Edge edge(Flow flow, String from, String to) {
        String f = node(flow, from).id();
        String t = node(flow, to).id();
        return flow.edges().stream().filter(e -> e.from().equals(f) && e.to().equals(t)).findFirst().orElseThrow(
                () -> new AssertionError("no edge " + from + " -> " + to + " in " + flow.edges()));
    }

    private static List<String> messages(Imported imported) {
        return imported.warnings().stream().map(Finding::message).toList();
    }

    private static String defs(String body) {
        return "{\"rabbit_version\":\"3.10.8\",\"vhosts\":[{\"name\":\"v\"}]," + body + "}";
    }

    private static FlowFileException refused(String text) {
        return catchThrowableOfType(FlowFileException.class, () -> RabbitDefinitions.read(text, "defs.json"));
    }

    @Test
    void aRealThreeTenExportBecomesOneFlowPerVirtualHost() throws Exception {
        List<Imported> all = RabbitDefinitions.read(resource(EXPORT), "exports/" + EXPORT);

        assertThat(all).extracting(Imported::scope).containsExactly("/", "pw-import-scratch");
        Flow root = all.getFirst().flow();
        assertThat(root.info().name()).as("'/' is named after the file").isEqualTo("rabbitmq-3.10-export");
        assertThat(root.nodes()).isEmpty();

        Imported scratch = all.get(1);
        Flow flow = scratch.flow();
        assertThat(flow.info().name()).isEqualTo("pw-import-scratch");
        assertThat(flow.info().description()).isEqualTo("Orders, as a broker exports them");
        assertThat(flow.info().broker()).isEqualTo(Broker.RABBITMQ);

        assertThat(((Topic) node(flow, "orders")).routing()).isEqualTo(Topic.Routing.TOPIC);
        assertThat(((Topic) node(flow, "audit")).routing()).isEqualTo(Topic.Routing.FANOUT);
        assertThat(((Topic) node(flow, "dlx")).routing()).isEqualTo(Topic.Routing.DIRECT);
        assertThat(((Topic) node(flow, "by-region")).routing()).isEqualTo(Topic.Routing.HEADERS);
        assertThat(((Topic) node(flow, "eu-orders")).durable()).isFalse();
        assertThat(((Topic) node(flow, "amq.topic")).routing()).as("named by a binding").isEqualTo(Topic.Routing.TOPIC);

        QueueSettings billing = queue(flow, "orders.billing");
        assertThat(billing).isInstanceOf(Queue.class);
        assertThat(billing.id()).isEqualTo("orders-billing");
        assertThat(billing.queueType()).isEqualTo(QueueType.QUORUM);
        assertThat(billing.deliveryLimit()).isEqualTo(5);
        assertThat(billing.maxLength()).isEqualTo(10_000);
        assertThat(billing.overflow()).isEqualTo(Overflow.REJECT_PUBLISH_DLX);
        assertThat(billing.messageTtl()).as("from policy orders-lazy").isEqualTo(Duration.ofMinutes(2));
        assertThat(edge(flow, "orders.billing", "dlx").fromPort()).isEqualTo(Port.DEAD_LETTER);
        assertThat(edge(flow, "orders.billing", "dlx").key()).isEqualTo("billing");
        assertThat(queue(flow, "billing.failed")).as("bound to a dead-letter exchange").isInstanceOf(DeadLetterQueue.class);

        QueueSettings shipping = queue(flow, "orders.shipping");
        assertThat(shipping.messageTtl()).as("the lower of argument and policy").isEqualTo(Duration.ofMinutes(1));
        assertThat(shipping.maxPriority()).isEqualTo(10);
        assertThat(shipping.maxLength()).isEqualTo(500);
        assertThat(queue(flow, "shipping.parked")).as("named through the default exchange")
                .isInstanceOf(DeadLetterQueue.class);
        assertThat(edge(flow, "orders.shipping", "shipping.parked").fromPort()).isEqualTo(Port.DEAD_LETTER);

        QueueSettings reports = queue(flow, "reports");
        assertThat(reports.maxLength()).as("from policy reports-limit").isEqualTo(2000);
        assertThat(reports.messageTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(edge(flow, "by-region", "reports").headers())
                .isEqualTo(Map.of("x-match", "all", "region", "eu", "kind", "report"));
        assertThat(edge(flow, "amq.topic", "reports").key()).isEqualTo("report.#");

        assertThat(queue(flow, "audit.log").queueType()).isEqualTo(QueueType.STREAM);
        assertThat(queue(flow, "eu.invoices").singleActiveConsumer()).isTrue();
        assertThat(edge(flow, "orders", "audit").key()).isEqualTo("#");
        assertThat(edge(flow, "orders", "eu-orders").key()).isEqualTo("order.eu.#");
        assertThat(edge(flow, "eu-orders", "eu.invoices").key()).isEqualTo("order.eu.created");
        assertThat(queue(flow, "payments.retry").messageTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(edge(flow, "payments.retry", "payments").key()).isEqualTo("pay");
        assertThat(edge(flow, "payments", "orders.billing").key()).isEqualTo("pay");
        assertThat(flow.edges()).hasSize(10 + 3);

        Set<Position> places = new HashSet<>();
        flow.nodes().forEach(n -> places.add(n.position()));
        assertThat(places).as("laid out, no two nodes on one spot").hasSize(flow.nodes().size());

        assertThat(messages(scratch)).anySatisfy(m -> assertThat(m).contains("'audit.log'").contains("x-max-age"))
                .anySatisfy(m -> assertThat(m).contains("'payments.retry'").contains("x-expires"))
                .anySatisfy(m -> assertThat(m).contains("'payments'").contains("alternate exchange 'unrouted'"))
                .anySatisfy(m -> assertThat(m).contains("'reports-limit'").contains("'max-length-bytes'"))
                .anySatisfy(m -> assertThat(m).contains("'orders-lazy'").contains("'queue-mode'"))
                .anySatisfy(m -> assertThat(m).contains("'orders-lazy' was applied to 'orders.billing' and"
                        + " 'orders.shipping'"))
                .anySatisfy(m -> assertThat(m).contains("the file's permissions and users are not part of a flow"));
        assertThat(scratch.warnings()).filteredOn(f -> f.message().contains("users"))
                .extracting(Finding::severity).containsExactly(Severity.INFO);
        assertThat(scratch.warnings()).filteredOn(f -> f.message().contains("x-max-age"))
                .extracting(Finding::nodeId).containsExactly("audit-log");
    }

    @Test
    void aQueueNamedThroughTheDefaultExchangeIsADeadLetterQueue() throws Exception {
        Flow flow = only(defs("""
                "queues":[
                  {"name":"work","vhost":"v","durable":true,"auto_delete":false,"arguments":{
                    "x-dead-letter-exchange":"","x-dead-letter-routing-key":"work.dlq"}},
                  {"name":"work.dlq","vhost":"v","durable":true,"auto_delete":false,"arguments":{}}]
                """)).flow();

        assertThat(queue(flow, "work")).isInstanceOf(Queue.class);
        assertThat(queue(flow, "work.dlq")).isInstanceOf(DeadLetterQueue.class);
        Edge dl = edge(flow, "work", "work.dlq");
        assertThat(dl.fromPort()).isEqualTo(Port.DEAD_LETTER);
        assertThat(dl.key()).isNull();
    }

    @Test
    void aRetryQueueThatDeadLettersInTurnStaysAQueue() throws Exception {
        Imported imported = only(defs("""
                "exchanges":[{"name":"retry","vhost":"v","type":"direct","durable":true,"auto_delete":false,"internal":false,"arguments":{}}],
                "queues":[
                  {"name":"work","vhost":"v","arguments":{"x-dead-letter-exchange":"retry"}},
                  {"name":"wait","vhost":"v","arguments":{"x-message-ttl":1000,
                    "x-dead-letter-exchange":"","x-dead-letter-routing-key":"work"}}],
                "bindings":[{"source":"retry","vhost":"v","destination":"wait","destination_type":"queue","routing_key":"work","arguments":{}}]
                """));
        Flow flow = imported.flow();

        assertThat(queue(flow, "wait")).isInstanceOf(Queue.class);
        assertThat(edge(flow, "wait", "work").fromPort()).isEqualTo(Port.DEAD_LETTER);
        assertThat(queue(flow, "work")).as("'wait' dead-letters to it, and it dead-letters in turn")
                .isInstanceOf(Queue.class);
        assertThat(messages(imported)).anySatisfy(m -> assertThat(m).contains("'wait' collects"));
    }

    @Test
    void exchangeTypesAFlowCannotRouteAsAreLeftOutWithTheirBindings() throws Exception {
        Imported imported = only(defs("""
                "exchanges":[
                  {"name":"hash","vhost":"v","type":"x-consistent-hash","durable":true,"auto_delete":false,"arguments":{}},
                  {"name":"later","vhost":"v","type":"x-delayed-message","durable":true,"auto_delete":true,"internal":true,
                   "arguments":{"x-delayed-type":"direct","x-shape":"round"}}],
                "queues":[{"name":"q","vhost":"v","arguments":{}}],
                "bindings":[
                  {"source":"hash","vhost":"v","destination":"q","destination_type":"queue","routing_key":"1","arguments":{}},
                  {"source":"later","vhost":"v","destination":"q","destination_type":"queue","routing_key":"k","arguments":{}},
                  {"source":"later","vhost":"v","destination":"nowhere","destination_type":"queue","routing_key":"k","arguments":{}},
                  {"source":"gone","vhost":"v","destination":"q","destination_type":"queue","routing_key":"k","arguments":{}}]
                """));
        Flow flow = imported.flow();

        assertThat(flow.nodes()).extracting(Node::name).containsExactly("later", "q");
        assertThat(((Topic) node(flow, "later")).routing()).isEqualTo(Topic.Routing.DIRECT);
        assertThat(flow.edges()).hasSize(1);
        assertThat(messages(imported))
                .anySatisfy(m -> assertThat(m).contains("'hash' is of type 'x-consistent-hash'").contains("left out"))
                .anySatisfy(m -> assertThat(m).contains("1 binding(s) of exchange 'hash'"))
                .anySatisfy(m -> assertThat(m).contains("'later' is a delayed-message exchange"))
                .anySatisfy(m -> assertThat(m).contains("'later' is internal"))
                .anySatisfy(m -> assertThat(m).contains("'later' is auto-delete"))
                .anySatisfy(m -> assertThat(m).contains("'x-shape'"))
                .anySatisfy(m -> assertThat(m).contains("to queue 'nowhere' was left out: there is no queue 'nowhere'"))
                .anySatisfy(m -> assertThat(m).contains("from exchange 'gone'").contains("there is no exchange 'gone'"));
    }

    @Test
    void theHighestPriorityPolicyAppliesAndTheQueuesOwnArgumentsWinOrTheLowerLimit() throws Exception {
        Imported imported = only(defs("""
                "policies":[
                  {"vhost":"v","name":"low","pattern":"^jobs","apply-to":"queues","priority":1,
                   "definition":{"max-length":5}},
                  {"vhost":"v","name":"high","pattern":"^jobs","apply-to":"queues","priority":7,
                   "definition":{"max-length":100,"message-ttl":9000,"overflow":"reject-publish","delivery-limit":3,
                     "dead-letter-exchange":"","dead-letter-routing-key":"jobs.dead","ha-mode":"all"}},
                  {"vhost":"v","name":"exchanges-only","pattern":".*","apply-to":"exchanges","priority":9,
                   "definition":{"max-length":1}}],
                "queues":[
                  {"name":"jobs","vhost":"v","arguments":{"x-queue-type":"quorum","x-max-length":50,
                    "x-message-ttl":20000,"x-overflow":"drop-head"}},
                  {"name":"jobs.dead","vhost":"v","arguments":{}},
                  {"name":"other","vhost":"v","arguments":{}}]
                """));
        Flow flow = imported.flow();
        QueueSettings jobs = queue(flow, "jobs");

        assertThat(jobs.maxLength()).as("the lower of 50 and 100").isEqualTo(50);
        assertThat(jobs.messageTtl()).as("the lower of 20 s and 9 s").isEqualTo(Duration.ofSeconds(9));
        assertThat(jobs.overflow()).as("its own argument").isEqualTo(Overflow.DROP_HEAD);
        assertThat(jobs.deliveryLimit()).isEqualTo(3);
        assertThat(edge(flow, "jobs", "jobs.dead").fromPort()).isEqualTo(Port.DEAD_LETTER);
        assertThat(queue(flow, "jobs.dead").maxLength()).as("'high' matches it too").isEqualTo(100);
        assertThat(queue(flow, "other").maxLength()).isNull();
        assertThat(messages(imported))
                .anySatisfy(m -> assertThat(m).contains("'high' was applied to 'jobs' and 'jobs.dead'"))
                .anySatisfy(m -> assertThat(m).contains("'high' sets 'ha-mode'"))
                .anySatisfy(m -> assertThat(m).contains("'low' applies to no queue"))
                .noneSatisfy(m -> assertThat(m).contains("'exchanges-only' was applied to 'jobs'"));
    }

    @Test
    void unknownArgumentsExclusiveQueuesAndOddValuesAreWarnedAboutByName() throws Exception {
        Imported imported = only(defs("""
                "exchanges":[{"name":"h","vhost":"v","type":"headers","durable":true,"arguments":{}},
                             {"name":"t","vhost":"v","type":"topic","durable":true,"arguments":{}}],
                "queues":[{"name":"odd","vhost":"v","durable":false,"exclusive":true,"auto_delete":true,"arguments":{
                  "x-queue-mode":"lazy","x-max-length-bytes":1000,"x-message-ttl":0,"x-max-length":200000000,
                  "x-delivery-limit":4,"x-queue-type":"x-future"}}],
                "bindings":[
                  {"source":"h","vhost":"v","destination":"odd","destination_type":"queue","routing_key":"",
                   "arguments":{"x-match":"any","n":5,"list":[1]}},
                  {"source":"t","vhost":"v","destination":"odd","destination_type":"queue","routing_key":"a.*",
                   "arguments":{"x-match":"any"}}]
                """));
        Flow flow = imported.flow();
        QueueSettings odd = queue(flow, "odd");

        assertThat(odd.durable()).isFalse();
        assertThat(odd.messageTtl()).isNull();
        assertThat(odd.maxLength()).isNull();
        assertThat(odd.queueType()).isEqualTo(QueueType.CLASSIC);
        assertThat(edge(flow, "h", "odd").headers()).isEqualTo(Map.of("x-match", "any", "n", "5"));
        assertThat(edge(flow, "t", "odd").headers()).isEmpty();
        assertThat(messages(imported))
                .anySatisfy(m -> assertThat(m).contains("'x-queue-mode' = 'lazy'").contains("'x-max-length-bytes' = 1000"))
                .anySatisfy(m -> assertThat(m).contains("message TTL of 0"))
                .anySatisfy(m -> assertThat(m).contains("200000000 messages"))
                .anySatisfy(m -> assertThat(m).contains("'odd' is exclusive"))
                .anySatisfy(m -> assertThat(m).contains("'odd' is auto-delete"))
                .anySatisfy(m -> assertThat(m).contains("type 'x-future'"))
                .anySatisfy(m -> assertThat(m).contains("ignores its delivery limit"))
                .anySatisfy(m -> assertThat(m).contains("'n' against a number"))
                .anySatisfy(m -> assertThat(m).contains("'list' against a list"))
                .anySatisfy(m -> assertThat(m).contains("a topic exchange ignores"));
    }

    @Test
    void shovelsFederationAndOtherParametersAreNamed() throws Exception {
        Imported imported = only(defs("""
                "users":[{"name":"u","password_hash":"x","tags":[]}],
                "parameters":[
                  {"vhost":"v","component":"shovel","name":"to-dc2","value":{"src-uri":"amqp://"}},
                  {"vhost":"v","component":"federation-upstream","name":"dc1","value":{"uri":"amqp://"}},
                  {"vhost":"v","component":"vhost-limits","name":"limits","value":{}}]
                """));

        assertThat(imported.warnings()).filteredOn(f -> f.severity() == Severity.WARNING).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).startsWith("shovel 'to-dc2'"))
                .anySatisfy(m -> assertThat(m).startsWith("federation upstream 'dc1'"));
        assertThat(imported.warnings()).filteredOn(f -> f.severity() == Severity.INFO).extracting(Finding::message)
                .containsExactly("the file's users and runtime parameters (other than shovels and federation) are"
                        + " not part of a flow and were not read");
    }

    @Test
    void nodeIdsComeFromNamesAndStayUnique() throws Exception {
        Flow flow = only(defs("""
                "exchanges":[{"name":"Orders","vhost":"v","type":"fanout","arguments":{}}],
                "queues":[{"name":"orders","vhost":"v"},{"name":"ORDERS!","vhost":"v"},{"name":"***","vhost":"v"},
                          {"name":"\\u00e9t\\u00e9","vhost":"v"}]
                """)).flow();

        assertThat(flow.nodes()).extracting(Node::id).containsExactly("orders", "orders-2", "orders-3", "queue", "t");
        assertThat(flow.nodes()).extracting(Node::name).containsExactly("Orders", "orders", "ORDERS!", "***", "été");
    }

    @Test
    void eachVirtualHostIsItsOwnFlowAndEntitiesWithoutOneGoToTheDefault() throws Exception {
        List<Imported> all = RabbitDefinitions.read("""
                {"vhosts":[{"name":"a","metadata":{"description":"A's","tags":[]}},{"name":"b"}],
                 "queues":[{"name":"qa","vhost":"a"},{"name":"qb","vhost":"b"},{"name":"qc","vhost":"c"}]}
                """, "/tmp/two.json");

        assertThat(all).extracting(Imported::scope).containsExactly("a", "b", "c");
        assertThat(all.getFirst().flow().info().description()).isEqualTo("A's");
        assertThat(all.get(2).flow().nodes()).extracting(Node::name).containsExactly("qc");

        List<Imported> perVhost = RabbitDefinitions.read("{\"rabbit_version\":\"3.10.8\",\"queues\":[{\"name\":\"q\"}]}",
                "C:\\exports\\orders.JSON");
        assertThat(perVhost.getFirst().scope()).isEqualTo("/");
        assertThat(perVhost.getFirst().flow().info().name()).isEqualTo("orders");
    }

    // ---- refusals: one sentence naming the file, line and column

    @Test
    void textThatIsNotDefinitionsIsRefusedInOneSentenceWithItsPlace() {
        assertThat(refused("[1, 2]").getMessage()).isEqualTo("defs.json:1:1: this is not RabbitMQ definitions: it is"
                + " an array, and definitions are one object with 'exchanges', 'queues' and 'bindings'");
        assertThat(refused("{\"format\":\"pipewright-flow\",\"version\":1,\"nodes\":[],\"edges\":[]}").getMessage())
                .startsWith("defs.json:1:1: this is a Pipewright flow file, not RabbitMQ definitions");
        assertThat(refused("{\"name\":\"x\"}").getMessage()).contains("it has none of 'rabbit_version'");
        assertThat(refused("{\"queues\":[{\"name\":\"q\",\n  \"durable\":\"yes\"}]}").getMessage())
                .isEqualTo("defs.json:2:13: 'durable' of queue 'q' must be true or false, not text");
        assertThat(refused("{\"queues\":{}}").getMessage()).startsWith("defs.json:1:11: 'queues' must be a list");
        assertThat(refused("{\"queues\":[{\"name\":\"q\",\"arguments\":{\"x-max-length\":\"10\"}}]}").getMessage())
                .isEqualTo("defs.json:1:52: 'x-max-length' of queue 'q' must be a whole number, not text"
                        + " (RabbitMQ refuses text here too)");
        assertThat(refused("{\"queues\":[{\"name\":\"q\",\"arguments\":{\"x-overflow\":\"drop\"}}]}").getMessage())
                .contains("must be \"drop-head\", \"reject-publish\" or \"reject-publish-dlx\"");
        assertThat(refused("{\"bindings\":[{\"source\":\"e\",\"destination\":\"q\",\"destination_type\":\"table\"}]}")
                .getMessage()).contains("'destination_type' of binding 1 must be \"queue\" or \"exchange\"");
        assertThat(refused("{\"queues\":[{\"durable\":true}]}").getMessage()).isEqualTo("defs.json:1:12: each queue"
                + " has no 'name'; every one needs it");
        assertThat(refused("{\"queues\":[{\"name\":\"" + "q".repeat(300) + "\"}]}").getMessage())
                .contains("is 300 bytes long; RabbitMQ takes at most 255");
    }

    @Test
    void malformedTruncatedOrEmptyJsonIsRefusedWithItsPlace() {
        assertThat(refused("{\"queues\":[{\"name\":\"q\",").getMessage())
                .startsWith("defs.json:1:").endsWith("the file ends in the middle of the JSON: it is incomplete"
                        + " (was it cut off?)");
        assertThat(refused("{\"queues\":[\n  {name:\"q\"}]}").getMessage()).startsWith("defs.json:2:").contains(
                "this is not valid JSON");
        assertThat(refused("{\"queues\":[]} {}").getMessage())
                .isEqualTo("defs.json:1:15: there is more text after the end of the JSON object; a RabbitMQ"
                        + " definitions file holds exactly one object");
        assertThat(refused("  ").getMessage()).isEqualTo("defs.json: the file is empty: a RabbitMQ definitions file"
                + " is a JSON object");
        assertThat(refused("{\"queues\":[],\"queues\":[]}").getMessage()).contains("appears twice");
        assertThat(refused("\u0000\u0001").getMessage()).contains("binary data");
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        String deep = "{\"queues\":[{\"name\":\"q\",\"arguments\":{\"x\":" + "[".repeat(100_000)
                + "]".repeat(100_000) + "}}]}";

        assertThat(refused(deep).getMessage()).isEqualTo("defs.json: the file is too large, too deeply nested or has"
                + " too long a value to be a RabbitMQ definitions file");
    }

    @Test
    void moreThanSixteenMebibytesIsRefusedUnread() {
        String big = "{\"queues\":[" + " ".repeat(RabbitDefinitions.MAX_BYTES) + "]}";

        assertThat(refused(big).getMessage()).isEqualTo("defs.json: the file is too large to be a RabbitMQ"
                + " definitions file (over 16 MiB); export one virtual host at a time");
        String wide = "{\"queues\":[{\"name\":\"" + "\u00e9".repeat(RabbitDefinitions.MAX_BYTES / 2 + 1) + "\"}]}";
        assertThat(refused(wide).getMessage()).as("counted in UTF-8 bytes").contains("over 16 MiB");
    }

    // ---- the worst case a stranger's file can be

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void tenThousandQueuesAgainstAHostilePolicyPatternImportInLinearTime() throws Exception {
        StringBuilder sb = new StringBuilder("{\"rabbit_version\":\"3.10.8\",\"policies\":[");
        sb.append("{\"vhost\":\"/\",\"name\":\"evil\",\"pattern\":\"(a+)+$\",\"apply-to\":\"queues\",\"priority\":2,")
                .append("\"definition\":{\"max-length\":7}},");
        sb.append("{\"vhost\":\"/\",\"name\":\"huge\",\"pattern\":\"((a{1000}){1000}){1000}\",\"apply-to\":\"all\",")
                .append("\"priority\":3,\"definition\":{\"max-length\":1}},");
        // java.util.regex of Java 25 takes over 6 s for this one against a single 31-character name.
        sb.append("{\"vhost\":\"/\",\"name\":\"poly\",\"pattern\":\"(.*a){12}$\",\"priority\":1,")
                .append("\"definition\":{\"max-length\":8}},");
        sb.append("{\"vhost\":\"/\",\"name\":\"perl\",\"pattern\":\"(?=a)\\\\1\",\"priority\":4,\"definition\":{}}");
        sb.append("],\"exchanges\":[{\"name\":\"fan\",\"type\":\"fanout\"}],\"queues\":[");
        String name = "a".repeat(250);
        for (int i = 0; i < 9_999; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"name\":\"").append(name).append("!").append(i).append("\"}");
        }
        sb.append("],\"bindings\":[");
        for (int i = 0; i < 9_999; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"source\":\"fan\",\"destination\":\"").append(name).append("!")
                    .append(i).append("\",\"destination_type\":\"queue\",\"routing_key\":\"\"}");
        }
        sb.append("]}");
        long start = System.nanoTime();

        Imported imported = only(sb.toString());

        long millis = (System.nanoTime() - start) / 1_000_000;
        Flow flow = imported.flow();
        assertThat(flow.nodes()).hasSize(10_000);
        assertThat(flow.edges()).hasSize(9_999);
        assertThat(flow.nodes()).filteredOn(n -> n instanceof Queue q && q.maxLength() != null).isEmpty();
        assertThat(messages(imported))
                .anySatisfy(m -> assertThat(m).contains("'huge' was not applied").contains("repeats too much"))
                .anySatisfy(m -> assertThat(m).contains("'perl' was not applied").contains("RE2 cannot run it"))
                .anySatisfy(m -> assertThat(m).contains("'evil' applies to no queue"))
                .anySatisfy(m -> assertThat(m).contains("'poly' applies to no queue"));
        System.out.println("10,000 nodes, 9,999 bindings, hostile policy: imported in " + millis + " ms");
    }

    @Test
    void aVirtualHostWithMoreNodesThanAFlowHoldsIsRefused() {
        StringBuilder sb = new StringBuilder("{\"queues\":[");
        for (int i = 0; i <= 10_000; i++) {
            sb.append(i == 0 ? "" : ",\n").append("{\"name\":\"q").append(i).append("\"}");
        }
        sb.append("]}");

        FlowFileException e = refused(sb.toString());

        assertThat(e.getMessage()).isEqualTo("defs.json:10001:1: virtual host '/' has 10001 exchanges and queues; a"
                + " flow holds at most 10000 nodes: import a smaller part of it");
    }

    @Test
    void manyPoliciesAreCappedAndSaySo() throws Exception {
        StringBuilder sb = new StringBuilder("{\"queues\":[{\"name\":\"q\"}],\"policies\":[");
        for (int i = 0; i < 150; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"name\":\"p").append(i).append("\",\"pattern\":\"^x\",")
                    .append("\"priority\":").append(i).append(",\"definition\":{}}");
        }
        sb.append("]}");

        Imported imported = only(sb.toString());

        assertThat(messages(imported)).anySatisfy(m -> assertThat(m).isEqualTo("virtual host '/' has 150 policies;"
                + " the 50 of the lowest priority (from 'p49') were not applied"));
    }
}
