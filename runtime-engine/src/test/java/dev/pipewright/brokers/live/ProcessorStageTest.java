// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live processor stage decides and counts as the simulator's processor steps do. */
class ProcessorStageTest {
    private static Flow flow(List<Node> nodes, List<Edge> edges) {
        List<Node> all = new ArrayList<>(List.of(Queue.of("in", "in", Position.ORIGIN), Queue.of("a", "a", Position.ORIGIN),
                Queue.of("b", "b", Position.ORIGIN)));
        all.addAll(nodes);
        return new Flow(new FlowInfo("Stage", ""), all, edges);
    }

    private static ProcessorStage.Item item(String id, String body) {
        return new ProcessorStage.Item(id, body, body == null ? 100 : body.length(), Map.of(), null);
    }

    @Test
    void anOpaqueMessageIsSplitIntoBatchSizePartsAndCompletesAtTheSplitter() {
        Node split = Processor.of("s", "s", Position.ORIGIN).with("variant", Processor.Variant.SPLITTER).with("batchSize", 4);
        Flow f = flow(List.of(split), List.of(Edge.of("e1", "in", Port.OUT, "s"), Edge.of("e2", "s", Port.OUT, "a")));
        LiveLedger ledger = new LiveLedger(f);
        ProcessorStage.Result r = new ProcessorStage(f, ledger, 1).process("s", item("src-1", null));
        assertThat(r.outputs()).extracting(o -> o.item().id()).containsExactly("src-1.1", "src-1.2", "src-1.3", "src-1.4");
        assertThat(r.outputs()).allSatisfy(o -> assertThat(o.item().size()).isEqualTo(25));
        NodeTally t = ledger.tally("s");
        assertThat(List.of(t.made.get(), t.completed.get(), t.filtered.get())).containsExactly(4L, 1L, 0L);
    }

    @Test
    void anEmptyArrayIsFilteredAndAPayloadWithoutAnArrayPassesWhole() {
        Node split = Processor.of("s", "s", Position.ORIGIN).with("variant", Processor.Variant.SPLITTER)
                .with("expression", "$.items");
        Flow f = flow(List.of(split), List.of(Edge.of("e1", "in", Port.OUT, "s"), Edge.of("e2", "s", Port.OUT, "a")));
        LiveLedger ledger = new LiveLedger(f);
        ProcessorStage stage = new ProcessorStage(f, ledger, 1);
        assertThat(stage.process("s", item("src-1", "{\"items\": []}")).outputs()).isEmpty();
        assertThat(stage.process("s", item("src-2", "{\"other\": 1}")).outputs()).extracting(o -> o.item().id())
                .containsExactly("src-2");
        assertThat(ledger.tally("s").filtered.get()).isEqualTo(1);
    }

    @Test
    void aRouterWithoutAWireForItsRouteNorADefaultDropsTheMessage() {
        Node router = Processor.of("r", "r", Position.ORIGIN).with("variant", Processor.Variant.CONTENT_ROUTER)
                .with("routes", Map.of("big", "$.n > 5", "small", "$.n <= 5"));
        Flow f = flow(List.of(router), List.of(Edge.of("e1", "in", Port.OUT, "r"),
                Edge.of("e2", "r", Port.OUT, "a").withKey("big")));
        LiveLedger ledger = new LiveLedger(f);
        ProcessorStage stage = new ProcessorStage(f, ledger, 1);
        assertThat(stage.process("r", item("src-1", "{\"n\": 9}")).outputs()).extracting(o -> o.edge().to())
                .containsExactly("a");
        assertThat(stage.process("r", item("src-2", "{\"n\": 1}")).outputs()).isEmpty();
        assertThat(ledger.tally("r").dropped.get()).isEqualTo(1);
    }

