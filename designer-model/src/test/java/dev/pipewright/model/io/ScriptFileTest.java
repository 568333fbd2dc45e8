// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.InvalidPropertyException;
import dev.pipewright.model.Limits;
import dev.pipewright.model.Node;
import dev.pipewright.model.Position;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A source's script of messages in the model and in the file: checked, written and read back, bad entries named. */
class ScriptFileTest {

    private static FlowFileException readFails(String nodes) {
        String text = """
                {
                  "format": "pipewright-flow",
                  "version": 1,
                  "nodes": [
                %s
                  ]
                }
                """.formatted(nodes);
        FlowFileException e = catchThrowableOfType(FlowFileException.class, () -> FlowJson.read(text, "s.flow.json"));
        assertThat(e).as("reading should fail").isNotNull();
        assertThat(e.getMessage()).startsWith("s.flow.json").doesNotContain("\n", "Exception", "dev.pipewright");
        return e;
    }

    private static Source scripted(List<ScriptedMessage> script) {
        Source s = Source.of("src", "Orders", Position.ORIGIN);
        return (Source) s.with("script", script);
    }

    @Test
    void aScriptIsWrittenAndReadBackAsItWas() throws FlowFileException {
        List<ScriptedMessage> script = List.of(
                new ScriptedMessage(Duration.ofSeconds(1), "m1", "orders.eu", 5, Map.of("tenant", "acme"),
                        Duration.ofSeconds(2), Duration.ofMillis(500)),
                ScriptedMessage.at(Duration.ofMillis(1500), "m2"),
                new ScriptedMessage(Duration.ZERO, null, null, null, null, null, Duration.ZERO));
        Flow flow = new Flow(new FlowInfo("scripted", ""), List.<Node>of(scripted(script)), List.of());

        String text = FlowJson.write(flow);
        Flow back = FlowJson.read(text, "s.flow.json");

        assertThat(((Source) back.nodes().getFirst()).script()).isEqualTo(script);
        assertThat(text).contains("\"script\": [", "\"ttl\": \"2s\"", "\"delay\": \"500ms\"");
        assertThat(FlowJson.write(back)).isEqualTo(text);
    }

    @Test
    void aFileWithoutAScriptReadsAsASourceThatPublishesByItsRate() throws FlowFileException {
        Flow flow = FlowJson.read("""
                {"format": "pipewright-flow", "version": 1, "nodes": [{"type": "source", "id": "src"}]}
                """, "s.flow.json");

        Source s = (Source) flow.nodes().getFirst();
        assertThat(s.script()).isEmpty();
        assertThat(s.scripted()).isFalse();
    }

    @Test
    void aBadEntryIsNamedByNodeEntryAndPlace() {
        FlowFileException priority = readFails("""
                    {"type": "source", "id": "src", "script": [{"at": "1s"},
                      {"at": "2s", "priority": 300}]}""");
        FlowFileException ttl = readFails("""
                    {"type": "source", "id": "src", "script": [{"at": "1s", "ttl": "0s"}]}""");
        FlowFileException delay = readFails("""
                    {"type": "source", "id": "src", "script": [{"at": "1s", "delay": "soon"}]}""");
        FlowFileException missingAt = readFails("""
                    {"type": "source", "id": "src", "script": [{"id": "m1"}]}""");
        FlowFileException unknown = readFails("""
                    {"type": "source", "id": "src", "script": [{"at": "1s", "expiration": "2s"}]}""");

        assertThat(priority.getMessage()).contains("s.flow.json:6:", "node 'src'", "property 'script[1].priority'",
                "at most 255");
        assertThat(ttl.getMessage()).contains(":5:", "node 'src'", "property 'script[0].ttl'", "longer than zero");
        assertThat(delay.getMessage()).contains("node 'src'", "property 'script[0].delay'", "not a duration");
        assertThat(missingAt.getMessage()).contains("node 'src': property 'script[0].at' is required");
        assertThat(unknown.getMessage()).contains("node 'src'", "unknown property 'script[0].expiration'", "ttl");
    }

    @Test
    void anEntryRefusesWhatNoBrokerTakes() {
        assertThatThrownBy(() -> new ScriptedMessage(Duration.ofSeconds(-1), "m1", null, null, null, null, null))
                .isInstanceOf(InvalidPropertyException.class).hasMessageContaining("script.at", "negative");
        assertThatThrownBy(() -> new ScriptedMessage(Duration.ZERO, "m1", null, -1, null, null, null))
                .hasMessageContaining("script.priority", "at least 0");
        assertThatThrownBy(() -> new ScriptedMessage(Duration.ZERO, "m1", "k".repeat(256), null, null, null, null))
                .hasMessageContaining("script.key", "255 bytes");
        assertThatThrownBy(() -> new ScriptedMessage(Duration.ZERO, "m1", null, null, null, null, Duration.ofSeconds(-1)))
                .hasMessageContaining("script.delay", "negative");
        assertThat(new ScriptedMessage(Duration.ZERO, " ", null, null, null, null, null).id()).isNull();
    }

    @Test
    void aScriptHoldsAtMostTheLimitAndSaysSoInWords() {
        List<ScriptedMessage> most = Collections.nCopies(Limits.MAX_SCRIPT_MESSAGES, ScriptedMessage.at(Duration.ZERO, null));
        List<ScriptedMessage> over = new ArrayList<>(most);
        over.add(ScriptedMessage.at(Duration.ZERO, "one-more"));

        assertThat(scripted(most).script()).hasSize(100_000);
        assertThatThrownBy(() -> scripted(over))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("script", "at most 100,000 messages (has 100,001)");
    }
}
