// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.engine.api.MessageView;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Source;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Processor variants: filter, router, splitter, aggregator, resequencer, dedupe, claim check, delay, failures. */
class ProcessorTest extends EngineTest {

    private static Object[] source(long n, String template) {
        return new Object[] {"rate", 10.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", n,
                "payloadTemplate", template};
    }

    @Test
    void filterRemovesMessagesWhoseConditionIsFalse() {
        Flow flow = new FlowBuilder()
                .source("src", source(10, "{\"n\": ${seq}}"))
                .processor("f", "variant", Processor.Variant.FILTER, "expression", "$.n > 6")
                .queue("out")
                .wire("src", "f").wire("f", "out").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.snapshot().node("out").ready()).isEqualTo(4);
        assertThat(sim.snapshot().node("f").filtered()).isEqualTo(6);
        assertThat(sim.conservation().filtered()).isEqualTo(6);
    }

    @Test
    void filterWithoutPayloadPassesEverything() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 10.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", 10L)
                .processor("f", "variant", Processor.Variant.FILTER, "expression", "$.n > 6")
                .queue("out")
                .wire("src", "f").wire("f", "out").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.snapshot().node("out").ready()).isEqualTo(10);
    }

    @Test
    void contentRouterSendsEachMessageToTheFirstMatchingRouteOrDefault() {
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("gold", "$.tier == 'gold'");
        routes.put("big", "$.amount >= 50");
        Flow flow = new FlowBuilder()
                .source("src", source(200, "{\"tier\": \"${oneOf(gold,silver)}\", \"amount\": ${random(1,100)}}"))
                .processor("r", "variant", Processor.Variant.CONTENT_ROUTER, "routes", routes)
                .queue("gold").queue("big").queue("rest")
                .wire("src", "r").wire("r", "gold", "gold").wire("r", "big", "big").wire("r", "rest", "default").build();
        Simulation sim = start(flow);
        sim.runUntil(30);
        for (MessageView m : sim.peek("gold", 500)) {
            assertThat(m.payload()).contains("\"gold\"");
        }
        for (MessageView m : sim.peek("big", 500)) {
            assertThat(m.payload()).contains("silver");
        }
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("gold").ready() + snap.node("big").ready() + snap.node("rest").ready()).isEqualTo(200);
        assertThat(snap.node("gold").ready()).isBetween(70L, 130L);
        assertThat(snap.node("rest").ready()).isPositive();
    }

    @Test
    void splitterMakesOneMessagePerArrayElement() {
        Flow flow = new FlowBuilder()
                .source("src", source(4, "{\"items\": [1, 2, 3]}"))
                .processor("s", "variant", Processor.Variant.SPLITTER, "expression", "$.items")
                .queue("parts")
                .wire("src", "s").wire("s", "parts").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.snapshot().node("parts").ready()).isEqualTo(12);
        assertThat(sim.peek("parts", 3)).extracting(MessageView::payload).containsExactly("1", "2", "3");
        assertThat(sim.conservation().produced()).isEqualTo(16);
        assertThat(sim.conservation().completed()).isEqualTo(4);
    }

    @Test
    void splitterWithoutPayloadSplitsIntoBatchSizeParts() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 10.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", 2L)
                .processor("s", "variant", Processor.Variant.SPLITTER, "batchSize", 5)
                .queue("parts")
                .wire("src", "s").wire("s", "parts").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.snapshot().node("parts").ready()).isEqualTo(10);
    }

    @Test
    void aggregatorCompletesBatchesBySizeAndByTimeout() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 10.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", 25L)
                .processor("a", "variant", Processor.Variant.AGGREGATOR, "batchSize", 10, "timeout", s(2),
                        "processingTime", constant(0))
                .queue("batches")
                .wire("src", "a").wire("a", "batches").build();
        Simulation sim = start(flow);
        sim.runUntil(2.55);
        assertThat(sim.snapshot().node("batches").ready()).isEqualTo(2);
        assertThat(sim.snapshot().node("a").inFlight()).isEqualTo(5);
        sim.runUntil(5);
        // The last 5 messages (from t=2.1) complete by timeout at t=4.1.
        assertThat(sim.snapshot().node("batches").ready()).isEqualTo(3);
        assertThat(sim.peek("batches", 3)).extracting(MessageView::size).containsExactly(2560, 2560, 1280);
    }

    @Test
    void resequencerRestoresTheOrderCompetingConsumersBroke() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 50.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", 200L)
                .queue("work")
                .consumer("workers", "instances", 4, "prefetch", 1, "processingTime", exp(60))
                .processor("reseq", "variant", Processor.Variant.RESEQUENCER, "window", 1000, "timeout", s(30),
                        "processingTime", constant(0))
                .queue("ordered")
                .wire("src", "work").wire("work", "workers").wire("workers", "reseq").wire("reseq", "ordered")
                .build();
        Simulation sim = start(flow);
        sim.runUntil(60);
        List<Long> ids = sim.peek("ordered", 500).stream().map(MessageView::id).toList();
        assertThat(ids).hasSize(200).isSorted();
    }

    @Test
    void idempotentReceiverCatchesDuplicates() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 100.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", 500L,
                        "duplicateRate", 0.2)
                .processor("dedupe", "variant", Processor.Variant.IDEMPOTENT_RECEIVER, "window", 1000)
                .queue("unique")
                .wire("src", "dedupe").wire("dedupe", "unique").build();
        Simulation sim = start(flow);
        sim.runUntil(20);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("unique").ready()).isEqualTo(500);
        assertThat(snap.node("dedupe").duplicatesCaught()).isBetween(70L, 130L);
        assertThat(snap.conservation().produced()).isEqualTo(500 + snap.node("dedupe").duplicatesCaught());
    }

    @Test
    void claimCheckShrinksThePayloadAndRestoresIt() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 10.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", 3L,
                        "payloadSize", 100_000, "payloadTemplate", "{\"doc\": \"big\"}")
                .processor("in", "variant", Processor.Variant.CLAIM_CHECK_IN)
                .queue("light")
                .consumer("mover", "prefetch", 1, "processingTime", constant(1000))
                .processor("out", "variant", Processor.Variant.CLAIM_CHECK_OUT)
                .queue("restored")
                .wire("src", "in").wire("in", "light").wire("light", "mover").wire("mover", "out")
                .wire("out", "restored").build();
        Simulation sim = start(flow);
        sim.runUntil(0.35);
        assertThat(sim.peek("light", 5)).extracting(MessageView::size).containsExactly(64, 64);
        sim.runUntil(5);
        assertThat(sim.peek("restored", 5)).extracting(MessageView::size).containsExactly(100_000, 100_000, 100_000);
        assertThat(sim.peek("restored", 1).getFirst().payload()).isEqualTo("{\"doc\":\"big\"}");
    }

    @Test
    void failedProcessingGoesToTheErrorWireOrIsDropped() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 100.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", 1000L)
                .processor("wired", "failureRate", 0.1, "processingTime", constant(0), "concurrency", 4)
                .processor("unwired", "failureRate", 0.1, "processingTime", constant(0))
                .queue("ok").queue("errors")
                .wire("src", "wired").wire("wired", "unwired").wire("wired", Port.ERROR, "errors")
                .wire("unwired", "ok").build();
        Simulation sim = start(flow);
        sim.runUntil(20);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("errors").ready()).isEqualTo(snap.node("wired").failed()).isBetween(70L, 130L);
        assertThat(snap.node("unwired").dropped()).isEqualTo(snap.node("unwired").failed()).isPositive();
    }

    @Test
    void delayProcessorHoldsEachMessageForItsDelay() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 10.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", 10L)
                .processor("wait", "variant", Processor.Variant.DELAY, "delay", s(3))
                .queue("later")
                .wire("src", "wait").wire("wait", "later").build();
        Simulation sim = start(flow);
        sim.runUntil(3.05);
        assertThat(sim.snapshot().node("wait").inFlight()).isEqualTo(10);
        sim.runUntil(4.05);
        assertThat(sim.snapshot().node("later").ready()).isEqualTo(10);
    }

    @Test
    void processorWiredFromAQueueTakesOnlyWhatItsConcurrencyAllows() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 10.0, "arrival", Source.Arrival.BURSTS, "burstSize", 10, "messageLimit", 10L)
                .queue("q")
                .processor("p", "concurrency", 2, "processingTime", constant(1000))
                .wire("src", "q").wire("q", "p").build();
        Simulation sim = start(flow);
        sim.runUntil(1.5);
        assertThat(sim.snapshot().node("q").ready()).isEqualTo(8);
        assertThat(sim.snapshot().node("p").busy()).isEqualTo(2);
        sim.runUntil(10);
        assertThat(sim.snapshot().node("p").completed()).isEqualTo(10);
    }
}
