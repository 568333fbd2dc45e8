// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Queue;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Source;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowJsonRoundTripTest {

    @Test
    void everyNodeKindWithEveryPropertySetSurvivesWriteAndRead() throws Exception {
        Flow flow = EveryKindFlow.create();

        Flow read = FlowJson.read(FlowJson.write(flow), "every.flow.json");

        assertThat(read).isEqualTo(flow);
    }

    @Test
    void theFixtureReallyCoversEveryKindWithNoPropertyAtItsDefault() {
        Flow flow = EveryKindFlow.create();
        Set<NodeKind> kinds = new HashSet<>();
        for (Node node : flow.nodes()) {
            kinds.add(node.kind());
            Record defaults = (Record) Node.create(node.kind(), node.id(), node.name(), node.position());
            for (RecordComponent c : node.getClass().getRecordComponents()) {
                if (Set.of("id", "name", "position").contains(c.getName())) {
                    continue;
                }
                Object value = dev.pipewright.model.RecordCopy.get((Record) node, c.getName());
                Object defaultValue = dev.pipewright.model.RecordCopy.get(defaults, c.getName());
                assertThat(value).as(node.kind() + "." + c.getName()).isNotEqualTo(defaultValue);
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(NodeKind.values());
    }

    @Test
    void writingIsStableAndEndsWithANewline() {
        String once = FlowJson.write(EveryKindFlow.create());

        assertThat(once).endsWith("}\n").doesNotContain("\r");
        assertThat(FlowJson.write(EveryKindFlow.create())).isEqualTo(once);
    }

    @Test
    void writesTypesDurationsDistributionsAndEnumsAsWords() {
        String text = FlowJson.write(EveryKindFlow.create());

        assertThat(text)
                .contains("\"format\": \"pipewright-flow\"", "\"version\": 1")
                .contains("\"type\": \"dead-letter-queue\"", "\"type\": \"message-store\"")
                .contains("\"messageTtl\": \"30s\"", "\"deliveryDelay\": \"100ms\"")
                .contains("\"processingTime\": \"normal(20ms, 5ms)\"", "\"forwardTime\": \"exp(3ms)\"")
                .contains("\"overflow\": \"reject-publish-dlx\"", "\"variant\": \"content-router\"")
                .contains("\"fromPort\": \"dead-letter\"")
                .doesNotContain("@class", "dev.pipewright");
    }

    @Test
    void propertiesAreWrittenInTheOrderOfTheTypeIdNameAndPositionFirst() {
        String text = FlowJson.write(EveryKindFlow.create());
        int type = text.indexOf("\"type\": \"queue\"");

        assertThat(text.indexOf("\"id\": \"orders\"", type)).isGreaterThan(type);
        assertThat(text.indexOf("\"position\"", type)).isLessThan(text.indexOf("\"maxLength\"", type));
    }

    @Test
    void missingPropertiesTakeTheDefaultsOfTheKind() throws Exception {
        String text = """
                {"format": "pipewright-flow", "version": 1,
                 "nodes": [{"type": "queue", "id": "q1"}, {"type": "consumer", "id": "c1", "instances": 4}],
                 "edges": [{"id": "e1", "from": "q1", "to": "c1"}]}
                """;

        Flow flow = FlowJson.read(text, null);

        assertThat(flow.node("q1")).contains(Queue.of("q1", null, null));
        assertThat(flow.node("c1")).contains(Consumer.of("c1", null, null).with("instances", 4));
        assertThat(flow.edges()).containsExactly(Edge.of("e1", "q1", Port.OUT, "c1"));
        assertThat(flow.info().name()).isEqualTo("Untitled flow");
    }

    @Test
    void enumsAndTypesAreReadIgnoringCase() throws Exception {
        String text = """
                {"format": "pipewright-flow", "version": 1, "nodes": [
                  {"type": "Queue", "id": "q1", "overflow": "REJECT_PUBLISH"},
                  {"type": "queue", "id": "q2", "overflow": "Reject-Publish-DLX"}]}
                """;

        Flow flow = FlowJson.read(text, null);

        assertThat(((Queue) flow.node("q1").orElseThrow()).overflow()).isEqualTo(Overflow.REJECT_PUBLISH);
        assertThat(((Queue) flow.node("q2").orElseThrow()).overflow()).isEqualTo(Overflow.REJECT_PUBLISH_DLX);
    }

    @Test
    void anEmptyFlowRoundTrips() throws Exception {
        assertThat(FlowJson.read(FlowJson.write(Flow.EMPTY), null)).isEqualTo(Flow.EMPTY);
    }

    @Test
    void migratingAVersionOneDocumentChangesNothing() {
        ObjectNode tree = FlowJson.toTree(EveryKindFlow.create());
        ObjectNode before = tree.deepCopy();

        assertThat(FlowMigrations.migrate(tree, 1)).isEqualTo(before);
    }

    @Test
    void migrationRefusesVersionsItDoesNotKnow() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlowMigrations.migrate(tree, 0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlowMigrations.migrate(tree, Flow.FORMAT_VERSION + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loneSurrogatesInNamesAndKeysSurviveASave(@TempDir Path dir) throws Exception {
        Flow flow = new Flow(new FlowInfo("flow \ud800", "ends \udfff"),
                List.of(Queue.of("q", "a\ud800b", null), Consumer.of("c", "\ud83d\ude00 and \ude00\ud83d", null),
                        Source.of("s", null, null).with("headers", Map.of("h\udbff", "v\udc00"))),
                List.of(new Edge("e1", "q", Port.OUT, "c", "k\ud800", Map.of())));
        Path file = dir.resolve("surrogates.flow.json");

        FlowFiles.write(file, flow);

        assertThat(FlowFiles.read(file)).isEqualTo(flow);
        assertThat(Files.readString(file)).contains("\"a\\ud800b\"", "\"\ud83d\ude00 and \\ude00\\ud83d\"");
    }
}
