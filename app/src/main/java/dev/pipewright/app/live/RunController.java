// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.api.Capability;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.FlowNotRunnableException;
import dev.pipewright.engine.api.Lineage;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunBackends;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.engine.report.Reports;
import dev.pipewright.engine.report.RunReport;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
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
 * The run session of the flow being edited, as the live view controls it: play, pause, step,
 * reset, speed and seed, the latest snapshot, peeks into queues. Edits of the flow go to the
 * running backend through {@link LiveEdits} (applied in place, or a notice that they need a
 * restart); faults and what-ifs are {@link FaultActions}. A view model: it knows no controls, and
 * it drives the run only through a {@link RunBackend}, so it does not know which backend it is.
 *
 * <p>Threads: call it on the FX thread. It only queues work for the backend's thread (the
 * backend's methods return at once) and never waits for a future; results come back through one
 * coalesced post to the FX executor.
 *
 * <p>What the controls show (playing, restart needed, the notice, the latest action, the run
 * number) is one immutable {@link Status} published at once, so no observer sees a restart asked
 * for without its notice, or a new run still playing the old one.
 */
public final class RunController implements AutoCloseable {
    private final FxMailbox mailbox;
    private RunBackend backend;
    /** Where the backend runs, for "Connecting to ..." (null: the simulator, which needs no connection). */
    private String address;
    /** A start was queued on a backend that connects, and its first snapshot has not come yet. */
    private boolean connecting;
    /** The backend's sentence on a recovered connection last shown in the status line, or null. */
    private String toldRecovery;
    private final LiveEdits edits;
    private final FaultActions faultActions = new FaultActions(this);
    /** A run has started on the backend (and the backend was not closed since). */
    private boolean started;
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
    private final ReadOnlyObjectWrapper<RunBackend> backendProperty = new ReadOnlyObjectWrapper<>(this, "backend");

    /**
     * A controller whose runs are simulated ({@link RunBackends#standard()}).
     *
     * @param initial the flow to run
     * @param fx runs a task on the FX thread ({@code Platform::runLater})
     */
    public RunController(Flow initial, Executor fx) {
        this(initial, fx, RunBackends.standard());
    }

    /**
     * @param initial the flow to run
     * @param fx runs a task on the FX thread ({@code Platform::runLater})
     * @param backend what runs the flow; not started yet, and closed with this controller
     */
    public RunController(Flow initial, Executor fx, RunBackend backend) {
        this.edits = new LiveEdits(initial);
        this.mailbox = new FxMailbox(fx);
        this.backend = Objects.requireNonNull(backend, "backend");
        backendProperty.set(backend);
        speed.addListener((obs, old, now) -> applySpeed());
    }

    /**
     * Runs from now on with {@code next}: the present run stops (its backend is closed, on its own
     * thread where it talks to a broker) and the next play starts a run there. A backend that
     * cannot run faster than real time gets speed 1.
     *
     * @param next what runs the flow; not started yet, and closed with this controller
     * @param where the broker's address for the status line ("Connecting to ..."), or null for one that needs no connection
     */
    public void useBackend(RunBackend next, String where) {
        Objects.requireNonNull(next, "next");
        if (next == backend) {
            return;
        }
        RunBackend old = backend;
        started = false;
        connecting = false;
        backend = next;
        address = where;
        faultActions.clear();
        if (!next.can(Capability.FASTER_THAN_REAL_TIME)) {
            speed.set(SpeedChoice.REAL_TIME);
        }
        backendProperty.set(next);
        status.set(status.get().nextRun().withInfo(where == null ? "Runs in the simulator" : "Runs on " + where));
        old.close();
        runnable(edits.edited());
    }

    /** The backend that runs the flow now; changes with {@link #useBackend}. */
    public ReadOnlyObjectProperty<RunBackend> backendProperty() {
        return backendProperty.getReadOnlyProperty();
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
        return started ? backend.latest() : null;
    }

    /** The flow the engine runs (edits that need a restart are not in it), or the edited flow before a run. */
    public Flow runningFlow() {
        return edits.running();
    }

    /** The faults injected in this run, to show which buttons apply. */
    public RunFaults faults() {
        return faultActions.faults();
    }

    /** The faults and what-ifs to inject by hand into this run. */
    public FaultActions faultActions() {
        return faultActions;
    }

    /** True when the backend can do {@code capability} (a simulator can do everything). */
    public boolean can(Capability capability) {
        return backend.can(capability);
    }

    /**
     * Every finding about {@code flow}: the model's and what the backend would refuse, errors
     * first. Builds no run, so the problems list calls it on every edit.
     */
    public List<Finding> check(Flow flow) {
        return backend.check(flow);
    }

    // ---------------------------------------------------------------- run controls

    public void play() {
        if (ensureStarted()) {
            backend.play();
            status.set(status.get().withPlaying(true));
        }
    }

