// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.io.FlowFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every export is read by the AsyncAPI project's own parser ({@code @asyncapi/parser} 3.x with its
 * built-in rules and the bindings' JSON schemas), which must report no error; its warnings are
 * printed. The parser's reading of titles and addresses must give back the flow's names exactly.
 */
class AsyncApiParserTest {
    private static final Path SAMPLES = Path.of("..", "samples", "flows");

    @Test
    void everySampleFlowIsAcceptedByTheAsyncApiParser() throws Exception {
        List<Path> samples;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            samples = files.filter(f -> f.getFileName().toString().endsWith(".flow.json")).sorted().toList();
        }
        assertThat(samples).isNotEmpty();
        List<Path> docs = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        for (Path sample : samples) {
            Flow flow = FlowFiles.read(sample);
            flows.add(flow);
            String name = sample.getFileName().toString().replace(".flow.json", ".asyncapi.yaml");
            docs.add(AsyncApiParser.save(name, AsyncApiDocument.write(flow).text()));
        }
        List<AsyncApiParser.Result> results = AsyncApiParser.parse(docs);
        for (int i = 0; i < results.size(); i++) {
            assertAccepted(results.get(i));
            assertNamesReadBack(flows.get(i), results.get(i).readBack());
        }
    }

    @Test
    void everyKindIsAcceptedUnderEveryBrokerProfile() throws Exception {
        List<Path> docs = new ArrayList<>();
        for (Broker b : Broker.values()) {
            docs.add(AsyncApiParser.save("every-kind-" + b.word() + ".yaml", AsyncApiDocument.write(TestFlows.everyKind(b)).text()));
        }
        List<AsyncApiParser.Result> results = AsyncApiParser.parse(docs);
        for (int i = 0; i < results.size(); i++) {
            AsyncApiParser.Result r = results.get(i);
            assertAccepted(r);
            Broker b = Broker.values()[i];
            JsonNode read = r.readBack();
            assertNamesReadBack(TestFlows.everyKind(b), read);
            assertThat(read.get("servers").has("rabbitmq")).isEqualTo(b != Broker.ARTEMIS);
            assertThat(read.get("servers").has("artemis")).isEqualTo(b != Broker.RABBITMQ);
            // Request/reply: the reply message sits on the reply queue's channel; the transformer's output on its queue.
            assertThat(read.at("/channels/replies/messages").toString()).contains("orders-in.reply");
            assertThat(read.at("/channels/enriched/messages").toString()).contains("enrich.out");
            assertThat(read.at("/operations/billing.receive.orders-dlq/action").asText()).isEqualTo("receive");
            assertThat(read.at("/operations/orders-in.send.orders/action").asText()).isEqualTo("send");
        }
    }

    @Test
    void hostileNamesComeBackExactlyThroughTheParser() throws Exception {
        List<Path> docs = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        for (Broker b : List.of(Broker.GENERIC, Broker.RABBITMQ)) {
            Flow flow = TestFlows.hostile(b);
            flows.add(flow);
            docs.add(AsyncApiParser.save("hostile-" + b.word() + ".yaml", AsyncApiDocument.write(flow).text()));
        }
        List<AsyncApiParser.Result> results = AsyncApiParser.parse(docs);
        for (int i = 0; i < results.size(); i++) {
            assertAccepted(results.get(i));
            JsonNode read = results.get(i).readBack();
            assertThat(read.get("title").asText()).isEqualTo(flows.get(i).info().name());
            // Header names and payload keys are stranger's text too: the parser reads them back as written.
            assertThat(results.get(i).file()).content().doesNotContain("\t", "\u0007");
            assertNamesReadBack(flows.get(i), read);
            for (Node n : flows.get(i).nodes()) {
                if (n instanceof Source s && s.id().startsWith("s:")) {
                    JsonNode m = read.at("/messages/" + ComponentIds.clean(s.id()));
                    assertThat(m.get("title").asText()).isEqualTo(AsyncApiDocument.wellFormed(s.name()));
                    assertThat(m.get("headers").get(0).asText()).isEqualTo(AsyncApiDocument.wellFormed(s.name()));
                }
            }
            read.get("channels").fieldNames().forEachRemaining(k -> assertThat(k).matches("[a-zA-Z0-9._-]+"));
            read.get("operations").fieldNames().forEachRemaining(k -> assertThat(k).matches("[a-zA-Z0-9._-]+"));
            read.get("messages").fieldNames().forEachRemaining(k -> assertThat(k).matches("[a-zA-Z0-9._-]+"));
        }
    }

    @Test
    void aTwoThousandNodeFlowIsAcceptedByTheParser() throws Exception {
        Flow flow = TestFlows.large(400, Broker.GENERIC);
        assertThat(flow.nodes()).hasSize(2000);
        long start = System.nanoTime();
        Exported exported = AsyncApiDocument.write(flow);
        long exportMillis = (System.nanoTime() - start) / 1_000_000;
        Path doc = AsyncApiParser.save("large-2000.yaml", exported.text());
        start = System.nanoTime();
        AsyncApiParser.Result r = AsyncApiParser.parse(List.of(doc)).getFirst();
        long parseMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("2,000-node flow: export %d ms, %,d bytes of YAML; the AsyncAPI parser took %d ms%n",
                exportMillis, exported.text().length(), parseMillis);
        assertAccepted(r);
        assertThat(r.readBack().get("channels").size()).isEqualTo(1200);
        assertThat(r.readBack().get("operations").size()).isEqualTo(800);
    }

    private static void assertAccepted(AsyncApiParser.Result r) {
        r.warnings().forEach(w -> System.out.println(r.file().getFileName() + ": parser " + w));
        assertThat(r.errors()).as("the parser's errors for %s", r.file()).isEmpty();
        assertThat(r.parsed()).as("%s parsed", r.file()).isTrue();
    }

    /** Every queue and topic is a channel whose address and title are the node's name, as the parser reads them. */
    private static void assertNamesReadBack(Flow flow, JsonNode read) {
        JsonNode channels = read.get("channels");
        ComponentIds keys = new ComponentIds(); // the writer's own rule, in flow order
        int expected = 0;
        for (Node n : flow.nodes()) {
            if (!(n instanceof QueueSettings) && !(n instanceof Topic)) {
                continue;
            }
            expected++;
            JsonNode ch = channels.get(keys.of(n.id()));
            assertThat(ch).as("channel of %s", n.id()).isNotNull();
            String name = AsyncApiDocument.wellFormed(n.name()); // a lone surrogate is no text: U+FFFD
            assertThat(ch.get("title").asText()).isEqualTo(name);
            boolean braces = n.name().contains("{") || n.name().contains("}");
            assertThat(ch.get("address").asText()).isEqualTo(braces ? n.id() : name);
        }
        assertThat(channels.size()).isEqualTo(expected);
    }
}
