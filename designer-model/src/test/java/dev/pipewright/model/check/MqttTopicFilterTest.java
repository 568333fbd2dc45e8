// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MQTT topic filters against the examples of MQTT 3.1.1 section 4.7 and 5.0 section 4.7. */
class MqttTopicFilterTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "sport/tennis/player1/#, sport/tennis/player1, true",
        "sport/tennis/player1/#, sport/tennis/player1/ranking, true",
        "sport/tennis/player1/#, sport/tennis/player1/score/wimbledon, true",
        "sport/#, sport, true",
        "#, sport/tennis, true",
        "sport/tennis/+, sport/tennis/player1, true",
        "sport/tennis/+, sport/tennis/player1/tournament, false",
        "sport/+, sport, false",
        "sport/+, sport/, true",
        "+/+, /finance, true",
        "/+, /finance, true",
        "+, /finance, false",
        "#, $SYS/broker, false",
        "+/monitor/Clients, $SYS/monitor/Clients, false",
        "$SYS/#, $SYS/monitor/Clients, true",
        "$SYS/monitor/+, $SYS/monitor/Clients, true",
        "sport/tennis, sport/tennis, true",
        "sport/tennis, sport/Tennis, false",
        "sport/tennis, sport/tennis/, false",
        "a/b, a, false",
        "a, a/b, false",
    })
    void matchesAsTheSpecificationSays(String filter, String topic, boolean expected) {
        assertThat(MqttTopicFilter.matches(filter, topic)).isEqualTo(expected);
    }

    @Test
    void aTopicNameWithAWildcardMatchesNothing() {
        assertThat(MqttTopicFilter.matches("#", "a/+")).isFalse();
        assertThat(MqttTopicFilter.matches("#", "")).isFalse();
    }

    @Test
    void sharedSubscriptionsNameTheirGroupAndFilter() {
        assertThat(MqttTopicFilter.shareGroup("$share/billing/orders/#")).isEqualTo("billing");
        assertThat(MqttTopicFilter.filterOf("$share/billing/orders/#")).isEqualTo("orders/#");
        assertThat(MqttTopicFilter.shareGroup("orders/#")).isNull();
        assertThat(MqttTopicFilter.filterOf("orders/#")).isEqualTo("orders/#");
        assertThat(MqttTopicFilter.problem("$share//orders")).contains("group name");
        assertThat(MqttTopicFilter.problem("$share/g/")).contains("needs a filter");
    }

    @Test
    void filtersMqttRefusesAreNamed() {
        assertThat(MqttTopicFilter.problem("sport/tennis#")).contains("whole level");
        assertThat(MqttTopicFilter.problem("sport/#/ranking")).contains("last level");
        assertThat(MqttTopicFilter.problem("sport+")).contains("whole level");
        assertThat(MqttTopicFilter.problem("")).contains("empty");
        assertThat(MqttTopicFilter.problem("+/tennis/#")).isNull();
        assertThat(MqttTopicFilter.problem("$share/g/+/x")).isNull();
    }

    @Test
    void aPathologicalFilterAndTopicTakeOnePassNotBacktracking() {
        // 50,000 '+' levels then '#', against a 100,000-level topic whose levels are all "a": a
        // backtracking matcher would try every split; this one walks both strings once.
        String filter = "+/".repeat(50_000) + "#";
        String topic = "a/".repeat(99_999) + "a";
        assertThat(MqttTopicFilter.matches(filter, topic)).isTrue();
        assertThat(MqttTopicFilter.matches("+/".repeat(100_000) + "x", topic)).isFalse();
        assertThat(MqttTopicFilter.matches("a/".repeat(99_999) + "b", topic)).isFalse();
        assertThat(MqttTopicFilter.problem("+/".repeat(100_000) + "#")).isNull();
    }
}
