// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

/**
 * Told about every event the kernel processes, in order, on the engine thread. For determinism
 * tests and debugging; it slows a run down, so leave it unset otherwise.
 */
@FunctionalInterface
public interface TraceListener {
    /**
     * One processed event.
     *
     * @param time virtual seconds of the event
     * @param seq the event's sequence number (ties in time are processed in sequence order)
     * @param kind what the event is, e.g. {@code arrival}, {@code done}, {@code expire}
     * @param nodeId the node that handles it
     * @param messageId the message it concerns, or -1 for none
     */
    void onEvent(double time, long seq, String kind, String nodeId, long messageId);
}
