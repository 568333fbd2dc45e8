// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReportFormatsTest {
    private final RunReport report = ReportFixtures.sample();

    @Test
    void textHasARowPerNodeAndTheConservationLine() {
        String text = ReportFormats.text(report);
        assertThat(text).startsWith("Orders: virtual clock, seed 42, 1m of virtual time, 12,345 events");
        assertThat(text).contains("node", "kind", "rate/s", "p99", "dead-lettered");
        assertThat(text).containsPattern("Order queue \\(orders\\)\\s+queue\\s+600\\s+590");
        assertThat(text).contains("150ms");
        assertThat(text).contains("conservation: produced 600 = completed 580 + dead-lettered 2 + expired 1"
                + " + dropped 0 + filtered 0 + waiting 12 + in flight 5 (holds)");
    }

    @Test
    void jsonHasStableFieldNamesAndNullForUnmeasuredLatency() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportFormats.json(report));
        assertThat(json.get("format").asText()).isEqualTo("pipewright-run-report");
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("seed").asLong()).isEqualTo(42);
        JsonNode orders = json.get("nodes").get(1);
        assertThat(orders.get("id").asText()).isEqualTo("orders");
        assertThat(orders.get("in").asLong()).isEqualTo(600);
        assertThat(orders.get("p99Ms").asDouble()).isEqualTo(150.0);
        assertThat(json.get("nodes").get(0).get("p99Ms").isNull()).isTrue();
        assertThat(json.get("nodes").get(0).get("count").asLong()).isEqualTo(600);
        assertThat(json.get("conservation").get("holds").asBoolean()).isTrue();
    }

    @Test
    void brokenConservationIsShouted() {
        RunReport broken = new RunReport("x", "virtual", 1, 1, 0, 1, report.nodes(),
                new dev.pipewright.engine.api.Conservation(10, 8, 0, 0, 0, 0, 0, 0));
        assertThat(ReportFormats.text(broken)).contains("VIOLATED: 8 accounted for");
    }
}
