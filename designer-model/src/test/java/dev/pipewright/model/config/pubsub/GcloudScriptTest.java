// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipewright.model.Broker;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.Exported;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pub/Sub export's script. No Pub/Sub emulator runs here (it comes with gcloud, not from Maven
 * Central, and google-cloud-pubsub ships no in-process fake), so the script is checked as text and
 * run by the real shell against a stand-in {@code gcloud} that writes down the words it was given:
 * that proves what gcloud would receive, hostile names included.
 */
class GcloudScriptTest {
    @TempDir
    Path dir;

    private static Flow flow(String name, List<Node> nodes, List<Edge> edges) {
        return new Flow(new FlowInfo(name, "", Broker.PUBSUB), nodes, edges);
    }

    /** Topic "orders" with an ordered, retried subscription "billing" that dead-letters to "billing-dead". */
    private static Flow ordering() {
        Topic t = new Topic("t", "orders", Position.ORIGIN, Topic.Routing.FANOUT, true);
        Queue billing = (Queue) Queue.of("b", "billing", Position.ORIGIN).with("fifo", true)
                .with("visibilityTimeout", Duration.ofSeconds(30)).with("deliveryLimit", 5)
                .with("redeliveryDelay", Duration.ofSeconds(10)).with("redeliveryMultiplier", 2.0)
                .with("maxRedeliveryDelay", Duration.ofSeconds(300)).with("messageTtl", Duration.ofDays(1));
        DeadLetterQueue dead = DeadLetterQueue.of("d", "billing-dead", Position.ORIGIN);
        return flow("Orders", List.of(t, billing, dead),
                List.of(Edge.of("e1", "t", Port.OUT, "b"), Edge.of("e2", "b", Port.DEAD_LETTER, "d")));
    }

    @Test
    void topicsComeFirstAndEachSubscriptionSaysItsPolicies() {
        Exported e = GcloudScript.write(ordering());
        assertThat(e.text()).startsWith("#!/bin/sh\n# Google Cloud Pub/Sub topics and subscriptions for the flow 'Orders',")
                .contains("set -eu\n"
                        + "gcloud pubsub topics create 'orders'\n"
                        + "gcloud pubsub topics create 'billing-dead'\n"
                        + "gcloud pubsub subscriptions create 'billing' \\\n"
                        + "    --topic='orders' \\\n"
                        + "    --ack-deadline=30 \\\n"
                        + "    --message-retention-duration=86400s \\\n"
                        + "    --dead-letter-topic='billing-dead' \\\n"
                        + "    --max-delivery-attempts=5 \\\n"
                        + "    --min-retry-delay=10s \\\n"
                        + "    --max-retry-delay=300s \\\n"
                        + "    --enable-message-ordering\n"
                        + "gcloud pubsub subscriptions create 'billing-dead' \\\n"
                        + "    --topic='billing-dead' \\\n"
                        + "    --ack-deadline=10\n");
        assertThat(e.warnings()).extracting(Finding::severity).containsOnly(Severity.INFO);
    }

    @Test
    void valuesOutsidePubSubsRangesAreBroughtInWithAWarning() {
        Queue q = (Queue) Queue.of("q", "work", Position.ORIGIN).with("visibilityTimeout", Duration.ofMillis(1500))
                .with("deliveryLimit", 200).with("messageTtl", Duration.ofDays(40))
                .with("redeliveryDelay", Duration.ofSeconds(900)).with("redeliveryMultiplier", 2.0);
        DeadLetterQueue dead = DeadLetterQueue.of("d", "work-dead", Position.ORIGIN);
        Exported e = GcloudScript.write(flow("f", List.of(q, dead), List.of(Edge.of("e", "q", Port.DEAD_LETTER, "d"))));
        assertThat(e.text()).contains("--ack-deadline=10 ", "--max-delivery-attempts=100 ",
                "--message-retention-duration=2678400s ", "--min-retry-delay=600s ", "--max-retry-delay=600s");
        assertThat(e.warnings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("ack deadline (visibility timeout) of 1.5s, but Pub/Sub accepts"
                        + " 10s to 600s: the export brings it into that range"))
                .anySatisfy(m -> assertThat(m).contains("message retention is 10 minutes to 31 days"))
                .anySatisfy(m -> assertThat(m).contains("retry back-off is 0s to 600s: the export brings it into that range"))
                .anySatisfy(m -> assertThat(m).contains("maxDeliveryAttempts is 5 to 100"));
    }

