// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import dev.pipewright.model.TerminalText;
import java.util.Objects;

/**
 * The one error that reading a flow gives: the file could not be read, is not a flow, or holds a
 * value the flow refuses. Its message is one sentence a person understands, naming where the
 * problem is, e.g. {@code orders.flow.json:12:5: node 'q1': property 'deliveryLimit' must be at
 * least 1 (was 0)}. It never carries a stack trace or a library's class names in its message, and
 * control characters from the file are written as {@code \}{@code uXXXX}, so it is safe to print.
 */
public final class FlowFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final int line;
    private final int column;
    private final String nodeId;
    private final String edgeId;
    private final String problem;

    /**
     * @param sourceName the file path, or {@code <text>} for text not read from a file
     * @param line 1-based line of the problem, or -1 when it has no place in the text
     * @param column 1-based column, or -1
     * @param nodeId the node concerned, or null
     * @param edgeId the edge concerned, or null
     * @param problem what is wrong and, where possible, what to do, without the place
     * @param cause the underlying error, kept for logs; may be null
     */
    public FlowFileException(String sourceName, int line, int column, String nodeId, String edgeId, String problem,
                             Throwable cause) {
        super(compose(sourceName, line, column, nodeId, edgeId, problem), cause);
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.line = line;
        this.column = column;
        this.nodeId = nodeId;
        this.edgeId = edgeId;
        this.problem = TerminalText.escape(Objects.requireNonNull(problem, "problem"));
    }

    /** An error about the whole file, with no particular place in it. */
    public FlowFileException(String sourceName, String problem, Throwable cause) {
        this(sourceName, -1, -1, null, null, problem, cause);
    }

    /** The sentence, with every control character from the file (in a path, an id, a value) escaped. */
    private static String compose(String source, int line, int column, String nodeId, String edgeId, String problem) {
        StringBuilder sb = new StringBuilder(TerminalText.escape(source));
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (nodeId != null) {
            sb.append("node '").append(shortId(nodeId)).append("': ");
        } else if (edgeId != null) {
            sb.append("edge '").append(shortId(edgeId)).append("': ");
        }
        return sb.append(TerminalText.escape(problem)).toString();
    }

    /** An id as read from the file, which may be one the flow refuses: long or with control characters. */
    private static String shortId(String id) {
        return TerminalText.escape(id.length() > 60 ? id.substring(0, 57) + "..." : id);
    }

    /** The whole sentence: place, node or edge, and problem. Same as {@link #getMessage()}. */
    public String describe() {
        return getMessage();
    }

    /** The file path, or {@code <text>}. */
    public String sourceName() {
        return sourceName;
    }

    /** 1-based line, or -1 when the problem has no place in the text. */
    public int line() {
        return line;
    }

    /** 1-based column, or -1. */
    public int column() {
        return column;
    }

    /** The id of the node concerned, or null. */
    public String nodeId() {
        return nodeId;
    }

    /** The id of the edge concerned, or null. */
    public String edgeId() {
        return edgeId;
    }

    /** What is wrong, without the place (for a dialog that shows the place separately). */
    public String problem() {
        return problem;
    }
}
