// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

/**
 * The engine's account of every message it ever created. The law is
 * {@code produced = completed + deadLettered + expired + dropped + filtered + waiting + inFlight}.
 *
 * <p>Each message object is one unit. Definitions, precisely:
 * <ul>
 *   <li>{@code produced}: messages the engine created: published by a source (a duplicate publish is
 *       a second message), every extra copy a topic or a multi-output node makes (the first binding
 *       gets the original, each further binding a new message), each part a splitter makes, each
 *       batch an aggregator emits, each reply a consumer sends.</li>
 *   <li>{@code completed}: finished normally: acknowledged by a consumer that has no output and did
 *       not take it from a dead-letter queue, handled by an endpoint, absorbed as an input of a
 *       splitter or aggregator (its parts or batch are new messages), a reply taken by the source
 *       that asked for it.</li>
 *   <li>{@code deadLettered}: messages sitting in a dead-letter queue (ready, scheduled or
 *       unacknowledged) plus those consumed from one by a consumer without output. A message sent
 *       back from a dead-letter queue to its origin leaves this count; one dead-lettered by a queue
 *       whose dead-letter port goes to an ordinary queue or topic is counted where it lands.
 *       A queue with no dead-letter target drops what it dead-letters (counted dropped, or
 *       expired for reason {@code expired}).</li>
 *   <li>{@code expired}: removed because their time to live ran out and no dead-letter target took them.</li>
 *   <li>{@code dropped}: lost: unroutable at a topic or router, refused by a full queue
 *       ({@code reject-publish}) or a down endpoint without failover, the head dropped by a full
 *       queue without a dead-letter target, lost by an auto-ack consumer that failed or crashed,
 *       rejected by a consumer ({@code REJECT}), failed in a processor with no error wire, given up
 *       by a message store.</li>
 *   <li>{@code filtered}: removed on purpose: a filter's condition was false, an idempotent
 *       receiver caught a duplicate, a splitter found nothing to split.</li>
 *   <li>{@code waiting}: at rest in an ordinary queue (ready or scheduled) or a message store.</li>
 *   <li>{@code inFlight}: everywhere else: unacknowledged in ordinary queues, in consumers,
 *       processors (including aggregator and resequencer buffers), endpoints.</li>
 * </ul>
 *
 * @param produced messages created
 * @param completed messages finished normally
 * @param deadLettered messages in or consumed from dead-letter queues
 * @param expired messages whose time to live ran out with nowhere to go
 * @param dropped messages lost
 * @param filtered messages removed on purpose
 * @param waiting messages at rest in queues and stores
 * @param inFlight messages being delivered or processed
 */
public record Conservation(long produced, long completed, long deadLettered, long expired, long dropped,
                           long filtered, long waiting, long inFlight) {

    /** The sum of every place a message can be. */
    public long accounted() {
        return completed + deadLettered + expired + dropped + filtered + waiting + inFlight;
    }

    /** True when every produced message is accounted for exactly once. */
    public boolean holds() {
        return produced == accounted();
    }

    @Override
    public String toString() {
        return "produced " + produced + " = completed " + completed + " + dead-lettered " + deadLettered
                + " + expired " + expired + " + dropped " + dropped + " + filtered " + filtered
                + " + waiting " + waiting + " + in flight " + inFlight
                + (holds() ? "" : " (does NOT hold: off by " + (produced - accounted()) + ")");
    }
}