    @Test
    void aValueInRangeButNotWholeSecondsIsRoundedUpWithAWarning() {
        Queue q = (Queue) Queue.of("q", "work", Position.ORIGIN).with("visibilityTimeout", Duration.ofMillis(12_500));
        Exported e = GcloudScript.write(flow("f", List.of(q), List.of()));
        assertThat(e.text()).contains("--ack-deadline=13\n");
        assertThat(e.warnings()).extracting(Finding::message).singleElement()
                .satisfies(m -> assertThat(m).contains("ack deadline of 12.5s, which Pub/Sub cannot take: the export writes 13s"));
    }

    @Test
    void anExactlyOnceSubscriptionSaysSoAndOthersDoNot() {
        Queue once = (Queue) Queue.of("q", "payments", Position.ORIGIN).with("exactlyOnce", true);
        Queue plain = Queue.of("p", "audit", Position.ORIGIN);
        Exported e = GcloudScript.write(flow("f", List.of(once, plain), List.of()));
        assertThat(e.text()).contains("subscriptions create 'payments' \\\n    --topic='payments' \\\n"
                + "    --ack-deadline=10 \\\n    --enable-exactly-once-delivery\n");
        assertThat(e.text().split("--enable-exactly-once-delivery", -1)).hasSize(2);
    }

    @Test
    void aPushSubscriptionNamesItsEndpointAndLeavesExactlyOnceOutWithAWarning() {
        Queue push = (Queue) Queue.of("q", "orders-hook", Position.ORIGIN)
                .with("pushEndpoint", "https://hooks.example.com/orders?token='x'").with("exactlyOnce", true);
        Exported e = GcloudScript.write(flow("f", List.of(push), List.of()));
        assertThat(e.text()).contains("    --ack-deadline=10 \\\n"
                + "    --push-endpoint='https://hooks.example.com/orders?token='\\''x'\\'''\n")
                .doesNotContain("--enable-exactly-once-delivery");
        assertThat(e.warnings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("exactly-once only to pull subscriptions"));
    }

    @Test
    void aDeadLetterQueueWithoutALimitGetsPubSubsFiveAttemptsWithAWarning() {
        Queue q = Queue.of("q", "work", Position.ORIGIN);
        DeadLetterQueue dead = DeadLetterQueue.of("d", "work-dead", Position.ORIGIN);
        Exported e = GcloudScript.write(flow("f", List.of(q, dead), List.of(Edge.of("e", "q", Port.DEAD_LETTER, "d"))));
        assertThat(e.text()).contains("--dead-letter-topic='work-dead' \\\n    --max-delivery-attempts=5\n");
        assertThat(e.warnings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("allows 5 delivery attempts"));
    }

    @Test
    void aHeadersBindingIsASubscriptionFilter() {
        Topic t = new Topic("t", "orders", Position.ORIGIN, Topic.Routing.HEADERS, true);
        Queue eu = Queue.of("q", "orders-eu", Position.ORIGIN);
        Queue odd = Queue.of("o", "orders-odd", Position.ORIGIN);
        Exported e = GcloudScript.write(flow("f", List.of(t, eu, odd), List.of(
                new Edge("e1", "t", Port.OUT, "q", null, Map.of("x-match", "any", "region", "eu", "tier", "gold")),
                new Edge("e2", "t", Port.OUT, "o", null, Map.of("region", "\" OR attributes.x = \"")))));
        assertThat(e.text()).contains("--message-filter='attributes.region = \"eu\" OR attributes.tier = \"gold\"'")
                .doesNotContain("OR attributes.x");
        assertThat(e.warnings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("'orders-odd' is bound with a header the export cannot write"));
    }

