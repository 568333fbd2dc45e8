// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import java.util.List;

/** Thrown when a flow has errors that stop it from running; lists each problem. */
public final class FlowNotRunnableException extends RuntimeException {
    private final List<String> problems;

    public FlowNotRunnableException(List<String> problems) {
        super("the flow cannot run until these problems are fixed:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, naming the node or edge and what to do. */
    public List<String> problems() {
        return problems;
    }
}
