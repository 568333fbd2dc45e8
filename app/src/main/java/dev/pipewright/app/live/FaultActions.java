// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.api.Fault;
import dev.pipewright.model.Node;
import java.util.Objects;

/**
 * The faults and what-ifs a person injects by hand, shared by the canvas's {@link FaultMenu} and
 * the {@link LiveInspector} (which faults a node offers is its kind's skin's to say): each action as
 * the {@link Fault} record it
 * sends to the run, with the words the status line shows when it is done. Keeps the
 * {@link RunFaults} of the present run, to pick the instance to crash or restore and show which
 * buttons apply. Call it on the FX thread.
 */
public final class FaultActions {
    /** What a flood does: this many times the rate... */
    public static final double FLOOD_FACTOR = 10;
    /** ...for this many virtual seconds. */
    public static final double FLOOD_SECONDS = 5;

    private final RunController run;
    private final RunFaults faults = new RunFaults();

    FaultActions(RunController run) {
        this.run = Objects.requireNonNull(run, "run");
    }

    /** The faults injected in this run, to show which actions apply. */
    public RunFaults faults() {
        return faults;
    }

    /** A new run: nothing is injected in it yet. */
    void clear() {
        faults.clear();
    }

    /** Crashes the lowest-numbered running instance of a consumer. */
    public void crashInstance(String consumerId) {
        int instances = faults.instances(consumerId, run.runningFlow());
        int index = faults.nextToCrash(consumerId, instances);
        if (index < 0) {
            run.tell("Every instance of '" + name(consumerId) + "' has crashed already");
            return;
        }
        faults.crashed(consumerId, index);
        run.inject(new Fault.CrashInstance(consumerId, index),
                "Crashed instance " + (index + 1) + " of '" + name(consumerId) + "'");
    }

    /** Brings back the instance of a consumer crashed last. */
    public void restoreInstance(String consumerId) {
        int index = faults.nextToRestore(consumerId);
        if (index < 0) {
            run.tell("No instance of '" + name(consumerId) + "' was crashed by hand");
            return;
        }
        run.inject(new Fault.RestoreInstance(consumerId, index),
                "Restored instance " + (index + 1) + " of '" + name(consumerId) + "'");
    }

    public void setConsumerPaused(String consumerId, boolean paused) {
        faults.setPaused(consumerId, paused);
        run.inject(paused ? new Fault.PauseConsumer(consumerId) : new Fault.ResumeConsumer(consumerId),
                (paused ? "Paused" : "Resumed") + " '" + name(consumerId) + "'");
    }

    /** Adds (or with a negative {@code delta} removes) consumer instances, keeping at least one. */
    public void changeInstances(String consumerId, int delta) {
        int now = Math.max(1, faults.instances(consumerId, run.runningFlow()) + delta);
        faults.setInstances(consumerId, now);
        run.inject(new Fault.SetInstances(consumerId, now), "'" + name(consumerId) + "' now runs " + now
                + (now == 1 ? " instance" : " instances"));
    }

    public void setSourceRate(String sourceId, double rate) {
        faults.setRate(sourceId, rate);
        run.inject(new Fault.SetRate(sourceId, rate), "'" + name(sourceId) + "' now sends " + LiveFormat.rate(rate));
    }

    /** Multiplies a source's rate by {@link #FLOOD_FACTOR} for {@link #FLOOD_SECONDS} of virtual time. */
    public void flood(String sourceId) {
        run.inject(new Fault.Flood(sourceId, FLOOD_FACTOR, FLOOD_SECONDS), "Flooding from '" + name(sourceId) + "': "
                + (int) FLOOD_FACTOR + "× for " + (int) FLOOD_SECONDS + " s");
    }

    public void setEndpointDown(String endpointId, boolean down) {
        faults.setDown(endpointId, down);
        run.inject(down ? new Fault.EndpointDown(endpointId) : new Fault.EndpointUp(endpointId),
                "'" + name(endpointId) + "' is " + (down ? "down" : "up"));
    }

    /** Multiplies a source's rate by {@code factor} for {@code seconds} of virtual time (a lesson's step). */
    public void flood(String sourceId, double factor, double seconds) {
        run.inject(new Fault.Flood(sourceId, factor, seconds), "Flooding from '" + name(sourceId) + "': "
                + plain(factor) + "× for " + plain(seconds) + " s");
    }

    /** Restores every instance of a consumer crashed by hand, the latest first. */
    public void restoreAll(String consumerId) {
        if (faults.crashedCount(consumerId) == 0) {
            run.tell("No instance of '" + name(consumerId) + "' was crashed by hand");
            return;
        }
        while (faults.crashedCount(consumerId) > 0) {
            restoreInstance(consumerId);
        }
    }

    /**
     * Publishes exactly one message from a source now, to follow hop by hop: the live inspector
     * shows its lineage ({@link RunController#publishedByHand}).
     */
    public void publishOne(String sourceId) {
        run.inject(new Fault.PublishOne(sourceId), "Published one message from '" + name(sourceId)
                + "': follow it hop by hop in the Live tab");
    }

    /** The words of a flood's button and menu item. */
    static String floodText() {
        return "Flood ×" + (int) FLOOD_FACTOR + " for " + (int) FLOOD_SECONDS + " s";
    }

    private static String plain(double x) {
        return LiveFormat.number(x, x == Math.rint(x) ? 0 : 1);
    }

    private String name(String nodeId) {
        return run.runningFlow().node(nodeId).map(Node::name).orElse(nodeId);
    }
}
