// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.engine.api.Fault;
import dev.pipewright.model.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a live run played by hand (begin ... end) holds besides its clients, the same on every
 * broker whose consumers are threads of its own client ({@link ClientInstances}): whether the run
 * is held, which consumers are paused, the sources' pacing controls and their threads. The app's
 * thread holds, plays and injects while the clients' threads read; the one thread that begins and
 * ends the session starts and joins the sources.
 */
public final class SessionControls {
    private volatile boolean held;
    private final Set<String> pausedConsumers = ConcurrentHashMap.newKeySet();
    private final Map<String, SourcePacing.Control> controls = new ConcurrentHashMap<>();
    private final List<Thread> sourceThreads = new ArrayList<>();

    /**
     * Begins a session held, each of {@code consumers}' instances counted for {@code ledger}'s
     * snapshots as they run now (added, removed, crashed or paused by hand), not as modelled. The
     * run starts its consumers next, then {@link #startSources}.
     */
    public void begin(LiveLedger ledger, ClientInstances<?> consumers) {
        held = true;
        ledger.countInstances(id -> consumers.count(id, pausedConsumers.contains(id)));
    }

    /** Starts the session's sources held ({@link RunParts#startHeldSources}), their clients in {@code sources}. */
    public <S extends Runnable> void startSources(Flow flow, Random seeds, String threadPrefix, List<S> sources,
                                                  RunParts.SessionSource<S> make) {
        RunParts.startHeldSources(flow, seeds, threadPrefix, controls, sources, sourceThreads, make);
    }

    /** Holds the run (its sources and consumers take nothing new), or plays it. */
    public void hold(boolean hold) {
        held = hold;
        controls.values().forEach(c -> c.hold(hold));
    }

    /** Whether consumer {@code consumerId}'s instances take nothing new now: the run is held or the consumer paused. */
    public boolean holds(String consumerId) {
        return held || pausedConsumers.contains(consumerId);
    }

    /** Applies a fault by hand to the sources' controls, the paused consumers and {@code consumers} ({@link ClientInstances#inject}). */
    public void inject(Fault fault, ClientInstances<?> consumers) {
        consumers.inject(fault, controls, pausedConsumers);
    }

    /**
     * Ends the sources, once the run says it is stopping: lets go of the held ones, so they see it,
     * gives each thread up to {@code joinMs} to finish its last send, and forgets them.
     */
    public void endSources(long joinMs) {
        controls.values().forEach(c -> c.hold(false));
        for (Thread t : sourceThreads) {
            try {
                t.join(joinMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sourceThreads.clear();
        controls.clear();
    }
}
