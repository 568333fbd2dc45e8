// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.report.Reports;
import dev.pipewright.engine.report.RunReport;
import dev.pipewright.samples.SampleCatalog;
import org.junit.jupiter.api.Test;

class ReportCsvTest {
    @Test
    void csvHasAHeaderARowPerNodeAndTheConservationLaw() {
        var flow = SampleCatalog.all().stream().filter(s -> s.id().equals("competing-consumers")).findFirst()
                .orElseThrow().load();
        Simulation sim = Simulation.create(flow, 7);
        sim.runUntil(10);
        RunReport report = Reports.from(flow, sim.snapshot(), "virtual", 7);
        String[] lines = ReportCsv.csv(report).split("\r\n");
        assertThat(lines[0]).startsWith("id,name,kind,in,out,ratePerSecond,depth");
        assertThat(lines).hasSize(1 + flow.nodes().size() + 3);
        assertThat(lines[1]).startsWith("order-service,Order service,source,");
        assertThat(lines[lines.length - 1]).startsWith("(conservation),").endsWith(",true");
        assertThat(lines[2].split(",")[3]).isEqualTo(Long.toString(report.node("orders").orElseThrow().in()));
    }

    @Test
    void cellsWithCommasOrQuotesAreQuoted() {
        assertThat(ReportCsv.quote("plain")).isEqualTo("plain");
        assertThat(ReportCsv.quote("a, b")).isEqualTo("\"a, b\"");
        assertThat(ReportCsv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
