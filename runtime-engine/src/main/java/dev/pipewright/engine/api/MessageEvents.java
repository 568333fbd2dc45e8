// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

/**
 * Told about every message event of a run, in order, on the engine thread (see
 * {@link MessageEvent}). With none set the entities build no events at all; with one set every
 * message is followed, which costs time, so set it only to write a trace.
 */
@FunctionalInterface
public interface MessageEvents {
    /** One message event; the record is the listener's to keep. */
    void onMessageEvent(MessageEvent event);
}
