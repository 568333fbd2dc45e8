// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Overflow;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A queue's {@code x-} arguments, or a policy's definition, as the raw values the flow has
 * settings for: numbers as RabbitMQ wrote them, before the flow's own limits are applied. Types
 * are checked as RabbitMQ checks them when it declares the queue, so a wrong type is refused.
 */
final class ArgumentsRead {
    /** The arguments the flow has a setting for; every other one is warned about by name. */
    static final Set<String> MODELLED = Set.of("x-queue-type", "x-max-length", "x-overflow", "x-message-ttl",
            "x-max-priority", "x-delivery-limit", "x-single-active-consumer", "x-dead-letter-exchange",
            "x-dead-letter-routing-key");

    /** The raw values; null where not set. */
    static final class Raw {
        Long maxLength;
        Overflow overflow;
        Long messageTtl;
        Long maxPriority;
        Long deliveryLimit;
        Boolean singleActiveConsumer;
        String queueType;
        String deadLetterExchange;
        String deadLetterRoutingKey;
    }

    private ArgumentsRead() {
    }

    /** A queue's arguments; the names of those the flow has no setting for go to {@code leftOut}. */
    static Raw ofArguments(ObjectNode args, String pointer, String of, List<String> leftOut) {
        Raw r = new Raw();
        for (Map.Entry<String, JsonNode> e : args.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            String at = Json.at(pointer, key);
            String what = "'" + key + "' of " + of;
            switch (key) {
                case "x-queue-type" -> r.queueType = text(v, at, what);
                case "x-max-length" -> r.maxLength = Json.whole(v, at, what);
                case "x-overflow" -> r.overflow = overflow(v, at, what);
                case "x-message-ttl" -> r.messageTtl = Json.whole(v, at, what);
                case "x-max-priority" -> r.maxPriority = Json.whole(v, at, what);
                case "x-delivery-limit" -> r.deliveryLimit = Json.whole(v, at, what);
                case "x-single-active-consumer" -> {
                    if (!v.isBoolean()) {
                        throw new Refused(at, what + " must be true or false, not " + Json.kind(v));
                    }
                    r.singleActiveConsumer = v.booleanValue();
                }
                case "x-dead-letter-exchange" -> r.deadLetterExchange = text(v, at, what);
                case "x-dead-letter-routing-key" -> r.deadLetterRoutingKey = text(v, at, what);
                default -> leftOut.add(key);
            }
        }
        return r;
    }

    /** The queue settings of a policy's definition (its other keys are reported by {@link Policies}). */
    static Raw ofPolicy(Declared.Policy policy) {
        Raw r = new Raw();
        String pointer = Json.at(policy.pointer(), "definition");
        String of = "policy '" + Json.named(policy.name()) + "'";
        for (Map.Entry<String, JsonNode> e : policy.definition().properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            String at = Json.at(pointer, key);
            String what = "'" + key + "' of " + of;
            switch (key) {
                case "max-length" -> r.maxLength = Json.whole(v, at, what);
                case "overflow" -> r.overflow = overflow(v, at, what);
                case "message-ttl" -> r.messageTtl = Json.whole(v, at, what);
                case "delivery-limit" -> r.deliveryLimit = Json.whole(v, at, what);
                case "dead-letter-exchange" -> r.deadLetterExchange = text(v, at, what);
                case "dead-letter-routing-key" -> r.deadLetterRoutingKey = text(v, at, what);
                default -> {
                    // Reported once per policy, by Policies.report.
                }
            }
        }
        return r;
    }

    /**
     * The settings a queue ends with: for max-length and message-ttl the lower of argument and
     * policy wins, as RabbitMQ does; for the others the queue's own argument, else the policy's.
     */
    static Raw merge(Raw args, Raw policy) {
        if (policy == null) {
            return args;
        }
        Raw r = new Raw();
        r.maxLength = lower(args.maxLength, policy.maxLength);
        r.messageTtl = lower(args.messageTtl, policy.messageTtl);
        r.overflow = args.overflow != null ? args.overflow : policy.overflow;
        r.deliveryLimit = args.deliveryLimit != null ? args.deliveryLimit : policy.deliveryLimit;
        r.maxPriority = args.maxPriority;
        r.singleActiveConsumer = args.singleActiveConsumer;
        r.queueType = args.queueType;
        // RabbitMQ looks each one up on its own: the exchange may come from one, the key from the other.
        r.deadLetterExchange = args.deadLetterExchange != null ? args.deadLetterExchange : policy.deadLetterExchange;
        r.deadLetterRoutingKey = args.deadLetterRoutingKey != null ? args.deadLetterRoutingKey
                : policy.deadLetterRoutingKey;
        return r;
    }

    private static Long lower(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    private static String text(JsonNode v, String at, String what) {
        if (!v.isTextual()) {
            throw new Refused(at, what + " must be text in double quotes, not " + Json.kind(v));
        }
        return v.textValue();
    }

    private static Overflow overflow(JsonNode v, String at, String what) {
        String s = v.isTextual() ? v.textValue() : null;
        if (s != null) {
            switch (s) {
                case "drop-head" -> {
                    return Overflow.DROP_HEAD;
                }
                case "reject-publish" -> {
                    return Overflow.REJECT_PUBLISH;
                }
                case "reject-publish-dlx" -> {
                    return Overflow.REJECT_PUBLISH_DLX;
                }
                default -> {
                    // refused below
                }
            }
        }
        throw new Refused(at, what + " must be \"drop-head\", \"reject-publish\" or \"reject-publish-dlx\", not "
                + Json.shown(v));
    }
}
