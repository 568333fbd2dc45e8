// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

/**
 * One thing that happened to one message, as {@code run --trace} writes it: every message, not
 * only the sampled ones of {@link Lineage}.
 *
 * @param t virtual seconds
 * @param event what happened; the names of the trace (see {@link #name(String)}): {@code publish},
 *     {@code confirm} and {@code nack} (publisher confirms, where a source publishes with them),
 *     {@code enqueue}, {@code deliver} (a queue hands it to a consumer), {@code receive} (a
 *     consumer instance takes it), {@code ack}, {@code reject} (a consumer gives it back),
 *     {@code requeue}, {@code dead-letter}, {@code expire}, {@code drop}, {@code complete}, and
 *     the lineage's own names for the rest ({@code copied}, {@code failed}, {@code routed}, ...)
 * @param node the node where it happened
 * @param message the message's id
 * @param delivery how many times a queue has delivered it so far (0 before the first delivery)
 * @param reason more about it, or an empty string, e.g. {@code instance 2} or
 *     {@code reason=delivery_limit queue=orders count=1}
 */
public record MessageEvent(double t, String event, String node, long message, int delivery, String reason) {

    /** The trace's name for a lineage {@link Hop#event() hop event}; the hop's own name for the rest. */
    public static String name(String hopEvent) {
        return switch (hopEvent) {
            case "published" -> "publish";
            case "confirmed" -> "confirm";
            case "publish-nacked" -> "nack";
            case "enqueued" -> "enqueue";
            case "delivered" -> "deliver";
            case "received" -> "receive";
            case "acked" -> "ack";
            case "nacked" -> "reject";
            case "requeued" -> "requeue";
            case "dead-lettered" -> "dead-letter";
            case "expired" -> "expire";
            case "dropped" -> "drop";
            case "completed" -> "complete";
            default -> hopEvent;
        };
    }
}
