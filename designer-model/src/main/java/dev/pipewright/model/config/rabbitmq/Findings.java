// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The warnings of one virtual host's import, at most {@link #MAX} of them: a stranger's file with
 * a hundred thousand odd arguments gives a readable list and one line saying how many more there were.
 */
final class Findings {
    static final int MAX = 1_000;

    private final List<Finding> list = new ArrayList<>();
    private int dropped;

    void warn(String nodeId, String message, String fix) {
        add(new Finding(Severity.WARNING, nodeId, null, message, fix));
    }

    void info(String nodeId, String message, String fix) {
        add(new Finding(Severity.INFO, nodeId, null, message, fix));
    }

    void add(Finding f) {
        if (list.size() < MAX) {
            list.add(f);
        } else {
            dropped++;
        }
    }

    List<Finding> all() {
        List<Finding> out = new ArrayList<>(list);
        if (dropped > 0) {
            out.add(new Finding(Severity.WARNING, null, null, dropped + " more warnings like these were left out"
                    + " of this list", "import the definitions in smaller parts to see them all"));
        }
        return out;
    }
}
