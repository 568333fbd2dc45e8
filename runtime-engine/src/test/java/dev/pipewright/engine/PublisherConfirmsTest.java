// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.report.NodeReport;
import dev.pipewright.engine.report.ReportFormats;
import dev.pipewright.engine.report.Reports;
import dev.pipewright.engine.report.RunReport;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import org.junit.jupiter.api.Test;

/** A source with publisher confirms: what a full queue refuses is nacked, the rest confirmed. */
class PublisherConfirmsTest extends EngineTest {
    /** Ten messages at t=1 to a queue that holds five and has no consumer. */
    private static Flow full(Overflow overflow, boolean confirms) {
        return new FlowBuilder()
                .source("src", burstAtOne(10, "confirms", confirms))
                .queue("q", "maxLength", 5, "overflow", overflow)
                .dlq("dlq")
                .wire("src", "q").wire("q", Port.DEAD_LETTER, "dlq").build();
    }

    private NodeStats sourceAfterOneSecond(Flow flow) {
        Simulation sim = start(flow);
        sim.runUntil(2);
        return sim.snapshot().node("src");
    }

    @Test
    void rejectPublishNacksWhatTheQueueRefusesAndConfirmsTheRest() {
        Simulation sim = start(full(Overflow.REJECT_PUBLISH, true));
        sim.runUntil(2);
        assertThat(sim.snapshot().node("src").confirmed()).isEqualTo(5);
        assertThat(sim.snapshot().node("src").nacked()).isEqualTo(5);
        assertThat(sim.snapshot().node("q").ready()).isEqualTo(5);
        assertThat(sim.snapshot().node("dlq").ready()).isZero();
    }

    @Test
    void rejectPublishDlxBothNacksAndDeadLetters() {
        Simulation sim = start(full(Overflow.REJECT_PUBLISH_DLX, true));
        sim.runUntil(2);
        assertThat(sim.snapshot().node("src").nacked()).isEqualTo(5);
        assertThat(sim.snapshot().node("src").confirmed()).isEqualTo(5);
        assertThat(sim.snapshot().node("dlq").ready()).isEqualTo(5);
    }

    @Test
    void dropHeadConfirmsEveryPublish() {
        NodeStats src = sourceAfterOneSecond(full(Overflow.DROP_HEAD, true));
        assertThat(src.confirmed()).isEqualTo(10);
        assertThat(src.nacked()).isZero();
    }

    @Test
    void artemisFailNacksToo() {
        NodeStats src = sourceAfterOneSecond(on(Broker.ARTEMIS, full(Overflow.REJECT_PUBLISH, true)));
        assertThat(src.nacked()).isEqualTo(5);
    }

    @Test
    void onePublishIsNackedWhenAnyQueueItIsRoutedToRefusesIt() {
        Flow flow = new FlowBuilder()
                .source("src", burstAtOne(3, "confirms", true))
                .topic("t")
                .queue("small", "maxLength", 1, "overflow", Overflow.REJECT_PUBLISH)
                .queue("big")
                .wire("src", "t").wire("t", "small").wire("t", "big").build();
        Simulation sim = start(flow);
        sim.runUntil(2);
        assertThat(sim.snapshot().node("src").confirmed()).isEqualTo(1);
        assertThat(sim.snapshot().node("src").nacked()).isEqualTo(2);
        assertThat(sim.snapshot().node("big").ready()).as("the other queue still has every copy").isEqualTo(3);
    }

    @Test
    void theReportShowsConfirmsOnlyForSourcesThatAskForThem() {
        Flow with = full(Overflow.REJECT_PUBLISH, true);
        Simulation sim = start(with);
        sim.runUntil(2);
        RunReport report = Reports.from(with, sim.snapshot(), "virtual", 42);
        NodeReport src = report.nodes().stream().filter(n -> n.id().equals("src")).findFirst().orElseThrow();
        assertThat(src.confirms()).isEqualTo(new NodeReport.Confirms(5, 5));
        assertThat(ReportFormats.text(report)).contains("publisher confirms: src: 5 confirmed, 5 nacked");
        assertThat(ReportFormats.json(report)).contains("\"confirms\" : {", "\"confirmed\" : 5", "\"nacked\" : 5");

        Flow without = full(Overflow.REJECT_PUBLISH, false);
        Simulation plain = start(without);
        plain.runUntil(2);
        RunReport plainReport = Reports.from(without, plain.snapshot(), "virtual", 42);
        assertThat(ReportFormats.text(plainReport)).doesNotContain("publisher confirms");
        assertThat(ReportFormats.json(plainReport)).doesNotContain("confirms");
        assertThat(plain.snapshot().node("src").confirmed()).isZero();
    }
}