    @Test
    void aFailureGoesToTheErrorWireOrIsDroppedWithoutOne() {
        Node failing = Processor.of("p", "p", Position.ORIGIN).with("failureRate", 1.0);
        Node alone = Processor.of("q", "q", Position.ORIGIN).with("failureRate", 1.0);
        Flow f = flow(List.of(failing, alone), List.of(Edge.of("e1", "in", Port.OUT, "p"), Edge.of("e2", "p", Port.OUT, "a"),
                Edge.of("e3", "p", Port.ERROR, "b"), Edge.of("e4", "in", Port.OUT, "q"), Edge.of("e5", "q", Port.OUT, "a")));
        LiveLedger ledger = new LiveLedger(f);
        ProcessorStage stage = new ProcessorStage(f, ledger, 1);
        assertThat(stage.process("p", item("src-1", "{}")).outputs()).extracting(o -> o.edge().to()).containsExactly("b");
        assertThat(stage.process("q", item("src-2", "{}")).outputs()).isEmpty();
        assertThat(List.of(ledger.tally("p").failed.get(), ledger.tally("q").failed.get(), ledger.tally("q").dropped.get()))
                .containsExactly(1L, 1L, 1L);
    }

    @Test
    void aMessageToTwoWiresIsCopiedOnceAndAChainedProcessorCountsItsOwn() {
        Node t = Processor.of("t", "t", Position.ORIGIN);
        Node f = Processor.of("f", "f", Position.ORIGIN).with("variant", Processor.Variant.FILTER).with("expression", "$.ok");
        Flow flow = flow(List.of(t, f), List.of(Edge.of("e1", "in", Port.OUT, "t"), Edge.of("e2", "t", Port.OUT, "a"),
                Edge.of("e3", "t", Port.OUT, "f"), Edge.of("e4", "f", Port.OUT, "b")));
        LiveLedger ledger = new LiveLedger(flow);
        ProcessorStage.Result r = new ProcessorStage(flow, ledger, 1).process("t", item("src-1", "{\"ok\": false}"));
        assertThat(r.outputs()).extracting(o -> o.edge().to()).containsExactly("a");
        assertThat(List.of(ledger.tally("t").made.get(), ledger.tally("f").delivered.get(), ledger.tally("f").filtered.get()))
                .containsExactly(1L, 1L, 1L);
    }

    private static final long SECOND = 1_000_000_000L;

    private static ProcessorStage.Receipt receipt(String id) {
        return new ProcessorStage.Receipt(id, null, 1, 0);
    }

    @Test
    void anAggregatorHoldsItsInputsUntilTheGroupIsCompleteThenSettlesThemWithTheAggregate() {
        Node agg = Processor.of("g", "g", Position.ORIGIN).with("variant", Processor.Variant.AGGREGATOR).with("batchSize", 3);
        Flow f = flow(List.of(agg), List.of(Edge.of("e1", "in", Port.OUT, "g"), Edge.of("e2", "g", Port.OUT, "a")));
        LiveLedger ledger = new LiveLedger(f);
        ProcessorStage stage = new ProcessorStage(f, ledger, 1);
        assertThat(stage.process("g", item("src-1", "{\"n\": 1}"), receipt("src-1"), 0).settles()).isEmpty();
        assertThat(stage.process("g", item("src-2", "{\"n\": 2}"), receipt("src-2"), 0).outputs()).isEmpty();
        assertThat(stage.held("g")).isEqualTo(2);
        ProcessorStage.Result r = stage.process("g", item("src-3", "{\"n\": 3}"), receipt("src-3"), 0);
        assertThat(r.outputs()).singleElement().satisfies(o -> assertThat(o.item().body())
                .isEqualTo("[{\"n\":1},{\"n\":2},{\"n\":3}]"));
        assertThat(r.settles()).extracting(ProcessorStage.Receipt::ledgerId).containsExactly("src-1", "src-2", "src-3");
        NodeTally t = ledger.tally("g");
        assertThat(List.of(t.completed.get(), t.made.get(), stage.held("g"))).containsExactly(3L, 1L, 0L);
    }

