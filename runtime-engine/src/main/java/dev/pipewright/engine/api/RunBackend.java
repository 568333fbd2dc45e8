// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What every run of a flow is driven through, simulated or on a real broker, so the one who
 * drives it (the app) does not know which it drives. One backend holds at most one run at a time;
 * {@link #start} begins one, or replaces the one there is.
 *
 * <p>Threads: every method may be called from any thread and returns at once. Controls (play,
 * pause, step, speed, reset) are queued and carried out in order on the backend's own thread; what
 * has an answer (an edit applied, a fault injected, a peek) returns a future that completes there,
 * after which a fresh {@link #latest()} snapshot is published. Nothing waits for the reader of
 * snapshots.
 *
 * <p>What a backend can do beyond the common controls is in {@link #capabilities()}; a control it
 * cannot carry out throws {@link UnsupportedOperationException} (or, with an answer, completes
 * exceptionally with it). Before the first {@link #start} and after {@link #close}, the controls
 * throw {@link IllegalStateException} and {@link #latest()} is null.
 *
 * <p>Backends are found with {@link RunBackends}: an implementation is listed as a
 * {@link java.util.ServiceLoader} provider of this interface, with a public no-argument
 * constructor that does no work (connecting, starting threads) before {@link #start}.
 */
public interface RunBackend extends AutoCloseable {
    /** A short name that tells backends apart ({@code "simulator"}), for {@link RunBackends#named}. */
    String name();

    /** What this backend can do; the same before and after a start. */
    Set<Capability> capabilities();

    /** True when {@code capability} is one of {@link #capabilities()}. */
    default boolean can(Capability capability) {
        return capabilities().contains(capability);
    }

    /**
     * Every finding about {@code flow} (the model's checks and what this backend would refuse),
     * errors first; a flow with no error {@link #start starts}. Builds no run, so it is cheap
     * enough for the thread that draws.
     */
    List<Finding> check(Flow flow);

    /**
     * Begins a run of {@code flow} with {@code seed} at time zero, paused, within {@code limits}; a
     * run already there is dropped for it (on the backend's thread, after the controls queued
     * before). The clock stays as last set: real time (speed 1) on the first start.
     *
     * @throws FlowNotRunnableException when {@code flow} has errors ({@link #check}); nothing changes then
     */
    void start(Flow flow, long seed, RunLimits limits);

    /** Begins the present run again, from time zero with its flow (including applied edits) and seed, paused. */
    void reset();

    /** Lets time run. */
    void play();

    /** Stops time and publishes a snapshot. */
    void pause();

    /** Processes exactly one event while paused, and publishes a snapshot ({@link Capability#STEP}). */
    void step();

    /** Plays until the run's time reaches {@code seconds}, then pauses. */
    void runUntil(double seconds);

    /** The run's clock follows the wall clock times {@code factor} (from 0.01 to 1000; other than 1 needs {@link Capability#FASTER_THAN_REAL_TIME}). */
    void setSpeed(double factor);

    /** Runs as fast as the machine allows ({@link Capability#FASTER_THAN_REAL_TIME}). */
    void setAsFastAsPossible();

    /** True while time runs; false when paused, or when the run stopped by itself ({@link #failure()}). */
    boolean isPlaying();

    /**
     * What stopped the run by itself (an event that failed, a {@link RunLimitException}), or null.
     * A new {@link #start} or {@link #reset} clears it.
     */
    Throwable failure();

    /**
     * Applies a changed flow to the running one: property changes take effect at once and the
     * run goes on; a structural change is not applied and the result says a restart (a new
     * {@link #start}) is needed and why. Completes exceptionally with a
     * {@link FlowNotRunnableException} when the changed flow has errors; nothing is applied then.
     */
    CompletableFuture<ApplyResult> apply(Flow changed);

    /**
     * Injects {@code fault} between two events. Completes when done, exceptionally with an
     * {@link IllegalArgumentException} when it does not fit the flow (no such node, not a consumer).
     */
    CompletableFuture<Void> inject(Fault fault);

    /** Up to {@code limit} messages waiting in a queue, in delivery order ({@link Capability#PEEK}). */
    CompletableFuture<List<MessageView>> peek(String queueId, int limit);

    /** The history of a traced message, if it is still kept ({@link Capability#LINEAGE}). */
    CompletableFuture<Optional<Lineage>> lineage(long messageId);

    /**
     * The history so far of the message {@code sourceId} last published by a
     * {@link Fault.PublishOne}, or empty when it published none or its history is no longer kept
     * ({@link Capability#LINEAGE}). A backend that cannot trace answers empty.
     */
    default CompletableFuture<Optional<Lineage>> publishedByHand(String sourceId) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** Completes once every control queued before it has been carried out and a snapshot published. */
    CompletableFuture<Void> settled();

    /** The latest published snapshot of the run, or null when there is no run. Never blocks. */
    Snapshot latest();

    /**
     * One sentence telling that the connection to a broker was lost during this run and came back
     * (and how many messages that delivered twice), or empty when none was lost or the backend has
     * no connection. Never blocks: it reads what the backend last noted.
     */
    default Optional<String> recovered() {
        return Optional.empty();
    }

    /** Ends the run and frees what it holds (threads, connections); a later {@link #start} begins a new one. */
    @Override
    void close();
}
