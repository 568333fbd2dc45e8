// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flow and the check of the tests that live sources send the payloads the simulator makes:
 * the whole template language, drawn from the simulator's stream for the same seed. A source with
 * constant arrivals and no priority mix draws only its payloads, so each message's text is the
 * simulator's exactly (sequence numbers, whole and fractional random numbers, choices); one with
 * Poisson arrivals and a priority mix shares its stream with those draws, so its values differ but
 * stay of the template's kinds and ranges.
 */
public final class PayloadFlows {
    /** Messages each source sends. */
    public static final long MESSAGES = 40;
    /** The seed of the live run and of the simulation it is compared with. */
    public static final long SEED = 11;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = "{\"orderId\": \"${seq}\", \"amount\": ${random(5,500)},"
            + " \"kind\": \"${oneOf(book,game,toy)}\", \"weight\": ${random(0.5,2.5)}}";

    private PayloadFlows() {
    }

    /** Source "even" (constant arrivals) into queue "exact", source "mixed" (Poisson, priorities) into "ranged"; no consumers. */
    public static Flow flow() {
        Node even = Source.of("even", "even", Position.ORIGIN).with("rate", 400.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", MESSAGES).with("confirms", true).with("payloadTemplate", TEMPLATE);
        Node mixed = Source.of("mixed", "mixed", Position.ORIGIN).with("rate", 400.0).with("arrival", Source.Arrival.POISSON)
                .with("messageLimit", MESSAGES).with("confirms", true).with("payloadTemplate", TEMPLATE)
                .with("priorityMix", Map.of(1, 1.0, 5, 1.0));
        return new Flow(new FlowInfo("Live payloads", ""), List.of(even, mixed,
                Queue.of("exact", "exact", Position.ORIGIN), Queue.of("ranged", "ranged", Position.ORIGIN)), List.of(
                Edge.of("e1", "even", Port.OUT, "exact"), Edge.of("e2", "mixed", Port.OUT, "ranged")));
    }

    /** Asserts that the texts received from "exact" are the simulator's and those from "ranged" of its kinds and ranges. */
    public static void assertAsTheSimulator(List<String> exact, List<String> ranged) throws Exception {
        assertThat(byOrder(exact)).isEqualTo(simulated("exact"));
        Map<Long, JsonNode> sim = simulated("ranged");
        Map<Long, JsonNode> live = byOrder(ranged);
        assertThat(live.keySet()).isEqualTo(sim.keySet());
        for (JsonNode p : live.values()) {
            assertThat(p.get("orderId").isTextual()).isTrue();
            assertThat(p.get("amount").isIntegralNumber()).isTrue();
            assertThat(p.get("amount").asLong()).isBetween(5L, 500L);
            assertThat(p.get("kind").asText()).isIn("book", "game", "toy");
            assertThat(p.get("weight").isFloatingPointNumber()).isTrue();
            assertThat(p.get("weight").asDouble()).isBetween(0.5, 2.5);
        }
    }

    /** The simulator's payloads in a queue, by order id. */
    private static Map<Long, JsonNode> simulated(String queue) throws Exception {
        Simulation sim = Simulation.create(flow(), SEED);
        sim.runUntil(60);
        Map<Long, JsonNode> out = new TreeMap<>();
        for (MessageView m : sim.peek(queue, (int) MESSAGES + 1)) {
            JsonNode p = JSON.readTree(m.payload());
            out.put(p.get("orderId").asLong(), p);
        }
        assertThat(out).hasSize((int) MESSAGES);
        return out;
    }

    private static Map<Long, JsonNode> byOrder(List<String> texts) throws Exception {
        Map<Long, JsonNode> out = new TreeMap<>();
        for (String t : texts) {
            JsonNode p = JSON.readTree(t);
            out.put(p.get("orderId").asLong(), p);
        }
        assertThat(out).as("one message per order id").hasSize(texts.size());
        return out;
    }
}
