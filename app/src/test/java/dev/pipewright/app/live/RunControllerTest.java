// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Lineage;
import dev.pipewright.engine.MessageView;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Flow;
import dev.pipewright.samples.SampleCatalog;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run's view model against the real engine; "FX thread" work runs where it is posted. */
class RunControllerTest {
    private final Flow flow = SampleCatalog.all().stream().filter(s -> s.id().equals("competing-consumers"))
            .findFirst().orElseThrow().load();
    private final RunController run = new RunController(flow, Runnable::run);

    @AfterEach
    void close() {
        run.close();
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(10); // polling, not timing: the condition decides
        }
    }

    private void runABit() throws InterruptedException {
        run.speedProperty().set(SpeedChoice.MAX);
        run.play();
        waitUntil(() -> run.latest() != null && run.latest().time() > 5);
        run.pause();
    }

    @Test
    void addingAConsumerWhileRunningAsksForARestartAndRestartAppliesIt() throws InterruptedException {
        runABit();
        Flow more = flow.withNode(Consumer.of("extra", "Extra", new Position(480, 260)))
                .withEdge(Edge.of("e3", "orders", Port.OUT, "extra"));
        run.flowEdited(more);
        waitUntil(run.restartNeededProperty()::get);
        assertThat(run.noticeProperty().get()).containsIgnoringCase("restart");
        int before = run.runNumberProperty().get();
        run.restart();
        assertThat(run.restartNeededProperty().get()).isFalse();
        assertThat(run.noticeProperty().get()).isEmpty();
        assertThat(run.runNumberProperty().get()).isEqualTo(before + 1);
        assertThat(run.runningFlow().edges()).hasSize(3);
    }

    @Test
    void changingInstancesWhileRunningIsAppliedInPlace() throws InterruptedException {
        runABit();
        Consumer c = (Consumer) flow.node("order-processor").orElseThrow();
        Flow four = flow.replaceNode(new Consumer(c.id(), c.name(), c.position(), 4, c.prefetch(), c.processingTime(),
                c.failureRate(), c.onFailure(), c.ackMode(), c.crashes(), c.replies()));
        run.flowEdited(four);
        waitUntil(() -> run.runningFlow() == four);
        assertThat(run.restartNeededProperty().get()).isFalse();
        run.play();
        waitUntil(() -> {
            var s = run.latest().node("order-processor");
            return s.busy() + s.idle() == 4;
        });
    }

    @Test
    void anEditThatBreaksTheFlowKeepsTheRunGoingAndSaysWhy() throws InterruptedException {
        runABit();
        run.flowEdited(flow.withoutEdges(List.of("e2")));
        waitUntil(() -> run.noticeProperty().get().startsWith("The edited flow can't run"));
        assertThat(run.runningFlow()).isEqualTo(flow);
    }

    @Test
    void aFlowThatCannotRunSaysWhyInsteadOfStarting() {
        RunController broken = new RunController(flow.withoutEdges(List.of("e1", "e2")), Runnable::run);
        broken.play();
        assertThat(broken.latest()).isNull();
        assertThat(broken.noticeProperty().get()).startsWith("The flow can't run yet");
        broken.close();
    }

    @Test
    void crashingEveryInstanceThenRestoringThemIsVisibleInTheSnapshots() throws InterruptedException {
        runABit();
        for (int i = 0; i < 3; i++) {
            run.crashInstance("order-processor");
        }
        waitUntil(() -> run.latest().node("order-processor").crashed() == 3);
        assertThat(run.faults().crashedCount("order-processor")).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            run.restoreInstance("order-processor");
        }
        waitUntil(() -> run.latest().node("order-processor").crashed() == 0);
        assertThat(run.infoProperty().get()).startsWith("Restored instance");
    }

    @Test
    void messagesAndTheirLineageComeBackFromTheEngine() throws Exception {
        runABit();
        run.crashInstance("order-processor");
        run.crashInstance("order-processor");
        run.crashInstance("order-processor");
        run.play();
        waitUntil(() -> run.latest().node("orders").ready() > 200);
        run.pause();
        CompletableFuture<List<MessageView>> peeked = new CompletableFuture<>();
        run.peek("orders", 200, peeked::complete);
        List<MessageView> messages = peeked.get(20, TimeUnit.SECONDS);
        assertThat(messages).isNotEmpty();
        MessageView traced = messages.stream().filter(m -> Lineage.sampled(m.id())).findFirst().orElseThrow();
        CompletableFuture<Optional<Lineage>> lineage = new CompletableFuture<>();
        run.lineage(traced.id(), lineage::complete);
        Optional<Lineage> found = lineage.get(20, TimeUnit.SECONDS);
        assertThat(found).isPresent();
        assertThat(LineageText.of(found)).contains("order-service").contains("orders");
    }
}
