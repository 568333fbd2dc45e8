// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

/**
 * A problem found while turning a parsed document into a flow. Internal to the reader: it carries
 * the JSON pointer of the value at fault, and {@link FlowJson} turns it into a
 * {@link FlowFileException} with the line and column of that value.
 */
final class ReadProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String pointer;
    private final String nodeId;
    private final String edgeId;
    private final LocatedJson.Place place;

    ReadProblem(String pointer, String message) {
        this(pointer, null, null, message);
    }

    ReadProblem(String pointer, String nodeId, String edgeId, String message) {
        this(pointer, nodeId, edgeId, message, null);
    }

    private ReadProblem(String pointer, String nodeId, String edgeId, String message, LocatedJson.Place place) {
        super(message, null, false, false);
        this.pointer = pointer;
        this.nodeId = nodeId;
        this.edgeId = edgeId;
        this.place = place;
    }

    /** Where the problem is, when it was resolved before the tree was complete; otherwise null. */
    LocatedJson.Place place() {
        return place;
    }

    /** The same problem with its place resolved. */
    ReadProblem at(LocatedJson.Place resolved) {
        return new ReadProblem(pointer, nodeId, edgeId, getMessage(), resolved);
    }

    String pointer() {
        return pointer;
    }

    String nodeId() {
        return nodeId;
    }

    String edgeId() {
        return edgeId;
    }

    /** The same problem, now known to concern this node or edge. */
    ReadProblem about(String newNodeId, String newEdgeId) {
        if (nodeId != null || edgeId != null) {
            return this;
        }
        return new ReadProblem(pointer, newNodeId, newEdgeId, getMessage(), place);
    }
}
