// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.api.ApplyResult;
import dev.pipewright.engine.api.FlowNotRunnableException;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Edits of the flow while it runs: the flow as edited and the one the backend runs, whether an
 * edit starts a new run or goes to the running one, and what the run's status says once the
 * backend answered (applied in place, a restart needed, the edited flow cannot run). Only the
 * answer to the latest edit counts. Call it on the FX thread.
 */
final class LiveEdits {
    private Flow edited;
    private Flow running;
    private long generation;

    LiveEdits(Flow initial) {
        this.edited = Objects.requireNonNull(initial, "initial");
    }

    /** The flow as the user edited it last. */
    Flow edited() {
        return edited;
    }

    void edited(Flow flow) {
        edited = Objects.requireNonNull(flow, "flow");
    }

    /** The flow the backend runs (edits that need a restart are not in it), or the edited flow before a run. */
    Flow running() {
        return running != null ? running : edited;
    }

    /** A run of {@code flow} began. */
    void runStarted(Flow flow) {
        running = Objects.requireNonNull(flow, "flow");
    }

    /**
     * True when {@code flow} should start a new run rather than change the running one: the run
     * has not moved yet, or {@code flow} is another document (no node in common).
     */
    boolean startsOver(Flow flow, Snapshot latest, boolean playing) {
        boolean untouched = latest.events() == 0 && !playing;
        return untouched || !sharesNodes(running, flow);
    }

    /**
     * Sends {@code flow} to the running backend; {@code then} gets, on the FX thread through
     * {@code mailbox}, how the status changes, unless a later edit was sent meanwhile.
     */
    void apply(RunBackend backend, Flow flow, FxMailbox mailbox, java.util.function.Consumer<UnaryOperator<RunController.Status>> then) {
        long sent = ++generation;
        backend.apply(flow).whenComplete((result, error) -> mailbox.post(() -> {
            if (sent == generation) { // else a later edit is on its way; its answer is the one to show
                then.accept(answered(flow, result, error));
            }
        }));
    }

    private UnaryOperator<RunController.Status> answered(Flow flow, ApplyResult result, Throwable error) {
        Throwable cause = error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error;
        if (cause instanceof FlowNotRunnableException e) {
            return now -> now.withNotice(false, "The edited flow can't run (" + RunController.first(e.problems())
                    + "); the run goes on with the last version that could.");
        } else if (cause != null) {
            return now -> now.withNotice(now.restartNeeded(), "The change could not be applied: " + cause.getMessage());
        } else if (result.applied()) {
            running = flow;
            return now -> now.withNotice(false, "");
        } else {
            return now -> now.withNotice(true, capitalise(result.reason()));
        }
    }

    private static boolean sharesNodes(Flow a, Flow b) {
        if (a == null) {
            return false;
        }
        Set<String> ids = a.nodes().stream().map(Node::id).collect(Collectors.toSet());
        return b.nodes().stream().anyMatch(n -> ids.contains(n.id()));
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