    @Test
    void anAggregatorsTimeoutReleasesAnIncompleteGroupOnlyOnceItIsDue() {
        Node agg = Processor.of("g", "g", Position.ORIGIN).with("variant", Processor.Variant.AGGREGATOR).with("batchSize", 5)
                .with("timeout", java.time.Duration.ofSeconds(2));
        Flow f = flow(List.of(agg), List.of(Edge.of("e1", "in", Port.OUT, "g"), Edge.of("e2", "g", Port.OUT, "a")));
        ProcessorStage stage = new ProcessorStage(f, new LiveLedger(f), 1);
        stage.process("g", item("src-1", null), receipt("src-1"), 10 * SECOND);
        stage.process("g", item("src-2", null), receipt("src-2"), 11 * SECOND);
        assertThat(stage.expire("g", 12 * SECOND - 1).outputs()).isEmpty();
        ProcessorStage.Result r = stage.expire("g", 12 * SECOND);
        assertThat(r.outputs()).singleElement().satisfies(o -> assertThat(o.item().size()).isEqualTo(200));
        assertThat(r.settles()).hasSize(2);
    }

    @Test
    void anAggregatorPastItsOpenGroupsReleasesTheOldestSoAPrefetchNeverStallsIt() {
        Node agg = Processor.of("g", "g", Position.ORIGIN).with("variant", Processor.Variant.AGGREGATOR).with("batchSize", 2)
                .with("expression", "$.k");
        Flow f = flow(List.of(agg), List.of(Edge.of("e1", "in", Port.OUT, "g"), Edge.of("e2", "g", Port.OUT, "a")));
        ProcessorStage stage = new ProcessorStage(f, new LiveLedger(f), 1);
        int limit = ProcessorStage.heldLimit((Processor) agg);
        List<String> released = new ArrayList<>();
        for (int k = 1; k <= limit; k++) {
            ProcessorStage.Result r = stage.process("g", item("src-" + k, "{\"k\": " + k + "}"), receipt("src-" + k), 0);
            r.settles().forEach(s -> released.add(s.ledgerId()));
            assertThat(stage.held("g")).isLessThan(limit);
        }
        assertThat(released).containsExactly("src-1");
    }

    @Test
    void aResequencerReleasesInOrderAndGivesAGapUpPastItsWindow() {
        Node reseq = Processor.of("r", "r", Position.ORIGIN).with("variant", Processor.Variant.RESEQUENCER).with("window", 2);
        Flow f = flow(List.of(reseq), List.of(Edge.of("e1", "in", Port.OUT, "r"), Edge.of("e2", "r", Port.OUT, "a")));
        ProcessorStage stage = new ProcessorStage(f, new LiveLedger(f), 1);
        List<String> out = new ArrayList<>();
        for (int n : new int[] {2, 1, 4, 5, 6, 3}) {
            ProcessorStage.Result r = stage.process("r", item("src-" + n, null), receipt("src-" + n), 0);
            r.outputs().forEach(o -> out.add(o.item().id()));
            assertThat(r.settles()).extracting(ProcessorStage.Receipt::ledgerId)
                    .containsExactlyElementsOf(r.outputs().stream().map(o -> o.item().id()).toList());
        }
        // 2 waits for 1; 4 and 5 wait for 3; 6 is one too many, so 3 is given up; a late 3 goes straight through.
        assertThat(out).containsExactly("src-1", "src-2", "src-4", "src-5", "src-6", "src-3");
        assertThat(stage.held("r")).isZero();
    }

