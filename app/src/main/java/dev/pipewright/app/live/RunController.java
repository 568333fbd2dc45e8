// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.api.ApplyResult;
import dev.pipewright.engine.EngineRunner;
import dev.pipewright.engine.api.FlowNotRunnableException;
import dev.pipewright.engine.api.Lineage;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.engine.report.Reports;
import dev.pipewright.engine.report.RunReport;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import dev.pipewright.app.editor.Slice;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The run of the flow being edited, as the live view controls it: play, pause, step, reset,
 * speed and seed; edits of the flow applied to the running engine, or a notice that they need a
 * restart; faults and what-ifs injected by hand. A view model: it knows no controls.
 *
 * <p>Threads: call it on the FX thread. It only queues work for the engine thread
 * ({@link EngineRunner} methods return at once) and never waits for a future; results come back
 * through one coalesced post to the FX executor.
 *
 * <p>What the controls show (playing, restart needed, the notice, the latest action, the run
 * number) is one immutable {@link Status} published at once, so no observer sees a restart asked
 * for without its notice, or a new run still playing the old one.
 */
public final class RunController implements AutoCloseable {
    /** What a flood does: this many times the rate... */
    public static final double FLOOD_FACTOR = 10;
    /** ...for this many virtual seconds. */
    public static final double FLOOD_SECONDS = 5;

    private final FxMailbox mailbox;
    private final RunFaults faults = new RunFaults();
    private EngineRunner runner;
    private Flow edited;
    private Flow running;
    private long editGeneration;
    private long runSeed;

    /**
     * What the run controls show at one moment.
     *
     * @param playing the engine runs (not paused)
     * @param restartNeeded an edit could not be applied to the running engine; {@link #restart()} applies it
     * @param notice what the user must know about the run now (a restart is needed, the flow can't run), or empty
     * @param info the latest thing done by hand (a fault injected), for a status line, or empty
     * @param runNumber goes up on every reset or restart, so views drop what they drew of the old run
     */
    public record Status(boolean playing, boolean restartNeeded, String notice, String info, int runNumber) {
        static final Status START = new Status(false, false, "", "", 0);

        public Status {
            Objects.requireNonNull(notice, "notice");
            Objects.requireNonNull(info, "info");
        }

        Status withPlaying(boolean p) {
            return new Status(p, restartNeeded, notice, info, runNumber);
        }

        /** The notice, and whether it asks for a restart. */
        Status withNotice(boolean restart, String text) {
            return new Status(playing, restart, text, info, runNumber);
        }

        Status withInfo(String text) {
            return new Status(playing, restartNeeded, notice, text, runNumber);
        }

