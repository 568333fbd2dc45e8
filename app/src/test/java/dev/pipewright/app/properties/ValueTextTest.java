// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Position;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTextTest {
    private static Type typeOf(Class<? extends Record> record, String component) {
        for (var c : record.getRecordComponents()) {
            if (c.getName().equals(component)) {
                return c.getGenericType();
            }
        }
        throw new AssertionError(component);
    }

    @Test
    void mapsAreWrittenAsKeyValuePairsAndReadBack() {
        Type type = typeOf(Source.class, "priorityMix");
        Object parsed = ValueText.parse("0=0.8, 9=0.2", type);

        assertThat(parsed).isEqualTo(Map.of(0, 0.8, 9, 0.2));
        assertThat(ValueText.format(new java.util.TreeMap<>(Map.of(0, 0.8, 9, 0.2)))).isEqualTo("0=0.8, 9=0.2");
    }

    @Test
    void emptyTextMeansNoneForOptionalValues() {
        assertThat(ValueText.parse("", Integer.class)).isNull();
        assertThat(ValueText.parse(" ", Duration.class)).isNull();
        assertThat(ValueText.parse("", typeOf(Source.class, "routingKeys"))).isEqualTo(List.of());
    }

    @Test
    void durationsAndDistributionsUseThePeopleFriendlyForms() {
        assertThat(ValueText.parse("250ms", Duration.class)).isEqualTo(Duration.ofMillis(250));
        assertThat(ValueText.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(ValueText.parse("exp(20ms)", Distribution.class)).isEqualTo(Distribution.exponential(Duration.ofMillis(20)));
    }

    @Test
    void thePushEndpointPromptsForAnHttpsAddressWhereOtherTextsHaveNone() {
        Type type = typeOf(dev.pipewright.model.Queue.class, "pushEndpoint");

        assertThat(ValueText.prompt("pushEndpoint", type)).startsWith("https://");
        assertThat(ValueText.prompt("name", String.class)).isEmpty();
        assertThat(ValueText.prompt("maxLength", Integer.class)).isEqualTo(ValueText.prompt(Integer.class));
    }

    @Test
    void badTextSaysWhatToWrite() {
        assertThatThrownBy(() -> ValueText.parse("ten", int.class)).hasMessage("'ten' is not a whole number");
        assertThatThrownBy(() -> ValueText.parse("100", Duration.class)).hasMessageContaining("write a number and a unit");
        assertThatThrownBy(() -> ValueText.parse("a", typeOf(Source.class, "headers"))).hasMessageContaining("key=value");
    }

    @Test
    void aScriptRoundTripsAndABadEntryIsNamed() {
        Type script = typeOf(Source.class, "script");
        String text = "1s m1 key=orders.eu priority=5 ttl=2s delay=500ms h.tenant=acme, 1.5s m2";
        Object parsed = ValueText.parse(text, script);

        assertThat(parsed).isEqualTo(List.of(
                new ScriptedMessage(Duration.ofSeconds(1), "m1", "orders.eu", 5, Map.of("tenant", "acme"),
                        Duration.ofSeconds(2), Duration.ofMillis(500)),
                new ScriptedMessage(Duration.ofMillis(1500), "m2", null, null, Map.of(), null, null)));
        assertThat(ValueText.format(parsed)).isEqualTo(text);
        assertThatThrownBy(() -> ValueText.parse("1s m1 colour=red", script))
                .hasMessageContaining("'1s m1 colour=red'").hasMessageContaining("colour=");
        assertThatThrownBy(() -> ValueText.parse("m1 1s", script)).hasMessageContaining("does not start with a time");
    }

    @Test
    void crashesAndDownWindowsRoundTrip() {
        Type crashes = typeOf(Consumer.class, "crashes");
        Object parsed = ValueText.parse("30s #0 for 10s, 1m #1", crashes);

        assertThat(parsed).isEqualTo(List.of(new Consumer.Crash(Duration.ofSeconds(30), 0, Duration.ofSeconds(10)),
                new Consumer.Crash(Duration.ofMinutes(1), 1, null)));
        assertThat(ValueText.format(parsed)).isEqualTo("30s #0 for 10s, 1m #1");
        Object windows = ValueText.parse("10s to 20s", typeOf(Endpoint.class, "downWindows"));
        assertThat(ValueText.format(windows)).isEqualTo("10s to 20s");
    }

    @Test
    void everyPropertyOfEveryKindHasAGroupAndAnEditableType() {
        for (NodeKind kind : NodeKind.values()) {
            Node node = Node.create(kind, "n1", "N", Position.ORIGIN);
            for (PropertyCatalog.Spec spec : PropertyCatalog.specs(node)) {
                assertThat(spec.group()).as(kind + "." + spec.name()).isNotEqualTo("Other");
                Class<?> raw = ValueText.rawClass(spec.type());
                assertThat(raw.isEnum() || raw == boolean.class || ValueText.isTextual(spec.type()))
                        .as(kind + "." + spec.name()).isTrue();
                // The shown text of every default value reads back to the same value.
                Object value = PropertyCatalog.value(node, spec.name());
                if (ValueText.isTextual(spec.type()) && value != null) {
                    assertThat(ValueText.parse(ValueText.format(value), spec.type())).as(kind + "." + spec.name())
                            .isEqualTo(value);
                }
            }
        }
    }
}