    public void pause() {
        if (started) {
            backend.pause();
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
        if (!started) {
            then.run();
            return;
        }
        backend.settled().whenComplete((v, error) -> mailbox.post(then));
    }

    /** Processes exactly one event (pausing first if playing); nothing when the backend cannot step. */
    public void step() {
        if (!backend.can(Capability.STEP) || !ensureStarted()) {
            return;
        }
        if (playing.get()) {
            pause();
        }
        backend.step();
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
        if (!started) {
            status.set(status.get().nextRun());
            if (playAfter) {
                play();
            }
            return;
        }
        if (!runnable(edits.edited())) {
            return;
        }
        startAnother(edits.edited());
        status.set(status.get().nextRun()); // a fault's message belongs to the run it was done in
        applySpeed();
        if (playAfter) {
            play();
        }
    }

    /** Starts (or starts over) a run of {@code flow} with the seed. */
    private void startRun(Flow flow) {
        backend.start(flow, seed.get(), RunLimits.INTERACTIVE);
        started = true;
        if (address != null) {
            // The backend connects on its own thread; poll() says when it has.
            connecting = true;
            tell("Connecting to " + address + "…");
        }
        toldRecovery = null;
        runSeed = seed.get();
        edits.runStarted(flow);
    }

    /** Starts a run in place of the present one: the faults injected into the old run are forgotten. */
    private void startAnother(Flow flow) {
        startRun(flow);
        faultActions.clear();
    }

    /**
     * Called on every edit of the flow. Before a run starts, the next run simply uses it; while a
     * run goes, the backend applies it in place where it can, else a notice asks for a restart. A
     * different document (no node in common) resets the run.
     */
    public void flowEdited(Flow flow) {
        edits.edited(flow);
        if (!started) {
            status.set(status.get().withNotice(false, ""));
            return;
        }
        if (backend.latest() == null || edits.startsOver(flow, backend.latest(), playing.get())) {
            if (runnable(flow)) {
                startAnother(flow);
                status.set(status.get().nextRun());
            }
            return;
        }
        edits.apply(backend, flow, mailbox, change -> status.set(change.apply(status.get())));
    }

    /** Starts the first run on first use; false (with a notice) when the flow cannot run. */
    private boolean ensureStarted() {
        if (started) {
            return true;
        }
        if (!runnable(edits.edited())) {
            return false;
        }
        startRun(edits.edited());
        applySpeed();
        return true;
    }

    /**
     * True when {@code flow} can run; else says why in the notice. Checked here, without building
     * a run, because a start with a flow that cannot run would fail.
     */
    private boolean runnable(Flow flow) {
        List<String> problems = FlowNotRunnableException.problemsOf(backend.check(flow));
        if (problems.isEmpty()) {
            if (!status.get().restartNeeded()) {
                status.set(status.get().withNotice(false, ""));
            }
            return true;
        }
        status.set(status.get().withNotice(status.get().restartNeeded(),
                "The flow can't run yet: " + first(problems) + " (see Problems)."));
        return false;
    }

    /** The first problem, and how many more there are. */
    static String first(List<String> problems) {
        return problems.isEmpty() ? "it has errors"
                : problems.getFirst() + (problems.size() > 1 ? " — and " + (problems.size() - 1) + " more" : "");
    }

    private void applySpeed() {
        if (!started || !backend.can(Capability.FASTER_THAN_REAL_TIME)) {
            return; // a backend in real time only stays at speed 1
        }
        SpeedChoice s = speed.get();
        if (s.max()) {
            backend.setAsFastAsPossible();
        } else {
            backend.setSpeed(s.factor());
        }
    }

    /**
     * Called once a frame: follows the engine when it stopped by itself (an event failed) or a
     * broker's connection was lost and recovered, so the controls show the truth.
     */
    public void poll() {
        if (!started) {
            return;
        }
        if (connecting && backend.latest() != null) {
            connecting = false;
            tell("Connected to " + address);
        } else if (connecting && backend.failure() != null) {
            connecting = false;
            tell("");
        }
        // Said once each time it changes (another loss, more duplicates), so a fault's message is not hidden every frame.
        String recovery = backend.recovered().orElse(null);
        if (recovery != null && !recovery.equals(toldRecovery)) {
            toldRecovery = recovery;
            tell(Character.toUpperCase(recovery.charAt(0)) + recovery.substring(1));
        }
        if (playing.get() && !backend.isPlaying() && backend.failure() != null) {
            status.set(status.get().withPlaying(false).withNotice(false,
                    "The run stopped: " + backend.failure().getMessage()));
        }
    }

    // ---------------------------------------------------------------- faults

    /**
     * Injects {@code fault} into the run (starting it first if there is none yet); the status line
     * then says {@code done}, or why it could not be done.
     */
    public void inject(Fault fault, String done) {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(done, "done");
        if (!ensureStarted()) {
            return;
        }
        backend.inject(fault).whenComplete((v, error) -> mailbox.post(() -> {
            Throwable cause = error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error;
            tell(cause == null ? done : "Could not do that: " + cause.getMessage());
        }));
    }

    /** Shows {@code text} as the latest thing done by hand. */
    void tell(String text) {
        status.set(status.get().withInfo(text));
    }

    // ---------------------------------------------------------------- inspection

    /** Fetches up to {@code limit} messages waiting in a queue; {@code then} gets them on the FX thread. */
    public void peek(String queueId, int limit, Consumer<List<MessageView>> then) {
        if (!started) {
            then.accept(List.of());
            return;
        }
        answer(backend.peek(queueId, limit), then, List.of());
    }

    /** Fetches a message's lineage; {@code then} gets it (empty when not traced) on the FX thread. */
    public void lineage(long messageId, Consumer<Optional<Lineage>> then) {
        if (!started) {
            then.accept(Optional.empty());
            return;
        }
        answer(backend.lineage(messageId), then, Optional.empty());
    }

    /**
     * Fetches the history of the message {@code sourceId} last published by hand; {@code then}
     * gets it (empty when none or no longer kept) on the FX thread.
     */
    public void publishedByHand(String sourceId, Consumer<Optional<Lineage>> then) {
        if (!started) {
            then.accept(Optional.empty());
            return;
        }
        answer(backend.publishedByHand(sourceId), then, Optional.empty());
    }

    private <T> void answer(CompletableFuture<T> asked, Consumer<T> then, T none) {
        asked.whenComplete((answer, error) -> mailbox.post(() -> then.accept(error == null ? answer : none)));
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
        return started ? runSeed : seed.get();
    }

    /** Ends the run; a later play starts a new one. */
    @Override
    public void close() {
        if (started) {
            backend.close();
            started = false;
        }
    }
}
