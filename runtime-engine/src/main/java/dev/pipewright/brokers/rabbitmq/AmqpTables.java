// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Definitions JSON (queue and binding arguments) as the AMQP tables amqp-client declares with. */
public final class AmqpTables {
    private AmqpTables() {
    }

    /** A definitions JSON object as an AMQP table: whole numbers as int where they fit, as RabbitMQ's clients send them. */
    public static Map<String, Object> of(JsonNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            JsonNode v = e.getValue();
            Object value;
            if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (v.isIntegralNumber() && v.canConvertToInt()) {
                value = v.intValue();
            } else if (v.isIntegralNumber()) {
                value = v.longValue();
            } else if (v.isNumber()) {
                value = v.doubleValue();
            } else {
                value = v.asText();
            }
            out.put(e.getKey(), value);
        }
        return out;
    }
}
