// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.ArrayList;
import java.util.List;

/** Thrown when a flow has errors that stop it from running; lists each problem. */
public final class FlowNotRunnableException extends RuntimeException {
    private final List<String> problems;

    public FlowNotRunnableException(List<String> problems) {
        super("the flow cannot run until these problems are fixed:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * The errors among {@code findings}, one line each as a {@link #problems() problem} reads:
     * the finding, the wire it is about, and the fix where there is one.
     */
    public static List<String> problemsOf(List<Finding> findings) {
        List<String> problems = new ArrayList<>();
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR) {
                String where = f.nodeId() != null && f.edgeId() != null ? " (wire '" + f.edgeId() + "')" : "";
                problems.add(f + where + (f.fix() == null ? "" : "; " + f.fix()));
            }
        }
        return problems;
    }

    /** Each problem, naming the node or edge and what to do. */
    public List<String> problems() {
        return problems;
    }
}
