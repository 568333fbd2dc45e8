// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.engine.api.Fault;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The consumers' crash schedules ({@link Consumer#crashes()}) carried out in a live run, timed from
 * its start as the simulator times them: at a crash's time the backend crashes the instance (it
 * closes its channel or session, so the broker takes back what it held unacknowledged), and after
 * {@code downFor} it opens it again. An instance beyond the consumer's count is left alone, as in
 * the simulator.
 */
public final class CrashSchedule {
    /** How a backend crashes and restores one consumer instance; called on the timer's threads. */
    public interface Instances {
        void crash(String consumerId, int instance) throws Exception;

        void restore(String consumerId, int instance) throws Exception;
    }

    /**
     * One step of the schedule.
     *
     * @param seconds from the start of the run
     * @param fault a {@link Fault.CrashInstance} or a {@link Fault.RestoreInstance}
     */
    public record Step(double seconds, Fault fault) {
    }

    private CrashSchedule() {
    }

    /** Every crash and restore of {@code flow}'s consumers, in time order (a crash before a restore at the same time). */
    public static List<Step> of(Flow flow) {
        List<Step> out = new ArrayList<>();
        for (Node n : flow.nodes()) {
            if (!(n instanceof Consumer c)) {
                continue;
            }
            for (Consumer.Crash crash : c.crashes()) {
                if (crash.instance() >= c.instances()) {
                    continue;
                }
                double at = crash.at().toNanos() / 1e9;
                out.add(new Step(at, new Fault.CrashInstance(c.id(), crash.instance())));
                if (crash.downFor() != null) {
                    out.add(new Step(at + crash.downFor().toNanos() / 1e9, new Fault.RestoreInstance(c.id(), crash.instance())));
                }
            }
        }
        out.sort(Comparator.comparingDouble(Step::seconds)); // stable: each crash stays before its restore
        return out;
    }

    /**
     * Schedules every step of {@code flow} on {@code timer}, from now; what fails (the broker went
     * away) goes to {@code failed}.
     */
    public static void start(Flow flow, ScheduledExecutorService timer, Instances instances,
                             java.util.function.Consumer<Exception> failed) {
        for (Step step : of(flow)) {
            timer.schedule(() -> {
                try {
                    switch (step.fault()) {
                        case Fault.CrashInstance f -> instances.crash(f.consumerId(), f.instance());
                        case Fault.RestoreInstance f -> instances.restore(f.consumerId(), f.instance());
                        default -> throw new IllegalStateException("not a crash schedule's step: " + step.fault());
                    }
                } catch (Exception e) {
                    failed.accept(e);
                }
            }, Math.round(step.seconds() * 1e9), TimeUnit.NANOSECONDS);
        }
    }
}