    @Test
    void forgettingWhatIsHeldGivesBackTheirReceipts() {
        Node reseq = Processor.of("r", "r", Position.ORIGIN).with("variant", Processor.Variant.RESEQUENCER).with("window", 5);
        Flow f = flow(List.of(reseq), List.of(Edge.of("e1", "in", Port.OUT, "r"), Edge.of("e2", "r", Port.OUT, "a")));
        ProcessorStage stage = new ProcessorStage(f, new LiveLedger(f), 1);
        stage.process("r", item("src-3", null), receipt("src-3"), 0);
        stage.process("r", item("src-2", null), receipt("src-2"), 0);
        assertThat(stage.forget("r")).extracting(ProcessorStage.Receipt::ledgerId).containsExactly("src-2", "src-3");
        assertThat(stage.held("r")).isZero();
    }

    @Test
    void aClaimCheckInLeavesATokenThatTheClaimCheckOutExchangesForThePayloadOnce() {
        Node in = Processor.of("ci", "ci", Position.ORIGIN).with("variant", Processor.Variant.CLAIM_CHECK_IN);
        Node out = Processor.of("co", "co", Position.ORIGIN).with("variant", Processor.Variant.CLAIM_CHECK_OUT);
        Flow f = flow(List.of(in, out), List.of(Edge.of("e1", "in", Port.OUT, "ci"), Edge.of("e2", "ci", Port.OUT, "a"),
                Edge.of("e3", "b", Port.OUT, "co"), Edge.of("e4", "co", Port.OUT, "a")));
        ProcessorStage stage = new ProcessorStage(f, new LiveLedger(f), 1);
        String big = "{\"n\": 1, \"blob\": \"" + "x".repeat(500) + "\"}";
        ProcessorStage.Item token = stage.process("ci", item("src-1", big)).outputs().getFirst().item();
        assertThat(token.body()).isEqualTo("{\"claimCheck\":1}");
        assertThat(token.size()).isEqualTo(64);
        ProcessorStage.Item restored = stage.process("co", token).outputs().getFirst().item();
        assertThat(restored.body()).isEqualTo(big);
        assertThat(restored.size()).isEqualTo(big.length());
        // The claim is taken: the same token again, or one never issued, passes unchanged, as in the simulator.
        assertThat(stage.process("co", token).outputs().getFirst().item().body()).isEqualTo("{\"claimCheck\":1}");
        ProcessorStage.Item plain = item("src-2", "{\"n\": 2}");
        assertThat(stage.process("co", plain).outputs().getFirst().item()).isSameAs(plain);
    }
    @Test
    void anAggregatorFedStraightByASourceHoldsInMemoryWithNothingToSettle() {
        Node agg = Processor.of("agg", "agg", Position.ORIGIN).with("variant", Processor.Variant.AGGREGATOR)
                .with("batchSize", 3).with("timeout", null);
        List<Node> nodes = List.of(dev.pipewright.model.Source.of("src", "src", Position.ORIGIN), agg);
        Flow f = flow(nodes, List.of(Edge.of("e1", "src", Port.OUT, "agg"), Edge.of("e2", "agg", Port.OUT, "a")));
        LiveLedger ledger = new LiveLedger(f);
        ProcessorStage stage = new ProcessorStage(f, ledger, 1);
        assertThat(stage.fromSource("src", "agg", item("src-1", "{\"n\": 1}")).outputs()).isEmpty();
        assertThat(stage.fromSource("src", "agg", item("src-2", "{\"n\": 2}")).outputs()).isEmpty();
        assertThat(stage.held("agg")).isEqualTo(2);
        ProcessorStage.Result third = stage.fromSource("src", "agg", item("src-3", "{\"n\": 3}"));
        assertThat(third.outputs()).extracting(o -> o.item().body()).containsExactly("[{\"n\":1},{\"n\":2},{\"n\":3}]");
        assertThat(third.settles()).isEmpty();
        assertThat(stage.held("agg")).isZero();
        NodeTally t = ledger.tally("agg");
        assertThat(List.of(t.delivered.get(), t.processed.get(), t.completed.get(), t.made.get()))
                .containsExactly(3L, 3L, 3L, 1L);
        assertThat(ledger.tally("src").throughProcessors.get()).isEqualTo(3);
        // One more held at the end of a run is in flight at the aggregator, as the simulator counts it.
        stage.fromSource("src", "agg", item("src-4", "{\"n\": 4}"));
        assertThat(ProcessorStage.holdsInClient(f, (Processor) agg)).isTrue();
        assertThat(ledger.tally("agg").held.get()).isEqualTo(1);
    }