    @Test
    void namesPubSubRefusesAreCleanedAndKeptApart() {
        Exported e = GcloudScript.write(flow("f", List.of(Queue.of("a", "1 work", Position.ORIGIN),
                Queue.of("b", "1;work", Position.ORIGIN)), List.of()));
        assertThat(e.text()).contains("subscriptions create 'p-1-work'", "subscriptions create 'p-1-work-2'",
                "topics create 'p-1-work'", "topics create 'p-1-work-2'");
    }

    @Test
    void strangersNamesReachGcloudAsThemselvesAndRunNothing() throws IOException, InterruptedException {
        Path sh = Path.of("/bin/sh");
        assumeTrue(Files.isExecutable(sh), "no /bin/sh to run the script with");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path log = dir.resolve("gcloud.log");
        Path fake = bin.resolve("gcloud");
        // Each word on its own line, between brackets, so a word holding a space or quote shows as one.
        Files.writeString(fake, "#!/bin/sh\nfor w in \"$@\"; do printf '[%s]\\n' \"$w\" >> \"" + log + "\"; done\n"
                + "echo '--' >> \"" + log + "\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path marker = dir.resolve("pwned");
        String hostile = "x'; touch " + marker + "; echo '$(touch " + marker + ")`touch " + marker + "`";
        Topic t = new Topic("t", hostile, Position.ORIGIN, Topic.Routing.HEADERS, true);
        Queue q = (Queue) Queue.of("q", hostile + "\nrm -rf /", Position.ORIGIN).with("fifo", true);
        Flow f = flow("flow\ntouch " + marker, List.of(t, q),
                List.of(new Edge("e", "t", Port.OUT, "q", null, Map.of("k", "it's $(x)"))));
        Exported e = GcloudScript.write(f);
        Path script = dir.resolve("pubsub.sh");
        Files.writeString(script, e.text());
        ProcessBuilder withPath = new ProcessBuilder(sh.toString(), script.toString());
        withPath.environment().put("PATH", bin + ":/usr/bin:/bin");
        withPath.redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).directory(dir.toFile());
        Process run = withPath.start();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
        assertThat(marker).doesNotExist();
        List<String> words = Files.readAllLines(log, StandardCharsets.UTF_8);
        String topic = words.get(3).substring(1, words.get(3).length() - 1);
        assertThat(words.subList(0, 3)).containsExactly("[pubsub]", "[topics]", "[create]");
        assertThat(topic).matches("[A-Za-z][A-Za-z0-9._~+%-]{2,254}");
        assertThat(words).contains("[--topic=" + topic + "]", "[--enable-message-ordering]");
        // The header value cannot be written as a filter, so none is: warned, not passed to gcloud.
        assertThat(words).noneSatisfy(w -> assertThat(w).startsWith("[--message-filter"));
        assertThat(e.text().lines().filter(l -> l.startsWith("#")).count()).isEqualTo(6);
    }

    @Test
    void theLargestFlowIsExportedInOnePassOverItsWires() {
        // 10,000 nodes (a topic and 9,999 queues, every fifth a dead-letter queue of the four before it)
        // and 9,999 + 7,999 edges: each queue is checked and written without a scan of the edges per queue.
        List<Node> nodes = new java.util.ArrayList<>(List.of(new Topic("t", "events", Position.ORIGIN,
                Topic.Routing.FANOUT, true)));
        List<Edge> edges = new java.util.ArrayList<>();
        for (int i = 1; i < dev.pipewright.model.Limits.MAX_NODES; i++) {
            nodes.add(Queue.of("q" + i, "q" + i, Position.ORIGIN).with("deliveryLimit", 5));
            edges.add(Edge.of("b" + i, "t", Port.OUT, "q" + i));
            if (i % 5 != 0) {
                edges.add(Edge.of("d" + i, "q" + i, Port.DEAD_LETTER, "q" + ((i / 5 + 1) * 5)));
            }
        }
        Exported e = GcloudScript.write(flow("big", nodes, edges));
        assertThat(e.text().lines().filter(l -> l.startsWith("gcloud pubsub subscriptions create"))).hasSize(9_999);
        assertThat(e.text().lines().filter(l -> l.startsWith("gcloud pubsub topics create"))).hasSize(1);
        assertThat(e.text()).contains("--dead-letter-topic='events'");
    }
}