        /** A new run, paused, with nothing to say yet. */
        Status nextRun() {
            return new Status(false, false, "", "", runNumber + 1);
        }
    }

    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.START);
    private final ReadOnlyBooleanProperty playing = Slice.ofBoolean(status, "playing", Status::playing);
    private final ReadOnlyBooleanProperty restartNeeded = Slice.ofBoolean(status, "restartNeeded", Status::restartNeeded);
    private final ReadOnlyStringProperty notice = Slice.ofString(status, "notice", Status::notice);
    private final ReadOnlyStringProperty info = Slice.ofString(status, "info", Status::info);
    private final ReadOnlyIntegerProperty runNumber = Slice.ofInt(status, "runNumber", Status::runNumber);
    private final ReadOnlyIntegerWrapper steps = new ReadOnlyIntegerWrapper(this, "steps", 0);
    private final ObjectProperty<SpeedChoice> speed = new SimpleObjectProperty<>(this, "speed", SpeedChoice.REAL_TIME);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 42);

    /**
     * @param initial the flow to run
     * @param fx runs a task on the FX thread ({@code Platform::runLater})
     */
    public RunController(Flow initial, Executor fx) {
        this.edited = Objects.requireNonNull(initial, "initial");
        this.mailbox = new FxMailbox(fx);
        speed.addListener((obs, old, now) -> applySpeed());
    }

    // ---------------------------------------------------------------- properties

    /** All that the run controls show, as one value; the properties below are parts of it. */
    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while the engine runs (not paused). */
    public ReadOnlyBooleanProperty playingProperty() {
        return playing;
    }

    /** True when an edit could not be applied to the running engine; {@link #restart()} applies it. */
    public ReadOnlyBooleanProperty restartNeededProperty() {
        return restartNeeded;
    }

    /** What the user must know about the run now (a restart is needed, the flow can't run), or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice;
    }

    /** The latest thing done by hand (a fault injected), for a status line. */
    public ReadOnlyStringProperty infoProperty() {
        return info;
    }

    /** Counts runs: goes up on every reset or restart, so views drop what they drew of the old run. */
    public ReadOnlyIntegerProperty runNumberProperty() {
        return runNumber;
    }

    /** Counts single steps, so the view animates what one step moved. */
    public ReadOnlyIntegerProperty stepsProperty() {
        return steps.getReadOnlyProperty();
    }

    public ObjectProperty<SpeedChoice> speedProperty() {
        return speed;
    }

    /** The seed the next reset uses. */
    public LongProperty seedProperty() {
        return seed;
    }

    /** The latest snapshot of the run, or null before the first run. Never blocks. */
    public Snapshot latest() {
        return runner == null ? null : runner.latest();
    }

    /** The flow the engine runs (edits that need a restart are not in it), or the edited flow before a run. */
    public Flow runningFlow() {
        return running != null ? running : edited;
    }

    /** The faults injected in this run, to show which buttons apply. */
    public RunFaults faults() {
        return faults;
    }

    // ---------------------------------------------------------------- run controls

    public void play() {
        if (ensureRunner()) {
            runner.play();
            status.set(status.get().withPlaying(true));
        }
    }

    public void pause() {
        if (runner != null) {
            runner.pause();
        }
        status.set(status.get().withPlaying(false));
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /**
     * Pauses, then runs {@code then} on the FX thread once the engine has paused and published
     * its snapshot (at once when there is no run).
     */
    public void pauseThen(Runnable then) {
        pause();
        if (runner == null) {
            then.run();
            return;
        }
        runner.submit(sim -> { }).whenComplete((v, error) -> mailbox.post(then));
    }

    /** Processes exactly one event (pausing first if playing). */
    public void step() {
        if (!ensureRunner()) {
            return;
        }
        if (playing.get()) {
            pause();
        }
        runner.step();
        steps.set(steps.get() + 1);
    }

    /** Starts the run again from time zero with the edited flow and the seed, paused. */
    public void reset() {
        startOver(false);
    }

    /** Applies an edit that needs a restart: starts over with the edited flow and plays on if it was playing. */
    public void restart() {
        startOver(playing.get());
    }

    private void startOver(boolean playAfter) {
        if (runner == null) {
            status.set(status.get().nextRun());
            if (playAfter) {
                play();
            }
            return;
        }
        if (!runnable(edited)) {
            return;
        }
        runner.reset(edited, seed.get());
        runSeed = seed.get();
        running = edited;
        faults.clear();
        status.set(status.get().nextRun()); // a fault's message belongs to the run it was done in
        applySpeed();
        if (playAfter) {
            play();
        }
    }

    /**
     * Called on every edit of the flow. Before a run starts, the next run simply uses it; while a
     * run goes, the engine applies it in place where it can, else a notice asks for a restart. A
     * different document (no node in common) resets the run.
     */
    public void flowEdited(Flow flow) {
        edited = Objects.requireNonNull(flow, "flow");
        if (runner == null) {
            status.set(status.get().withNotice(false, ""));
            return;
        }
        Snapshot s = runner.latest();
        boolean untouched = s.events() == 0 && !playing.get();
        if (untouched || !sharesNodes(running, flow)) {
            if (runnable(flow)) {
                runner.reset(flow, seed.get());
                runSeed = seed.get();
                running = flow;
                faults.clear();
                status.set(status.get().nextRun());
            }
            return;
        }
        long generation = ++editGeneration;
        AtomicReference<ApplyResult> result = new AtomicReference<>();
        runner.submit(sim -> result.set(sim.applyFlow(flow)))
                .whenComplete((v, error) -> mailbox.post(() -> applied(generation, flow, result.get(), error)));
    }

    private void applied(long generation, Flow flow, ApplyResult result, Throwable error) {
        if (generation != editGeneration) {
            return; // a later edit is on its way; its answer is the one to show
        }
        Throwable cause = error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error;
        Status now = status.get();
        if (cause instanceof FlowNotRunnableException e) {
            status.set(now.withNotice(false, "The edited flow can't run (" + first(e.problems())
                    + "); the run goes on with the last version that could."));
        } else if (cause != null) {
            status.set(now.withNotice(now.restartNeeded(), "The change could not be applied: " + cause.getMessage()));
        } else if (result.applied()) {
            running = flow;
            status.set(now.withNotice(false, ""));
        } else {
            status.set(now.withNotice(true, capitalise(result.reason())));
        }
    }

    private static boolean sharesNodes(Flow a, Flow b) {
        if (a == null) {
            return false;
        }
        Set<String> ids = a.nodes().stream().map(Node::id).collect(Collectors.toSet());
        return b.nodes().stream().anyMatch(n -> ids.contains(n.id()));
    }

    /** Creates the engine on first use; false (with a notice) when the flow cannot run. */
    private boolean ensureRunner() {
        if (runner != null) {
            return true;
        }
        if (!runnable(edited)) {
            return false;
        }
        runner = new EngineRunner(Simulation.create(edited, seed.get(), RunLimits.INTERACTIVE));
        runSeed = seed.get();
        running = edited;
        applySpeed();
        return true;
    }

    /**
     * True when {@code flow} can run; else says why in the notice. Checked here because a reset
     * of the engine with a flow that cannot run would fail on the engine thread.
     */
    private boolean runnable(Flow flow) {
        try {
            Simulation.create(flow, seed.get());
            if (!status.get().restartNeeded()) {
                status.set(status.get().withNotice(false, ""));
            }
            return true;
        } catch (FlowNotRunnableException e) {
            status.set(status.get().withNotice(status.get().restartNeeded(),
                    "The flow can't run yet: " + first(e.problems()) + " (see Problems)."));
            return false;
        }
    }

    private static String first(List<String> problems) {
        return problems.isEmpty() ? "it has errors"
                : problems.getFirst() + (problems.size() > 1 ? " — and " + (problems.size() - 1) + " more" : "");
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void applySpeed() {
        if (runner == null) {
            return;
        }
        SpeedChoice s = speed.get();
        if (s.max()) {
            runner.setAsFastAsPossible();
        } else {
            runner.setSpeed(s.factor());
        }
    }

    /**
     * Called once a frame: follows the engine when it stopped by itself (an event failed), so the
     * controls show the truth.
     */
    public void poll() {
        if (runner == null) {
            return;
        }
        if (playing.get() && !runner.isPlaying() && runner.failure() != null) {
            status.set(status.get().withPlaying(false).withNotice(false,
                    "The run stopped: " + runner.failure().getMessage()));
        }
    }

    // ---------------------------------------------------------------- faults and what-ifs

    /** Crashes the lowest-numbered running instance of a consumer. */
    public void crashInstance(String consumerId) {
        int instances = faults.instances(consumerId, runningFlow());
        int index = faults.nextToCrash(consumerId, instances);
        if (index < 0) {
            tell("Every instance of '" + name(consumerId) + "' has crashed already");
            return;
        }
        faults.crashed(consumerId, index);
        act(sim -> sim.crashConsumerInstance(consumerId, index),
                "Crashed instance " + (index + 1) + " of '" + name(consumerId) + "'");
    }

    /** Brings back the instance of a consumer crashed last. */
    public void restoreInstance(String consumerId) {
        int index = faults.nextToRestore(consumerId);
        if (index < 0) {
            tell("No instance of '" + name(consumerId) + "' was crashed by hand");
            return;
        }
        act(sim -> sim.restoreConsumerInstance(consumerId, index),
                "Restored instance " + (index + 1) + " of '" + name(consumerId) + "'");
    }

    public void setConsumerPaused(String consumerId, boolean paused) {
        faults.setPaused(consumerId, paused);
        act(sim -> sim.pauseConsumer(consumerId, paused), (paused ? "Paused" : "Resumed") + " '" + name(consumerId) + "'");
    }

    /** Adds (or with a negative {@code delta} removes) consumer instances, keeping at least one. */
    public void changeInstances(String consumerId, int delta) {
        int now = Math.max(1, faults.instances(consumerId, runningFlow()) + delta);
        faults.setInstances(consumerId, now);
        act(sim -> sim.setConsumerInstances(consumerId, now), "'" + name(consumerId) + "' now runs " + now
                + (now == 1 ? " instance" : " instances"));
    }

    public void setSourceRate(String sourceId, double rate) {
        faults.setRate(sourceId, rate);
        act(sim -> sim.setSourceRate(sourceId, rate), "'" + name(sourceId) + "' now sends "
                + LiveFormat.rate(rate));
    }

    /** Multiplies a source's rate by {@link #FLOOD_FACTOR} for {@link #FLOOD_SECONDS} of virtual time. */
    public void flood(String sourceId) {
        act(sim -> sim.flood(sourceId, FLOOD_FACTOR, FLOOD_SECONDS), "Flooding from '" + name(sourceId) + "': "
                + (int) FLOOD_FACTOR + "× for " + (int) FLOOD_SECONDS + " s");
    }

    public void setEndpointDown(String endpointId, boolean down) {
        faults.setDown(endpointId, down);
        act(sim -> sim.setEndpointDown(endpointId, down), "'" + name(endpointId) + "' is " + (down ? "down" : "up"));
    }

    private void act(Consumer<Simulation> action, String done) {
        if (!ensureRunner()) {
            return;
        }
        runner.submit(action).whenComplete((v, error) -> mailbox.post(() -> {
            Throwable cause = error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error;
            tell(cause == null ? done : "Could not do that: " + cause.getMessage());
        }));
    }

    private void tell(String text) {
        status.set(status.get().withInfo(text));
    }

    private String name(String nodeId) {
        return runningFlow().node(nodeId).map(Node::name).orElse(nodeId);
    }

    // ---------------------------------------------------------------- inspection

    /** Fetches up to {@code limit} messages waiting in a queue; {@code then} gets them on the FX thread. */
    public void peek(String queueId, int limit, Consumer<List<MessageView>> then) {
        ask(sim -> sim.peek(queueId, limit), then, List.of());
    }

    /** Fetches a message's lineage; {@code then} gets it (empty when not traced) on the FX thread. */
    public void lineage(long messageId, Consumer<Optional<Lineage>> then) {
        ask(sim -> sim.lineage(messageId), then, Optional.empty());
    }

    private <T> void ask(java.util.function.Function<Simulation, T> question, Consumer<T> then, T none) {
        if (runner == null) {
            then.accept(none);
            return;
        }
        AtomicReference<T> answer = new AtomicReference<>(none);
        CompletableFuture<Void> done = runner.submit(sim -> answer.set(question.apply(sim)));
        done.whenComplete((v, error) -> mailbox.post(() -> then.accept(error == null ? answer.get() : none)));
    }

    /** The run's report (the table of {@code pipewright run}) as of the latest snapshot, if a run exists. */
    public Optional<RunReport> report() {
        Snapshot s = latest();
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(Reports.from(runningFlow(), s, speed.get().clockName(), seedOfRun()));
    }

    private long seedOfRun() {
        return runner == null ? seed.get() : runSeed;
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.close();
            runner = null;
        }
    }
}
