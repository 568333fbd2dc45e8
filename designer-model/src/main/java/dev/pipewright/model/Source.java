// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A producer of messages.
 *
 * @param rate messages per second on average
 * @param arrival how messages are spaced in time
 * @param burstSize messages per burst when {@code arrival} is {@link Arrival#BURSTS}
 * @param messageLimit stop after this many messages; null for no limit
 * @param payloadTemplate a JSON template for payloads; {@code ${seq}}, {@code ${random(a,b)}} and
 *     {@code ${oneOf(x,y)}} are filled in per message; null for opaque bodies
 * @param payloadSize payload size in bytes (opaque bodies, and for claim-check advice)
 * @param headers headers set on every message
 * @param priorityMix weight of each priority (e.g. {0: 0.8, 9: 0.2}); empty means all priority 0
 * @param routingKeys routing keys used in turn; empty means no key
 * @param duplicateRate probability that a message is published twice (an at-least-once producer)
 * @param replyQueue id of the queue replies come back on, for request/reply; null for none
 * @param replyTimeout how long a request waits for its reply before it counts as timed out
 * @param confirms publish with publisher confirms: a publish a queue refuses ({@code reject-publish},
 *     {@code reject-publish-dlx}, Artemis's FAIL) counts as nacked at the source, every other as confirmed
 * @param script a fixed script of messages; empty for a source that publishes by its rate. A source
 *     with a script publishes exactly these messages at their {@code at} times, in time order (in
 *     script order for equal times), and nothing else: {@code rate}, {@code arrival},
 *     {@code burstSize}, {@code messageLimit} and {@code duplicateRate} are then ignored
 */
public record Source(String id, String name, Position position,
                     double rate, Arrival arrival, int burstSize, Long messageLimit,
                     String payloadTemplate, int payloadSize, Map<String, String> headers,
                     Map<Integer, Double> priorityMix, List<String> routingKeys, double duplicateRate,
                     String replyQueue, Duration replyTimeout, boolean confirms,
                     List<ScriptedMessage> script) implements Node {

    /** How a source spaces its messages in time. */
    public enum Arrival {
        /** Evenly spaced: one every 1/rate seconds. */
        CONSTANT,
        /** A Poisson process: exponential gaps with mean 1/rate. */
        POISSON,
        /** {@code burstSize} messages at once, bursts spaced so the mean rate is {@code rate}. */
        BURSTS
    }

    public Source {
        id = Checks.id(id);
        name = Checks.name(name, id);
        position = position == null ? Position.ORIGIN : position;
        Checks.between("rate", rate, 0, Limits.MAX_RATE, " msg/s");
        arrival = arrival == null ? Arrival.POISSON : arrival;
        Checks.between("burstSize", burstSize, 1, Limits.MAX_BURST_SIZE);
        if (messageLimit != null && messageLimit < 1) {
            throw new InvalidPropertyException("messageLimit", "must be at least 1, or left empty for no limit (was " + messageLimit + ")");
        }
        Checks.between("payloadSize", payloadSize, 0, Limits.MAX_PAYLOAD_BYTES);
        headers = Checks.sortedMap("headers", headers);
        priorityMix = Checks.sortedMap("priorityMix", priorityMix);
        for (Map.Entry<Integer, Double> e : priorityMix.entrySet()) {
            if (e.getKey() < 0 || e.getKey() > 255) {
                throw new InvalidPropertyException("priorityMix", "priorities go from 0 to 255 (was " + e.getKey() + ")");
            }
            if (e.getValue() == null || !(e.getValue() >= 0) || e.getValue().isInfinite()) {
                throw new InvalidPropertyException("priorityMix", "weights must be zero or more (priority " + e.getKey() + ")");
            }
        }
        routingKeys = Checks.list("routingKeys", routingKeys);
        for (String key : routingKeys) {
            Checks.key("routingKeys", key);
        }
        Checks.probability("duplicateRate", duplicateRate);
        Checks.positiveOrNull("replyTimeout", replyTimeout);
        script = script == null ? List.of() : script;
        if (script.size() > Limits.MAX_SCRIPT_MESSAGES) {
            throw new InvalidPropertyException("script", "may have at most " + Checks.grouped(Limits.MAX_SCRIPT_MESSAGES)
                    + " messages (has " + Checks.grouped(script.size()) + "); split the scenario over several sources");
        }
        script = List.copyOf(script);
    }

    /** True when the source publishes its script instead of by its rate. */
    public boolean scripted() {
        return !script.isEmpty();
    }

    public static Source of(String id, String name, Position position) {
        return new Source(id, name, position, 10, Arrival.POISSON, 1, null, null, 256, Map.of(), Map.of(),
                List.of(), 0, null, Duration.ofSeconds(5), false, List.of());
    }
}
