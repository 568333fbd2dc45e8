// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Source;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The claims of the duplicate-detection lesson, on its sample. */
class DuplicateDetectionLessonTest {
    private static final String ID = "duplicate-detection";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Flow flow = Lessons.flow(ID);
    private final Source gateway = Lessons.node(flow, "gateway", Source.class);
    private final Processor dedupe = Lessons.node(flow, "dedupe", Processor.class);

    /** Runs with the ledger paused, so every payment that passed the receiver is still in payments.unique. */
    private static Simulation runHeld(Flow f, double seconds) {
        Simulation sim = Simulation.create(f, 42);
        sim.pauseConsumer("ledger", true);
        sim.runUntil(seconds);
        return sim;
    }

    private static List<String> paymentIds(Simulation sim) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (MessageView m : sim.peek("unique-payments", 100_000)) {
            ids.add(JSON.readTree(m.payload()).get("paymentId").asText());
        }
        return ids;
    }

    @Test
    void aboutOneInTenIsPublishedTwiceAndTheReceiverPassesEachIdOnce() throws Exception {
        Simulation sim = runHeld(flow, 60);
        Snapshot s = sim.snapshot();
        long sent = s.node("gateway").out();
        long unique = s.node("unique-payments").in();
        long caught = s.node("dedupe").duplicatesCaught();
        assertThat(gateway.duplicateRate()).isEqualTo(0.1);
        assertThat(unique).isBetween(Math.round(gateway.rate() * 60) - 2, Math.round(gateway.rate() * 60));
        assertThat((double) caught / unique).isBetween(0.07, 0.13);
        assertThat(sent).isEqualTo(unique + caught + s.node("dedupe").inFlight() + s.node("incoming").depth());
        List<String> ids = paymentIds(sim);
        assertThat(ids).hasSize((int) unique).doesNotHaveDuplicates();
        assertThat(sent / 60.0).isBetween(21.0, 23.0);
        assertThat(Lessons.prose(ID)).contains("about 1 in 10 payments twice", "`" + dedupe.expression() + "`",
                "the last 1,000 ids", "about 22 messages a second for " + (long) gateway.rate() + " payments a second",
                "only " + (long) gateway.rate() + " a second");
        assertThat(dedupe.window()).isEqualTo(1000);
    }

    @Test
    void withoutTheReceiverTheLedgerWouldBookTheDuplicates() {
        Flow passThrough = flow.replaceNode(dedupe.with("variant", Processor.Variant.TRANSFORM));
        Snapshot s = runHeld(passThrough, 60).snapshot();
        assertThat(s.node("unique-payments").in()).isGreaterThan(Math.round(gateway.rate() * 60 * 1.05));
    }

    @Test
    void aFloodOrMoreDuplicatesStillPassEachIdOnce() throws Exception {
        Simulation flooded = Simulation.create(flow, 42);
        flooded.pauseConsumer("ledger", true);
        flooded.runUntil(10);
        flooded.flood(gateway.id(), 5, 10);
        flooded.runUntil(30);
        assertThat(paymentIds(flooded)).doesNotHaveDuplicates();
        assertThat(flooded.snapshot().node("dedupe").duplicatesCaught()).isGreaterThan(Math.round(gateway.rate() * 5 * 10 * 0.07));

        Simulation half = runHeld(flow.replaceNode(gateway.with("duplicateRate", 0.5)), 30);
        long caught = half.snapshot().node("dedupe").duplicatesCaught();
        assertThat((double) caught / half.snapshot().node("unique-payments").in()).isBetween(0.4, 0.6);
        assertThat(paymentIds(half)).doesNotHaveDuplicates();
    }

    @Test
    void aWindowOfOneCatchesEveryDuplicateHereBecauseTheTwinComesRightBehind() {
        long caught = runHeld(flow, 60).snapshot().node("dedupe").duplicatesCaught();
        Snapshot s = runHeld(flow.replaceNode(dedupe.with("window", 1)), 60).snapshot();
        assertThat(s.node("dedupe").duplicatesCaught()).isEqualTo(caught);
    }

    @Test
    void bothProfilesRunTheReceiverTheSameWay() {
        Set<Long> caught = new HashSet<>();
        for (Broker broker : Broker.values()) {
            caught.add(runHeld(flow.withInfo(flow.info().withBroker(broker)), 30).snapshot().node("dedupe").duplicatesCaught());
        }
        assertThat(caught).hasSize(1);
    }
}
