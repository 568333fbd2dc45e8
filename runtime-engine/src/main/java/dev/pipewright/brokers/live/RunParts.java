// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;

/**
 * What the live runs share around their own clients: their timer, starting the consumers and the
 * sources' threads, the wait while a run plays, the first failure of its clients, starting a
 * session's sources, and finding the
 * parts a fault names (a source's pacing control, a consumer's instances, one instance), whose
 * types differ by broker.
 */
public final class RunParts {
    private RunParts() {
    }

    /**
     * A timer of {@code threads} daemon threads named {@code name}: what a live run schedules on it
     * (processing times, crashes, snapshots) never keeps the JVM alive after the run.
     */
    public static java.util.concurrent.ScheduledExecutorService daemonTimer(String name, int threads) {
        return java.util.concurrent.Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** What a run checks while it plays: throws what ended it early (a refusal, a lost broker). */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /**
     * Starts {@code publishers} and waits, checking {@code failures} every {@code pollMs}, until
     * {@code deadline} (a {@link System#nanoTime()}) or until {@code ledger} is quiet with the
     * publishers done; then checks once more, calls {@code stop}, and gives each publisher up to
     * {@code joinMs} to finish its last send.
     */
    public static void playUntilQuiet(List<Thread> publishers, long deadline, LiveLedger ledger, LiveLedger.Depth depth,
                                      Check failures, Runnable stop, long pollMs, long joinMs) throws Exception {
        publishers.forEach(Thread::start);
        while (System.nanoTime() < deadline && !ledger.quiet(publishers.stream().noneMatch(Thread::isAlive), depth)) {
            failures.run();
            Thread.sleep(pollMs);
        }
        failures.run();
        stop.run();
        for (Thread t : publishers) {
            t.join(joinMs);
        }
    }

    /** What a run's client met ({@code cause}), and what it was {@code doing}, for the backend to put in words with its address. */
    public record Failed(Exception cause, String doing) {
    }

    /**
     * The first failure of a run's clients: {@code consumers} (what a consumer met, while
     * {@code consuming}), else the first of {@code sources}' (while {@code sending}); null if none.
     */
    public static <S> Failed firstFailure(Exception consumers, String consuming, List<S> sources,
                                          Function<S, Exception> failureOf, String sending) {
        if (consumers != null) {
            return new Failed(consumers, consuming);
        }
        for (S s : sources) {
            Exception e = failureOf.apply(s);
            if (e != null) {
                return new Failed(e, sending);
            }
        }
        return null;
    }

    /** The pacing control of source {@code sourceId}. */
    public static SourcePacing.Control control(Map<String, SourcePacing.Control> controls, String sourceId) {
        SourcePacing.Control c = controls.get(sourceId);
        if (c == null) {
            throw new IllegalArgumentException("no source '" + sourceId + "' in this run");
        }
        return c;
    }

    /** The instances of consumer {@code consumerId}. */
    public static <T> List<T> instances(Map<String, List<T>> instances, String consumerId) {
        List<T> list = instances.get(consumerId);
        if (list == null) {
            throw new IllegalArgumentException("no consumer '" + consumerId + "' in this run");
        }
        return list;
    }

    /** Instance {@code i} of consumer {@code consumerId}. */
    public static <T> T instance(Map<String, List<T>> instances, String consumerId, int i) {
        List<T> list = instances(instances, consumerId);
        if (i < 0 || i >= list.size()) {
            throw new IllegalArgumentException("consumer '" + consumerId + "' has no instance " + i + " (it runs "
                    + list.size() + ")");
        }
        return list.get(i);
    }

    /**
     * Starts each consumer of {@code flow} with the next of {@code seeds}, in the flow's order. Every
     * consumer draws its seed, even one {@code start} leaves idle, so the draws of the others (and of
     * the sources after them) stay the same.
     */
    public static void startConsumers(Flow flow, Random seeds, ObjLongConsumer<Consumer> start) {
        for (Node n : flow.nodes()) {
            if (n instanceof Consumer c) {
                start.accept(c, seeds.nextLong());
            }
        }
    }

    /** Makes the client of a run's source with {@code seed} for its draws. */
    @FunctionalInterface
    public interface RunSource<S extends Runnable> {
        S make(Source source, long seed);
    }

    /**
     * The threads of each source of {@code flow}, not yet started: its client from {@code make} with
     * the next of {@code seeds} (in {@code sources}), on a daemon thread named {@code threadPrefix}
     * and its id.
     */
    public static <S extends Runnable> List<Thread> sourceThreads(Flow flow, Random seeds, String threadPrefix,
                                                                  List<S> sources, RunSource<S> make) {
        List<Thread> threads = new ArrayList<>();
        for (Node n : flow.nodes()) {
            if (n instanceof Source s) {
                S p = make.make(s, seeds.nextLong());
                sources.add(p);
                Thread t = new Thread(p, threadPrefix + s.id());
                t.setDaemon(true);
                threads.add(t);
            }
        }
        return threads;
    }

    /** Makes the client of a session's source, paced by {@code control}, with {@code seed} for its draws. */
    @FunctionalInterface
    public interface SessionSource<S extends Runnable> {
        S make(Source source, long seed, SourcePacing.Control control);
    }

    /**
     * Starts each source of {@code flow} for a session played by hand: a control held until the
     * run is played (in {@code controls}), its client from {@code make} with the next of
     * {@code seeds} (in {@code sources}), on a daemon thread named {@code threadPrefix} and its id
     * (in {@code threads}).
     */
    public static <S extends Runnable> void startHeldSources(Flow flow, java.util.Random seeds, String threadPrefix,
                                                             Map<String, SourcePacing.Control> controls, List<S> sources,
                                                             List<Thread> threads, SessionSource<S> make) {
        for (Node n : flow.nodes()) {
            if (n instanceof Source s) {
                SourcePacing.Control control = new SourcePacing.Control(s.rate());
                control.hold(true);
                controls.put(s.id(), control);
                S p = make.make(s, seeds.nextLong(), control);
                sources.add(p);
                Thread t = new Thread(p, threadPrefix + s.id());
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }
    }
}
