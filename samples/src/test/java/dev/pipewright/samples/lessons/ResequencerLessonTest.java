// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Processor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The claims of the resequencer lesson, on its sample. */
class ResequencerLessonTest {
    private static final String ID = "resequencer";

    private final Flow flow = Lessons.flow(ID);
    private final Consumer enrichers = Lessons.node(flow, "enrichers", Consumer.class);
    private final Processor resequencer = Lessons.node(flow, "resequencer", Processor.class);

    /** Trade ids in the order the ledger would get them: trades.ordered with the ledger paused. */
    private static List<Long> ledgerOrder(Simulation sim) {
        return sim.peek("trades-ordered", 100_000).stream().map(MessageView::id).toList();
    }

    private static Simulation runHeld(Flow f, List<Long> finished, double seconds) {
        Simulation sim = Simulation.create(f, 42);
        sim.pauseConsumer("ledger", true);
        sim.setMessageEvents(e -> {
            if (e.node().equals("enrichers") && e.event().equals("ack")) {
                finished.add(e.message());
            }
        });
        sim.runUntil(seconds);
        return sim;
    }

    private static double overtaking(List<Long> order) {
        int overtook = 0;
        long highest = Long.MIN_VALUE;
        for (long id : order) {
            if (id < highest) {
                overtook++;
            }
            highest = Math.max(highest, id);
        }
        return (double) overtook / order.size();
    }

    @Test
    void theEnrichersFinishOutOfOrderAndTheLedgerGetsEveryTradeInSequence() {
        List<Long> finished = new ArrayList<>();
        Simulation sim = runHeld(flow, finished, 60);
        assertThat(enrichers.instances()).isEqualTo(4);
        assertThat(overtaking(finished)).isGreaterThan(0.1);
        List<Long> ledger = ledgerOrder(sim);
        assertThat(ledger).isSorted().doesNotHaveDuplicates();
        assertThat((long) ledger.size() + sim.snapshot().node("resequencer").inFlight()).isEqualTo(finished.size());
        assertThat(Lessons.prose(ID)).contains("Four enrichers", "well over a tenth of them overtake");
    }

    @Test
    void theResequencerHoldsAFewTradesAtAlmostAnyMoment() {
        Simulation sim = Simulation.create(flow, 42);
        int samples = 0;
        int holding = 0;
        for (double t = 1; t <= 60; t += 0.25) {
            sim.runUntil(t);
            samples++;
            if (sim.snapshot().node("resequencer").inFlight() > 0) {
                holding++;
            }
        }
        assertThat((double) holding / samples).isGreaterThan(0.6);
    }

    @Test
    void aLostTradeHoldsTheOnesBehindItForTheTimeout() {
        double timeout = resequencer.timeout().toNanos() / 1e9;
        assertThat(timeout).isEqualTo(30);
        Flow lossy = flow.replaceNode(enrichers.with("failureRate", 0.01).with("onFailure", Consumer.FailureAction.REJECT));
        Simulation sim = runHeld(lossy, new ArrayList<>(), 90);
        assertThat(sim.snapshot().node("enrichers").dropped()).isPositive();
        assertThat(ledgerOrder(sim)).isSorted();
        Simulation flowing = Simulation.create(lossy, 42);
        flowing.runUntil(90);
        // The window fills before the timeout passes: 1,000 trades at 50 a second is 20 s.
        double windowFull = resequencer.window() / Lessons.node(flow, "trades", dev.pipewright.model.Source.class).rate();
        assertThat(windowFull).isEqualTo(20).isLessThan(timeout);
        assertThat(flowing.snapshot().node("ledger").endToEnd().maxMs() / 1000).isBetween(windowFull, windowFull + 1);
        assertThat(Lessons.prose(ID)).contains("timeout of " + (long) timeout + " s", "failureRate to 0.01",
                "window of 1,000 trades", "after " + (long) windowFull + " s");
    }

    @Test
    void aShortTimeoutLetsSlowTradesThroughOutOfOrder() {
        Flow hasty = flow.replaceNode(resequencer.with("timeout", Duration.ofMillis(100)));
        Simulation sim = runHeld(hasty, new ArrayList<>(), 60);
        assertThat(ledgerOrder(sim)).isNotEqualTo(ledgerOrder(sim).stream().sorted().toList());
        assertThat(Lessons.prose(ID)).contains("timeout to 100ms");
    }

    @Test
    void withAnEnricherCrashedTheOrderStillHolds() {
        Simulation sim = Simulation.create(flow, 42);
        sim.pauseConsumer("ledger", true);
        sim.runUntil(10);
        sim.crashConsumerInstance(enrichers.id(), 0);
        sim.runUntil(40);
        assertThat(ledgerOrder(sim)).isSorted().doesNotHaveDuplicates();
    }
}
