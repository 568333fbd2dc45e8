// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.kernel;

/** Something the kernel can call back when one of its events comes due: an entity of the flow. */
public interface EventHandler {
    /**
     * Handles one event.
     *
     * @param type the handler's own event code
     * @param subject the object the event concerns (usually a message), or null
     * @param arg a number the handler attached (an instance index, a generation to detect stale events)
     */
    void handle(int type, Object subject, long arg);

    /** The node id, for traces. */
    String nodeId();

    /** A word for the event code, for traces. */
    String eventName(int type);
}
