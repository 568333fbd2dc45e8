// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.Lineage;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import dev.pipewright.samples.SampleCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run's view model against the real engine. As in the app, the controller lives on one
 * thread (here a single-thread executor stands for the FX thread): every call and every read of
 * its state happens there, so a test never reads it while a posted result is being applied.
 */
class RunControllerTest {
    private final Flow flow = SampleCatalog.all().stream().filter(s -> s.id().equals("competing-consumers"))
            .findFirst().orElseThrow().load();
    private final ExecutorService fxThread = Executors.newSingleThreadExecutor();
    private final RunController run = new RunController(flow, fxThread::execute);

    @AfterEach
    void close() throws Exception {
        fx(run::close);
        fxThread.shutdown();
    }

    /** Runs {@code action} on the controller's thread and waits for it. */
    private void fx(Runnable action) throws Exception {
        fxThread.submit(action).get(20, TimeUnit.SECONDS);
    }

    private <T> T fx(Callable<T> question) throws Exception {
        return fxThread.submit(question).get(20, TimeUnit.SECONDS);
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!fx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(10); // polling, not timing: the condition decides
        }
    }

    private void runABit() throws Exception {
        fx(() -> {
            run.speedProperty().set(SpeedChoice.MAX);
            run.play();
        });
        waitUntil(() -> run.latest() != null && run.latest().time() > 5);
        fx(run::pause);
    }

    private Flow withExtraConsumer() {
        return flow.withNode(Consumer.of("extra", "Extra", new Position(480, 260)))
                .withEdge(Edge.of("e3", "orders", Port.OUT, "extra"));
    }

    @Test
    void addingAConsumerWhileRunningAsksForARestartAndRestartAppliesIt() throws Exception {
        runABit();
        fx(() -> run.flowEdited(withExtraConsumer()));
        waitUntil(run.restartNeededProperty()::get);
        assertThat(fx(run.noticeProperty()::get)).containsIgnoringCase("restart");
        int before = fx(run.runNumberProperty()::get);
        fx(run::restart);
        RunController.Status after = fx(run.statusProperty()::get);
        assertThat(after.restartNeeded()).isFalse();
        assertThat(after.notice()).isEmpty();
        assertThat(after.runNumber()).isEqualTo(before + 1);
        assertThat(fx(() -> run.runningFlow().edges())).hasSize(3);
    }

    @Test
    void anObserverOfOnePartOfTheStatusSeesTheRestOfTheSameChange() throws Exception {
        List<String> seen = new ArrayList<>();
        fx(() -> {
            run.restartNeededProperty().addListener((obs, was, now) -> seen.add(now + ": " + run.noticeProperty().get()));
            run.runNumberProperty().addListener((obs, was, now) -> seen.add("run " + now + ", playing "
                    + run.playingProperty().get() + ", restart " + run.restartNeededProperty().get()));
        });
        runABit();
        fx(() -> run.flowEdited(withExtraConsumer()));
        waitUntil(run.restartNeededProperty()::get);
        fx(() -> {
            run.play();
            run.restart();
        });

        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).startsWith("true: ").containsIgnoringCase("restart");
        assertThat(seen.get(1)).isEqualTo("false: ");
        assertThat(seen.get(2)).startsWith("run ").endsWith(", playing false, restart false");
    }

    @Test
    void changingInstancesWhileRunningIsAppliedInPlace() throws Exception {
        runABit();
        Consumer c = (Consumer) flow.node("order-processor").orElseThrow();
        Flow four = flow.replaceNode(new Consumer(c.id(), c.name(), c.position(), 4, c.prefetch(), c.processingTime(),
                c.failureRate(), c.onFailure(), c.ackMode(), c.crashes(), c.replies(), c.failFirstAttempts(), c.failWhen()));
        fx(() -> run.flowEdited(four));
        waitUntil(() -> run.runningFlow() == four);
        assertThat(fx(run.restartNeededProperty()::get)).isFalse();
        fx(run::play);
        waitUntil(() -> {
            var s = run.latest().node("order-processor");
            return s.busy() + s.idle() == 4;
        });
    }

    @Test
    void anEditThatBreaksTheFlowKeepsTheRunGoingAndSaysWhy() throws Exception {
        runABit();
        fx(() -> run.flowEdited(flow.withoutEdges(List.of("e2"))));
        waitUntil(() -> run.noticeProperty().get().startsWith("The edited flow can't run"));
        assertThat(fx(run::runningFlow)).isEqualTo(flow);
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
    void crashingEveryInstanceThenRestoringThemIsVisibleInTheSnapshots() throws Exception {
        runABit();
        fx(() -> {
            for (int i = 0; i < 3; i++) {
                run.faultActions().crashInstance("order-processor");
            }
        });
        waitUntil(() -> run.latest().node("order-processor").crashed() == 3);
        assertThat(fx(() -> run.faults().crashedCount("order-processor"))).isEqualTo(3);
        fx(() -> {
            for (int i = 0; i < 3; i++) {
                run.faultActions().restoreInstance("order-processor");
            }
        });
        waitUntil(() -> run.latest().node("order-processor").crashed() == 0);
        waitUntil(() -> run.infoProperty().get().startsWith("Restored instance 1"));
    }

    /**
     * Every instance is crashed before the run starts, and the source stops after 1,900 messages,
     * all among the first {@link Lineage#ALL_UP_TO} whose lineage is always kept: with no limit, a
     * run at full speed could publish the 128,000 messages after which a waiting message's sampled
     * slot goes to a newer one before the pause arrives, and the test would then depend on how fast
     * the machine happened to be (it did, once in six runs).
     */
    @Test
    void messagesAndTheirLineageComeBackFromTheEngine() throws Exception {
        Source source = (Source) flow.node("order-service").orElseThrow();
        Flow limited = flow.replaceNode(new Source(source.id(), source.name(), source.position(), source.rate(),
                source.arrival(), source.burstSize(), 1900L, source.payloadTemplate(), source.payloadSize(),
                source.headers(), source.priorityMix(), source.routingKeys(), source.duplicateRate(),
                source.replyQueue(), source.replyTimeout(), source.confirms(), source.script()));
        RunController traced = fx(() -> new RunController(limited, fxThread::execute));
        try {
            fx(() -> {
                traced.speedProperty().set(SpeedChoice.MAX);
                traced.faultActions().crashInstance("order-processor");
                traced.faultActions().crashInstance("order-processor");
                traced.faultActions().crashInstance("order-processor");
                traced.play();
            });
            waitUntil(() -> traced.latest().node("orders").ready() > 200);
            fx(traced::pause);
            CompletableFuture<List<MessageView>> peeked = new CompletableFuture<>();
            fx(() -> traced.peek("orders", 200, peeked::complete));
            List<MessageView> messages = peeked.get(20, TimeUnit.SECONDS);
            assertThat(messages).isNotEmpty();
            MessageView first = messages.getFirst();
            CompletableFuture<Optional<Lineage>> lineage = new CompletableFuture<>();
            fx(() -> traced.lineage(first.id(), lineage::complete));
            Optional<Lineage> found = lineage.get(20, TimeUnit.SECONDS);
            assertThat(found).isPresent();
            assertThat(LineageText.of(found)).contains("order-service").contains("orders");
        } finally {
            fx(traced::close);
        }
    }
}
