// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.time.Duration;
import java.util.Map;

/**
 * One message of a source's script: published at a fixed time with fixed properties, so a scenario
 * can say "m1 to m10 with these priorities" or "m3 expires after 2 s". What an entry leaves empty
 * comes from its source as for any other message (routing keys in turn, the priority mix, the
 * source's headers, which the entry's headers extend and override).
 *
 * @param at virtual time of the publish from the start of the run
 * @param id the message's id in the script; published as the header {@code id}, so a consumer's
 *     {@code failWhen} can pick it ({@code header:id=m3}); null for none
 * @param key its routing key; null for the source's routing keys in turn
 * @param priority its priority, 0 to 255; null for one drawn from the source's priority mix
 * @param headers headers added to the source's (an entry's header wins over the source's)
 * @param ttl its own time to live, as RabbitMQ's {@code expiration} property: a queue with a
 *     message TTL of its own expires it after the lower of the two; null for none
 * @param delay its own delivery delay, which replaces the queue's delivery delay; null for the queue's
 */
public record ScriptedMessage(Duration at, String id, String key, Integer priority, Map<String, String> headers,
                              Duration ttl, Duration delay) {
    public ScriptedMessage {
        Checks.nonNegative("script.at", Checks.required("script.at", at));
        id = id == null || id.isBlank() ? null : id;
        if (id != null && id.length() > Limits.MAX_NAME_LENGTH) {
            throw new InvalidPropertyException("script.id", "must be at most " + Checks.grouped(Limits.MAX_NAME_LENGTH)
                    + " characters (was " + Checks.grouped(id.length()) + ")");
        }
        Checks.key("script.key", key);
        Checks.betweenOrNull("script.priority", priority, 0, 255);
        headers = Checks.sortedMap("script.headers", headers);
        Checks.positiveOrNull("script.ttl", ttl);
        Checks.nonNegative("script.delay", delay);
    }

    /** A message with only a time and an id; the rest comes from the source. */
    public static ScriptedMessage at(Duration at, String id) {
        return new ScriptedMessage(at, id, null, null, Map.of(), null, null);
    }
}