    @Test
    void aResequencerFedByAConsumerReleasesInOrderWithNothingToSettle() {
        Node reseq = Processor.of("r", "r", Position.ORIGIN).with("variant", Processor.Variant.RESEQUENCER);
        List<Node> nodes = List.of(dev.pipewright.model.Consumer.of("worker", "worker", Position.ORIGIN), reseq);
        Flow f = flow(nodes, List.of(Edge.of("e1", "in", Port.OUT, "worker"), Edge.of("e2", "worker", Port.OUT, "r"),
                Edge.of("e3", "r", Port.OUT, "a")));
        ProcessorStage stage = new ProcessorStage(f, new LiveLedger(f), 1);
        assertThat(stage.fromConsumer("r", item("src-2", "{}")).outputs()).isEmpty();
        ProcessorStage.Result r = stage.fromConsumer("r", item("src-1", "{}"));
        assertThat(r.outputs()).extracting(o -> o.item().id()).containsExactly("src-1", "src-2");
        assertThat(r.settles()).isEmpty();
    }

    @Test
    void whatGoesToAnEndpointOrAStoreIsHandedOverOncePerInputNotPublishedAndTheEndpointDropsWhatItRefuses() {
        Node p = Processor.of("p", "p", Position.ORIGIN).with("variant", Processor.Variant.TRANSFORM);
        Node crm = new dev.pipewright.model.Endpoint("crm", "crm", Position.ORIGIN, 1,
                dev.pipewright.model.Distribution.constant(java.time.Duration.ofHours(1)), List.of());
        Node outbox = dev.pipewright.model.MessageStore.of("outbox", "outbox", Position.ORIGIN);
        Flow f = flow(List.of(p, crm, outbox), List.of(Edge.of("e1", "in", Port.OUT, "p"), Edge.of("e2", "p", Port.OUT, "a"),
                Edge.of("e3", "p", Port.OUT, "crm"), Edge.of("e4", "p", Port.OUT, "outbox")));
        LiveLedger ledger = new LiveLedger(f);
        ProcessorStage.Result r = new ProcessorStage(f, ledger, 1).process("p", item("src-1", "{}"));
        assertThat(r.outputs()).extracting(o -> o.edge().to()).containsExactly("a");
        assertThat(r.local()).extracting(o -> o.edge().to()).containsExactly("crm", "outbox");
        // A copy for each wire beyond the first is made here, as the simulator's emit makes it.
        assertThat(ledger.tally("p").made.get()).isEqualTo(2);
        LiveEndpoints endpoints = new LiveEndpoints(f, ledger, 1);
        endpoints.start();
        try {
            endpoints.fromProcessor("p", List.of("src-1"), r.local(), null);
            assertThat(ledger.tally("crm").delivered.get()).isEqualTo(1);
            assertThat(ledger.tally("outbox").held.get()).isEqualTo(1);
            // The same input again (its acknowledgement was lost): handed over once only.
            endpoints.fromProcessor("p", List.of("src-1"), r.local(), null);
            assertThat(ledger.tally("crm").delivered.get()).isEqualTo(1);
            assertThat(ledger.tally("outbox").held.get()).isEqualTo(1);
            endpoints.setDown("crm", true);
            endpoints.fromProcessor("p", List.of("src-2"), r.local().subList(0, 1), null);
            assertThat(ledger.tally("crm").dropped.get()).isEqualTo(1);
            assertThat(ledger.tally("p").dropped.get()).isZero();
        } finally {
            endpoints.close();
        }
    }
}
