// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.Imported;
import dev.pipewright.model.config.rabbitmq.RabbitDefinitions;
import dev.pipewright.model.io.FlowFiles;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Definitions a real RabbitMQ exported, imported into a flow and exported again, are fed back to
 * the broker: it holds every exchange, queue, argument and binding of the original, except what
 * the import or the export named in a warning.
 */
class RabbitRoundTripTest {
    private static final Path REAL_EXPORT = Path.of("../designer-model/src/test/resources/dev/pipewright/model/config/"
            + "rabbitmq/rabbitmq-3.10-export.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RabbitAdmin admin;

    @BeforeEach
    void connect() {
        admin = RabbitAdmin.connectOrSkip();
    }

    @AfterEach
    void clean() throws Exception {
        if (admin != null) {
            admin.deleteScratch();
        }
    }

    private static String said(List<Finding> findings) {
        return findings.stream().map(f -> f.message() + " " + (f.fix() == null ? "" : f.fix()))
                .collect(Collectors.joining("\n"));
    }

    private static JsonNode named(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        return null;
    }

    @Test
    void aRealBrokersDefinitionsComeBackThroughAFlowWithAllItHolds() throws Exception {
        String vhostInFile = "pw-import-scratch";
        JsonNode original = MAPPER.readTree(Files.readString(REAL_EXPORT));
        Imported imported = RabbitDefinitions.read(Files.readString(REAL_EXPORT), REAL_EXPORT.toString()).stream()
                .filter(i -> vhostInFile.equals(i.scope())).findFirst().orElseThrow();
        String scratch = admin.scratchVhost();
        Exported again = RabbitDefinitions.write(imported.flow(), scratch);
        admin.importDefinitions(again.text());
        JsonNode back = admin.definitions(scratch);
        List<Finding> findings = new ArrayList<>(imported.warnings());
        findings.addAll(again.warnings());
        String warned = said(findings);

        List<String> checked = new ArrayList<>();
        for (JsonNode q : original.path("queues")) {
            if (!q.path("vhost").asText().equals(vhostInFile)) {
                continue;
            }
            String name = q.path("name").asText();
            JsonNode kept = named(back.path("queues"), name);
            if (kept == null) {
                assertThat(warned).as("queue %s is not on the broker, so a warning names it", name).contains(name);
                continue;
            }
            for (Map.Entry<String, JsonNode> arg : q.path("arguments").properties()) {
                JsonNode now = kept.path("arguments").get(arg.getKey());
                if (now == null) {
                    assertThat(warned).as("queue %s lost %s, so a warning names it", name, arg.getKey())
                            .contains(arg.getKey());
                } else {
                    assertThat(now.asText()).as("queue %s argument %s", name, arg.getKey()).isEqualTo(arg.getValue().asText());
                    checked.add(name + " " + arg.getKey());
                }
            }
        }
        for (JsonNode e : original.path("exchanges")) {
            if (!e.path("vhost").asText().equals(vhostInFile)) {
                continue;
            }
            String name = e.path("name").asText();
            JsonNode kept = named(back.path("exchanges"), name);
            if (kept == null) {
                assertThat(warned).as("exchange %s is not on the broker, so a warning names it", name).contains(name);
            } else {
                assertThat(kept.path("type").asText()).as("exchange %s", name).isEqualTo(e.path("type").asText());
                checked.add(name);
            }
        }
        List<String> bindingsBack = new ArrayList<>();
        for (JsonNode b : back.path("bindings")) {
            bindingsBack.add(binding(b));
        }
        for (JsonNode b : original.path("bindings")) {
            if (!b.path("vhost").asText().equals(vhostInFile)) {
                continue;
            }
            if (!bindingsBack.contains(binding(b))) {
                assertThat(warned).as("binding %s is not on the broker, so a warning names it", binding(b))
                        .containsAnyOf(b.path("source").asText(), b.path("destination").asText());
            } else {
                checked.add(binding(b));
            }
        }
        // Most of it came back: the test would pass vacuously if nothing had.
        assertThat(checked).hasSizeGreaterThan(20);
    }

    private static String binding(JsonNode b) {
        return b.path("source").asText() + " -> " + b.path("destination_type").asText() + " "
                + b.path("destination").asText() + " key '" + b.path("routing_key").asText() + "'";
    }

    @Test
    void everySamplesExportSurvivesItsOwnImportUnchanged() throws Exception {
        List<Path> samples = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("../samples/flows"), "*.flow.json")) {
            dir.forEach(samples::add);
        }
        assertThat(samples).isNotEmpty();
        for (Path sample : samples) {
            String first = RabbitDefinitions.write(FlowFiles.read(sample), "/").text();
            Imported back = RabbitDefinitions.read(first, sample.toString()).getFirst();
            String second = RabbitDefinitions.write(back.flow(), "/").text();
            assertThat(queuesExchangesBindings(second)).as(sample.toString()).isEqualTo(queuesExchangesBindings(first));
        }
    }

    /** The part of a definitions file that is the topology. */
    private static String queuesExchangesBindings(String definitions) throws Exception {
        JsonNode d = MAPPER.readTree(definitions);
        return Stream.of("queues", "exchanges", "bindings").map(k -> d.path(k).toString()).collect(Collectors.joining("\n"));
    }
}
