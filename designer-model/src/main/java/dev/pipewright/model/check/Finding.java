// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.TerminalText;
import java.util.Objects;

/**
 * One problem or piece of advice about a flow.
 *
 * @param severity how much it matters
 * @param nodeId the node it is about, or null
 * @param edgeId the edge it is about, or null
 * @param message what is wrong, in a person's words (control characters are escaped)
 * @param fix what to do about it, or null when there is nothing obvious
 */
public record Finding(Severity severity, String nodeId, String edgeId, String message, String fix) {
    public Finding {
        Objects.requireNonNull(severity, "severity");
        // Messages quote names from the flow file; escaped here, every finding is safe to print.
        message = TerminalText.escape(Objects.requireNonNull(message, "message"));
        fix = fix == null ? null : TerminalText.escape(fix);
    }

    static Finding error(String nodeId, String edgeId, String message, String fix) {
        return new Finding(Severity.ERROR, nodeId, edgeId, message, fix);
    }

    static Finding warning(String nodeId, String edgeId, String message, String fix) {
        return new Finding(Severity.WARNING, nodeId, edgeId, message, fix);
    }

    static Finding info(String nodeId, String edgeId, String message, String fix) {
        return new Finding(Severity.INFO, nodeId, edgeId, message, fix);
    }

    /** One line such as {@code error: node 'c1': consumer 'Billing' has no queue ...} (without the fix). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(severity.word()).append(": ");
        if (nodeId != null) {
            sb.append("node '").append(nodeId).append("': ");
        } else if (edgeId != null) {
            sb.append("edge '").append(edgeId).append("': ");
        }
        return sb.append(message).toString();
    }
}
