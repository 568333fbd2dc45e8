// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import java.util.Objects;

/**
 * What {@link RunBackend#apply} (in the simulator, {@code Simulation.applyFlow}) did with a changed flow.
 *
 * @param status whether the change took effect in the running simulation
 * @param reason for {@link Status#RESTART_NEEDED}: what change needs a restart, naming the node or
 *     edge; for {@link Status#APPLIED}: a short summary of what changed
 */
public record ApplyResult(Status status, String reason) {
    /** Whether a change could be applied in place. */
    public enum Status {
        /** The running simulation now uses the changed flow and carries on from its state. */
        APPLIED,
        /** The change is structural; nothing was applied; reset the run with the new flow. */
        RESTART_NEEDED
    }

    public ApplyResult {
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
    }

    public static ApplyResult applied(String summary) {
        return new ApplyResult(Status.APPLIED, summary);
    }

    public static ApplyResult restartNeeded(String reason) {
        return new ApplyResult(Status.RESTART_NEEDED, reason);
    }

    public boolean applied() {
        return status == Status.APPLIED;
    }
}
