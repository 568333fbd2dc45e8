// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.engine.api.Fault;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The consumer instances of a live run whose consumers are threads of its own client (SQS,
 * Kafka): started per consumer node, added and retired by hand, crashed and restored by a crash
 * schedule or by hand, joined at the end. One lock guards them all, because scheduled crashes come
 * on a timer thread while faults by hand come from the app.
 *
 * @param <T> the backend's instance
 */
public final class ClientInstances<T extends ClientInstances.Instance> {

    /** One consumer instance, as the backend runs it. */
    public interface Instance {
        /** Starts its thread. */
        void start();

        /** Finishes what it holds, settles it as its ack mode does, and stops. */
        void retire();

        /** Stops at once, settling nothing it holds. */
        void crash();

        /** Whether it was crashed. */
        boolean crashed();

        /** Waits until its thread has stopped. */
        void join() throws InterruptedException;
    }

    /** Makes instance {@code index} of consumer {@code c} from the consumer's seed, not yet started. */
    @FunctionalInterface
    public interface Maker<T> {
        T make(Consumer c, int index, long seed);
    }

    private final Flow flow;
    private final Maker<T> maker;
    private final BooleanSupplier stopping;
    private final Map<String, List<T>> running = new LinkedHashMap<>();
    private final Map<String, Long> seeds = new HashMap<>();

    /**
     * @param stopping whether the run is ending: then a crash or restore that comes late does nothing
     */
    public ClientInstances(Flow flow, Maker<T> maker, BooleanSupplier stopping) {
        this.flow = flow;
        this.maker = maker;
        this.stopping = stopping;
    }

    /** Starts consumer {@code c}'s modelled number of instances. */
    public synchronized void start(Consumer c, long seed) {
        seeds.put(c.id(), seed);
        List<T> list = new ArrayList<>();
        running.put(c.id(), list);
        for (int i = 0; i < c.instances(); i++) {
            T in = maker.make(c, i, seed);
            list.add(in);
            in.start();
        }
    }

    /** Starts instances of consumer {@code consumerId} up to {@code n}, or retires the last ones down to it. */
    public synchronized void resize(String consumerId, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a consumer runs 0 or more instances (was " + n + ")");
        }
        List<T> list = RunParts.instances(running, consumerId);
        Consumer c = (Consumer) flow.node(consumerId).orElseThrow();
        while (list.size() < n) {
            T in = maker.make(c, list.size(), seeds.get(consumerId));
            list.add(in);
            in.start();
        }
        while (list.size() > n) {
            list.removeLast().retire();
        }
    }

    /** Crashes instance {@code i} of consumer {@code consumerId}, if it runs. */
    public synchronized void crash(String consumerId, int i) {
        List<T> list = running.get(consumerId);
        if (list != null && i < list.size() && !stopping.getAsBoolean()) {
            list.get(i).crash();
        }
    }

    /** Starts a new instance {@code i} of consumer {@code consumerId} in place of a crashed one. */
    public synchronized void restore(String consumerId, int i) {
        List<T> list = running.get(consumerId);
        if (list != null && i < list.size() && list.get(i).crashed() && !stopping.getAsBoolean()) {
            Consumer c = (Consumer) flow.node(consumerId).orElseThrow();
            T in = maker.make(c, i, seeds.get(consumerId));
            list.set(i, in);
            in.start();
        }
    }

    /**
     * Consumer {@code consumerId}'s instances now, for the snapshots ({@link LiveLedger#countInstances}):
     * running and crashed, {@code paused} as the run says; null when it runs none (not started, or joined).
     */
    public synchronized LiveLedger.InstanceCount count(String consumerId, boolean paused) {
        List<T> list = running.get(consumerId);
        if (list == null) {
            return null;
        }
        int crashed = (int) list.stream().filter(Instance::crashed).count();
        return new LiveLedger.InstanceCount(list.size() - crashed, crashed, paused);
    }

    /** The crash schedule's view of these instances. */
    public CrashSchedule.Instances crashSchedule() {
        return new CrashSchedule.Instances() {
            @Override
            public void crash(String consumerId, int i) {
                ClientInstances.this.crash(consumerId, i);
            }

            @Override
            public void restore(String consumerId, int i) {
                ClientInstances.this.restore(consumerId, i);
            }
        };
    }

    /**
     * Applies a fault by hand: rates and floods to the sources' {@code controls}, pause and resume
     * to the {@code paused} consumers (which the instances read), instance counts, crash and restore.
     *
     * @throws IllegalArgumentException for a source, consumer or instance the run does not have
     * @throws UnsupportedOperationException for a fault these instances cannot do
     */
    public void inject(Fault fault, Map<String, SourcePacing.Control> controls, Set<String> paused) {
        switch (fault) {
            case Fault.SetRate f -> RunParts.control(controls, f.sourceId()).setRate(f.perSecond());
            case Fault.Flood f -> RunParts.control(controls, f.sourceId()).flood(f.factor(), f.seconds());
            case Fault.PauseConsumer f -> {
                check(f.consumerId());
                paused.add(f.consumerId());
            }
            case Fault.ResumeConsumer f -> {
                check(f.consumerId());
                paused.remove(f.consumerId());
            }
            case Fault.SetInstances f -> resize(f.consumerId(), f.instances());
            case Fault.CrashInstance f -> {
                synchronized (this) {
                    RunParts.instance(running, f.consumerId(), f.instance());
                    crash(f.consumerId(), f.instance());
                }
            }
            case Fault.RestoreInstance f -> {
                synchronized (this) {
                    RunParts.instance(running, f.consumerId(), f.instance());
                    restore(f.consumerId(), f.instance());
                }
            }
            // Endpoints do not run on these backends, and a fault added later is refused until they learn it.
            default -> throw LiveSession.unsupported(fault);
        }
    }

    private synchronized void check(String consumerId) {
        RunParts.instances(running, consumerId);
    }

    /** Forgets every instance and waits until each has stopped. */
    public void joinAll() {
        List<T> all = new ArrayList<>();
        synchronized (this) {
            running.values().forEach(all::addAll);
            running.clear();
        }
        for (T in : all) {
            try {
                in.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
