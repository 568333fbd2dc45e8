// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.engine.template.Expression;
import dev.pipewright.engine.template.ProcessorRules;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A processor of a live run, whichever broker it runs on: takes one message (its id, body and
 * headers), decides as the simulator's processor does ({@link ProcessorRules}: fail to the error
 * wire, filter, route, split, dedupe, pass) and says what to publish to which queue or topic. A
 * processor wired to another processor runs that one too, in the same client, before anything is
 * published. The stage counts what it decided in the processors' {@link NodeTally} as the
 * simulator counts it; the backend publishes the {@link Output}s, acknowledges the input once they
 * are confirmed, and tells the ledger ({@link LiveLedger#forwarded}).
 *
 * <p>Draws (processing time, failure) come from one seeded {@link Random} per processor, so a seed
 * means the same on every broker. Thread-safe: a backend calls it from several delivery threads.
 */
public final class ProcessorStage {
    /** A processor chain deeper than this is refused by {@link LiveChecks} (a loop of processors). */
    static final int MAX_CHAIN = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One message as a stage sees it.
     *
     * @param id the id the ledger counts it by (a source's {@code NODE-SEQ}; a part adds {@code .N})
     * @param body its text, or null for an opaque body of {@code size} bytes
     * @param size its size in bytes
     * @param headers its headers (the id and publish time among them, as the backend names them)
     * @param routingKey its modelled routing key, or null when the broker does not carry it
     */
    public record Item(String id, String body, int size, Map<String, Object> headers, String routingKey) {
        public Item {
            Objects.requireNonNull(id, "id");
            headers = headers == null ? Map.of() : headers;
        }
    }

    /**
     * One publish the stage asks for: {@code item} along {@code edge} to node {@code edge.to()}, a
     * queue or a topic (whose routing key is the edge's, else the item's).
     *
     * @param index the output's place among the outputs of one input, from 0 (a broker's duplicate id tells them apart)
     */
    public record Output(Edge edge, Item item, int index) {
    }

    /** What one input came to: the publishes, and how long the processors after the first hold it. */
    public record Result(List<Output> outputs, double laterSeconds) {
    }

    private final Flow flow;
    private final LiveLedger ledger;
    private final Map<String, Step> steps = new HashMap<>();

    /** The stage of every processor of {@code flow}; {@code seed} seeds their draws. */
    public ProcessorStage(Flow flow, LiveLedger ledger, long seed) {
        this.flow = flow;
        this.ledger = ledger;
        Random seeds = new Random(seed);
        for (var n : flow.nodes()) {
            if (n instanceof Processor p) {
                steps.put(p.id(), new Step(p, new Random(seeds.nextLong())));
            }
        }
    }

    /** How long processor {@code processorId} holds its next message: its delay, or a drawn processing time, in seconds. */
    public double holdSeconds(String processorId) {
        return step(processorId).hold();
    }

    /** How many messages processor {@code processorId} takes at once (0: no limit, a delay processor). */
    public int concurrency(String processorId) {
        Processor p = step(processorId).model;
        return p.variant() == Processor.Variant.DELAY ? 0 : p.concurrency();
    }

    /**
     * Processes {@code in} at processor {@code processorId} (whose hold has passed), counting it in
     * (and every processor after it in the same client): what to publish, and where.
     */
    public Result process(String processorId, Item in) {
        List<Output> out = new ArrayList<>();
        double[] later = {0};
        run(step(processorId), in, out, later, 0);
        return new Result(List.copyOf(out), later[0]);
    }

    private Step step(String processorId) {
        Step s = steps.get(processorId);
        if (s == null) {
            throw new IllegalArgumentException("no processor '" + processorId + "' in this flow");
        }
        return s;
    }

    private void run(Step s, Item in, List<Output> out, double[] later, int depth) {
        NodeTally t = ledger.tally(s.model.id());
        if (depth > 0) {
            t.delivered.incrementAndGet();
            later[0] += s.hold();
        }
        t.processed.incrementAndGet();
        if (s.fails()) {
            t.failed.incrementAndGet();
            List<Edge> errors = flow.outgoing(s.model.id(), Port.ERROR);
            if (errors.isEmpty()) {
                t.dropped.incrementAndGet();
            } else {
                emit(s, in, errors, out, later, depth);
            }
            return;
        }
        JsonNode payload = payload(in);
        switch (s.model.variant()) {
            case FILTER -> {
                if (ProcessorRules.passes(s.expression, payload)) {
                    emitOrComplete(s, in, out, later, depth);
                } else {
                    t.filtered.incrementAndGet();
                }
            }
            case CONTENT_ROUTER -> {
                String route = ProcessorRules.route(s.routes, payload, in.routingKey());
                List<Edge> chosen = keyed(s, route);
                if (chosen.isEmpty() && !route.equals(ProcessorRules.DEFAULT_ROUTE)) {
                    chosen = keyed(s, ProcessorRules.DEFAULT_ROUTE);
                }
                if (chosen.isEmpty()) {
                    t.dropped.incrementAndGet();
                } else {
                    emit(s, in, chosen, out, later, depth);
                }
            }
            case SPLITTER -> split(s, in, payload, out, later, depth);
            case IDEMPOTENT_RECEIVER -> {
                Object key = ProcessorRules.dedupeKey(s.expression, s.expression == null ? null : payload, in.id());
                boolean duplicate;
                synchronized (s.seen) {
                    duplicate = s.seen.seenBefore(key);
                }
                if (duplicate) {
                    t.caught.incrementAndGet();
                    t.filtered.incrementAndGet();
                } else {
                    emitOrComplete(s, in, out, later, depth);
                }
            }
            // LiveChecks refuses the others; transform and delay pass the message on.
            default -> emitOrComplete(s, in, out, later, depth);
        }
    }

    private void split(Step s, Item in, JsonNode payload, List<Output> out, double[] later, int depth) {
        NodeTally t = ledger.tally(s.model.id());
        ProcessorRules.Split split = ProcessorRules.split(s.expression, payload, s.model.batchSize());
        if (split.whole()) {
            emitOrComplete(s, in, out, later, depth);
            return;
        }
        int n = split.parts();
        if (n == 0) {
            t.filtered.incrementAndGet();
            return;
        }
        // The original completes here; each part is a new message (as the simulator counts them).
        t.completed.incrementAndGet();
        for (int i = 0; i < n; i++) {
            JsonNode part = split.part(i);
            Map<String, Object> headers = new LinkedHashMap<>(in.headers());
            headers.put("pwPart", i + 1); // a JMS property name too
            Item item = new Item(in.id() + "." + (i + 1), part == null ? null : part.toString(),
                    part == null ? Math.max(1, in.size() / n) : Math.max(1, part.toString().length()), headers,
                    in.routingKey());
            t.made.incrementAndGet();
            emitOrComplete(s, item, out, later, depth);
        }
    }

    private List<Edge> keyed(Step s, String key) {
        return flow.outgoing(s.model.id(), Port.OUT).stream().filter(e -> key.equals(e.key())).toList();
    }

    private void emitOrComplete(Step s, Item in, List<Output> out, double[] later, int depth) {
        List<Edge> wires = flow.outgoing(s.model.id(), Port.OUT);
        if (wires.isEmpty()) {
            ledger.tally(s.model.id()).completed.incrementAndGet();
        } else {
            emit(s, in, wires, out, later, depth);
        }
    }

    /** Sends {@code in} along every wire of {@code wires}: each wire beyond the first gets a copy, made here. */
    private void emit(Step s, Item in, List<Edge> wires, List<Output> out, double[] later, int depth) {
        ledger.tally(s.model.id()).made.addAndGet(wires.size() - 1L);
        for (Edge e : wires) {
            Step next = steps.get(e.to());
            if (next != null && depth + 1 < MAX_CHAIN) {
                run(next, in, out, later, depth + 1);
            } else {
                out.add(new Output(e, in, out.size()));
            }
        }
    }

    /** The body read as JSON, as the simulator holds a templated payload; null for an opaque or non-JSON body. */
    private static JsonNode payload(Item in) {
        if (in.body() == null || in.body().isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(in.body());
            return n == null || n.isMissingNode() ? null : n;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /** One processor's compiled model and its draws. */
    private static final class Step {
        final Processor model;
        final Expression expression;
        final Map<String, Expression> routes;
        final ProcessorRules.SeenKeys seen;
        private final Random rng;

        Step(Processor model, Random rng) {
            this.model = model;
            this.rng = rng;
            Expression e;
            Map<String, Expression> r;
            try {
                e = ProcessorRules.expressionOf(model);
                r = ProcessorRules.routesOf(model);
            } catch (IllegalArgumentException malformed) {
                e = null; // the flow's check refuses it; a live run does not start with it
                r = Map.of();
            }
            this.expression = e;
            this.routes = r;
            this.seen = new ProcessorRules.SeenKeys(model.window());
        }

        synchronized double hold() {
            return model.variant() == Processor.Variant.DELAY ? model.delay().toNanos() / 1e9
                    : Modelled.seconds(model.processingTime(), rng);
        }

        synchronized boolean fails() {
            return model.failureRate() > 0 && rng.nextDouble() < model.failureRate();
        }
    }
}
