// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.engine.template.Aggregation;
import dev.pipewright.engine.template.Expression;
import dev.pipewright.engine.template.ProcessorRules;
import dev.pipewright.engine.template.Resequencing;
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
import java.util.Set;

/**
 * A processor of a live run, whichever broker it runs on: takes one message (its id, body and
 * headers), decides as the simulator's processor does ({@link ProcessorRules}: fail to the error
 * wire, filter, route, split, dedupe, aggregate, resequence, claim-check, pass) and says what to
 * publish to which queue or topic. A processor wired to another processor runs that one too, in the
 * same client, before anything is published; what goes to an endpoint or a message store is handed
 * to the client's own {@link LiveEndpoints} instead ({@link Result#local}). The stage counts what
 * it decided in the processors' {@link NodeTally} as the simulator counts it; the backend publishes
 * the {@link Output}s, settles
 * the {@link Result#settles() receipts} once they are confirmed (acknowledges those inputs), and
 * tells the ledger ({@link LiveLedger#forwarded}).
 *
 * <p>An aggregator or a resequencer holds its inputs ({@link Aggregation}, {@link Resequencing},
 * as the simulator does): a held input's receipt comes back in the result that releases it (a
 * complete group, a gap closed or given up), so its acknowledgement waits for the outputs it went
 * into, and a crash in between delivers it again. Their clock is the caller's ({@link #expire}
 * releases what timed out). The claim store of claim check in and out is the stage's, in the
 * client's memory, as the simulator keeps one store for the whole run. An aggregator or a
 * resequencer fed straight by a source or a consumer holds its inputs in that client's memory,
 * with no receipt to settle ({@link #fromSource}, {@link #fromConsumer}, {@link #holdsInClient}).
 *
 * <p>Draws (processing time, failure) come from one seeded {@link Random} per processor, so a seed
 * means the same on every broker. Thread-safe: a backend calls it from several delivery threads.
 */
public final class ProcessorStage {
    /** A processor chain deeper than this is refused by {@link LiveChecks} (a loop of processors). */
    static final int MAX_CHAIN = 16;
    /**
     * How many groups an aggregator fills at once in a live run: with one more input held than
     * {@link #heldLimit} allows, the oldest group is released as its timeout would release it.
     */
    public static final int OPEN_GROUPS = 8;
    /** How many payloads the claim store keeps at most; past it the oldest claim is forgotten. */
    public static final int MAX_CLAIMS = 100_000;
    /** The header a split part carries its number in (a JMS property name too). */
    static final String PART_HEADER = "pwPart";
    /** Headers that say what an input was (its copy, its retry, its part number, which consumer's copy), not what an aggregate of it is. */
    private static final Set<String> LINEAGE = Set.of("pw-copy", "pwCopy", "pw-retry", "pwRetry", PART_HEADER,
            LiveMessages.LEG_HEADER);
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

    /**
     * How a backend settles one input it took: its ledger id, the publish time it carried, which
     * delivery of it this is, and the broker's handle of it (a RabbitMQ delivery tag; 0 where a
     * transaction settles it).
     */
    public record Receipt(String ledgerId, Long t0, int attempt, long deliveryTag) {
        public Receipt {
            Objects.requireNonNull(ledgerId, "ledgerId");
        }
    }

    /**
     * What one input (or one {@link #expire}) came to: the publishes, how long the processors after
     * the first hold them, the receipts of the inputs to settle once the publishes are
     * confirmed (the input's own unless an aggregator or resequencer holds it, and those of the
     * held inputs it released), and what goes to an endpoint or a message store: those the client
     * plays itself ({@link LiveEndpoints#fromProcessor}), handed over once per input before the
     * inputs are settled, never published.
     */
    public record Result(List<Output> outputs, double laterSeconds, List<Receipt> settles, List<Output> local) {
    }

    /** A held input: the message and how to settle it. */
    private record Held(Item item, Receipt receipt) {
    }

    /** A claim: the payload taken off a message (null: opaque) and its size. */
    private record Claim(String body, int size) {
    }

    /** What one call comes to, gathered as the chain runs. */
    private static final class Pass {
        final List<Output> out = new ArrayList<>();
        final List<Receipt> settles = new ArrayList<>();
        final List<Output> local = new ArrayList<>();
        double later;

        Result result() {
            return new Result(List.copyOf(out), later, List.copyOf(settles), List.copyOf(local));
        }
    }

    private final Flow flow;
    private final LiveLedger ledger;
    private final Map<String, Step> steps = new HashMap<>();
    private final Map<Long, Claim> claims = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Claim> eldest) {
            return size() > MAX_CLAIMS;
        }
    };
    private long nextClaim = 1;

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

    /** Whether {@code p} holds inputs between messages (an aggregator, a resequencer). */
    public static boolean holds(Processor p) {
        return p.variant() == Processor.Variant.AGGREGATOR || p.variant() == Processor.Variant.RESEQUENCER;
    }

    /**
     * How many inputs processor {@code p} holds at most besides those it is processing: a
     * resequencer its window (and one it is about to give a gap up for), an aggregator
     * {@value #OPEN_GROUPS} groups of its batch size; 0 for the others. A RabbitMQ client's
     * prefetch is its concurrency plus this, so a group can fill while its members stay unacknowledged.
     */
    public static int heldLimit(Processor p) {
        return switch (p.variant()) {
            case RESEQUENCER -> (int) Math.min(Integer.MAX_VALUE, p.window() + 1L);
            case AGGREGATOR -> (int) Math.min(Integer.MAX_VALUE, (long) Math.max(1, p.batchSize()) * OPEN_GROUPS);
            default -> 0;
        };
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
     * (and every processor after it in the same client): what to publish, and where. For a caller
     * that settles nothing by receipt (no aggregator or resequencer among its processors).
     */
    public Result process(String processorId, Item in) {
        return process(processorId, in, null, System.nanoTime());
    }

    /**
     * Processes {@code in}, settled by {@code receipt} (null: the caller settles it itself), at
     * processor {@code processorId} at time {@code nowNanos} (a {@link System#nanoTime()}).
     */
    public Result process(String processorId, Item in, Receipt receipt, long nowNanos) {
        Pass pass = new Pass();
        Step s = step(processorId);
        if (holds(s.model)) {
            ledger.tally(s.model.id()).processed.incrementAndGet();
            if (s.fails()) {
                failed(s, in, pass, 0);
                settle(pass, receipt);
            } else {
                synchronized (s) {
                    hold(s, new Held(in, receipt), pass, nowNanos / 1e9);
                    countHeld(s);
                }
            }
        } else {
            run(s, in, pass, 0);
            settle(pass, receipt);
        }
        return pass.result();
    }

    /**
     * Processes message {@code in} of source {@code sourceId}, wired straight to processor
     * {@code processorId}, in the source's own client before anything reaches the broker: the
     * source counts it sent (and confirmed, for a source with confirms: it reached its processor),
     * the processor counts it in, and what comes out is the processor's to publish. It is not held
     * for the processing time: a source's messages go at the source's rate. The caller publishes
     * the outputs and tells the ledger ({@link LiveLedger#forwarded}). An aggregator or a
     * resequencer holds the message in the client's memory (a source has no queue to keep it on;
     * nothing is acknowledged): what comes out is what it released, and what it holds when the
     * run ends is in flight, as in the simulator.
     */
    public Result fromSource(String sourceId, String processorId, Item in) {
        NodeTally source = ledger.tally(sourceId);
        source.published.incrementAndGet();
        if (flow.node(sourceId).orElse(null) instanceof dev.pipewright.model.Source s && s.confirms()) {
            source.confirmed.incrementAndGet();
        }
        source.throughProcessors.incrementAndGet();
        return inClient(processorId, in);
    }

    /**
     * Processor {@code processorId} takes {@code in} in the client of the node wired straight to
     * it (a source, a consumer), not held for the processing time; an aggregator or a resequencer
     * holds it in memory, with nothing to settle.
     */
    private Result inClient(String processorId, Item in) {
        Step s = step(processorId);
        ledger.tally(processorId).delivered.incrementAndGet();
        if (holds(s.model)) {
            return process(processorId, in, null, System.nanoTime());
        }
        Pass pass = new Pass();
        run(s, in, pass, 0);
        return pass.result();
    }

    /**
     * Processes message {@code in}, which a consumer finished, in the consumer's own client, its one
     * output wire going to processor {@code processorId}: the processor counts it in, and what comes
     * out is the processor's to publish before the consumer acknowledges its input. As from a
     * source, it is not held for the processing time; the caller tells the ledger what it published
     * ({@link LiveLedger#forwarded}). An aggregator or a resequencer holds it in the client's
     * memory: the consumer acknowledges its input once what it released is published (as the
     * simulator's consumer acks before it passes the message on), so a client crash loses what the
     * holder holds, and what it holds when the run ends is in flight, as in the simulator.
     */
    public Result fromConsumer(String processorId, Item in) {
        return inClient(processorId, in);
    }

    /**
     * Whether processor {@code p} holds inputs in the memory of the client that feeds it: an
     * aggregator or a resequencer fed by a source or a consumer rather than a queue, whose
     * timeouts {@link #expire} releases on the caller's clock.
     */
    public static boolean holdsInClient(Flow flow, Processor p) {
        return holds(p) && flow.edges().stream().anyMatch(e -> e.to().equals(p.id())
                && flow.node(e.from()).orElse(null) instanceof dev.pipewright.model.Node n
                && (n instanceof dev.pipewright.model.Source || n instanceof dev.pipewright.model.Consumer));
    }

    /**
     * What processor {@code processorId} releases at time {@code nowNanos} because it waited long
     * enough: an aggregator's groups open for its timeout, a resequencer's gap waited for its
     * timeout. Empty for the other variants, and when nothing is due.
     */
    public Result expire(String processorId, long nowNanos) {
        Pass pass = new Pass();
        Step s = step(processorId);
        double now = nowNanos / 1e9;
        double timeout = s.model.timeout() == null ? 0 : s.model.timeout().toNanos() / 1e9;
        synchronized (s) {
            if (s.groups != null) {
                for (Aggregation.Group<Held> g : s.groups.closeOverdue(now, timeout)) {
                    aggregate(s, g, pass);
                }
            } else if (s.order != null && s.order.gapOverdue(now, timeout)) {
                release(s, s.order.skipGap(now), pass);
            }
            countHeld(s);
        }
        return pass.result();
    }

    /** How many inputs processor {@code processorId} holds now. */
    public long held(String processorId) {
        Step s = step(processorId);
        synchronized (s) {
            return heldBy(s);
        }
    }

    private static long heldBy(Step s) {
        return s.groups != null ? s.groups.held() : s.order != null ? s.order.waiting() : 0;
    }

    /** Tells the ledger what {@code s} holds now (the run is not over while a timeout will release it). */
    private void countHeld(Step s) {
        ledger.tally(s.model.id()).held.set(heldBy(s));
    }

    /**
     * Forgets what processor {@code processorId} holds, for the broker gives those inputs back (a
     * lost connection, a rollback) and delivers them again, so they join again as they come: the
     * receipts of the inputs it held.
     */
    public List<Receipt> forget(String processorId) {
        Step s = step(processorId);
        List<Receipt> dropped = new ArrayList<>();
        synchronized (s) {
            if (s.groups != null) {
                for (Aggregation.Group<Held> g; (g = s.groups.closeOldest()) != null; ) {
                    g.members().forEach(h -> dropped.add(h.receipt()));
                }
            }
            if (s.order != null) {
                s.order.clear().forEach(h -> dropped.add(h.receipt()));
            }
            countHeld(s);
        }
        dropped.removeIf(Objects::isNull);
        return dropped;
    }

    private Step step(String processorId) {
        Step s = steps.get(processorId);
        if (s == null) {
            throw new IllegalArgumentException("no processor '" + processorId + "' in this flow");
        }
        return s;
    }

    private static void settle(Pass pass, Receipt receipt) {
        if (receipt != null) {
            pass.settles.add(receipt);
        }
    }

    /** An aggregator or resequencer takes {@code h}: it joins a group or waits for its turn, and what that completes goes on. */
    private void hold(Step s, Held h, Pass pass, double now) {
        JsonNode payload = payload(h.item());
        if (s.groups != null) {
            Object part = h.item().headers().get(PART_HEADER);
            // A split part's correlation id is the message it was cut from, as in the simulator.
            String whole = part != null && h.item().id().lastIndexOf('.') > 0
                    ? h.item().id().substring(0, h.item().id().lastIndexOf('.')) : null;
            Object key = ProcessorRules.correlationKey(s.expression, payload, whole);
            Aggregation.Added<Held> added = s.groups.add(key, h, now);
            if (added.complete()) {
                aggregate(s, added.group(), pass);
            }
            // Past the groups a client may hold unacknowledged, the oldest goes, as its timeout would.
            while (s.groups.held() >= heldLimit(s.model)) {
                aggregate(s, s.groups.closeOldest(), pass);
            }
        } else {
            release(s, s.order.accept(ProcessorRules.sequenceOf(s.expression, payload, sequence(h.item())), h, now), pass);
        }
    }

    /** The source's sequence number a message carries in its id ({@code NODE-SEQ}), or its part number; 0 when it has none. */
    private static long sequence(Item in) {
        Object part = in.headers().get(PART_HEADER);
        if (part != null) {
            try {
                return Long.parseLong(String.valueOf(part));
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }
        String id = in.id();
        try {
            return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException notANumber) {
            return 0; // passes straight through, as a late message does
        }
    }

    /** Passes a resequencer's released inputs on, in order, their receipts settled with the publishes. */
    private void release(Step s, List<Held> released, Pass pass) {
        for (Held h : released) {
            emitOrComplete(s, h.item(), pass, 0);
            settle(pass, h.receipt());
        }
    }

    /**
     * One message for group {@code g}, as the simulator's aggregator makes it: the members complete
     * here; the aggregate carries the array of their payloads (where they have one), the sum of
     * their sizes and the first member's headers and routing key.
     */
    private void aggregate(Step s, Aggregation.Group<Held> g, Pass pass) {
        NodeTally t = ledger.tally(s.model.id());
        StringBuilder array = null;
        int size = 0;
        for (Held h : g.members()) {
            size = (int) Math.min(Integer.MAX_VALUE, (long) size + h.item().size());
            JsonNode p = payload(h.item());
            if (p != null) {
                array = array == null ? new StringBuilder("[") : array.append(',');
                array.append(p);
            }
            t.completed.incrementAndGet();
            settle(pass, h.receipt());
        }
        Item first = g.members().getFirst().item();
        Map<String, Object> headers = new LinkedHashMap<>(first.headers());
        headers.keySet().removeAll(LINEAGE);
        String body = array == null ? null : array.append(']').toString();
        Item batch = new Item(s.model.id() + "-" + g.generation(), body, body == null ? size : Math.max(size, 1), headers,
                first.routingKey());
        t.made.incrementAndGet();
        emitOrComplete(s, batch, pass, 0);
    }

    private void run(Step s, Item in, Pass pass, int depth) {
        NodeTally t = ledger.tally(s.model.id());
        if (depth > 0) {
            t.delivered.incrementAndGet();
            pass.later += s.hold();
        }
        t.processed.incrementAndGet();
        if (s.fails()) {
            failed(s, in, pass, depth);
            return;
        }
        JsonNode payload = payload(in);
        switch (s.model.variant()) {
            case FILTER -> {
                if (ProcessorRules.passes(s.expression, payload)) {
                    emitOrComplete(s, in, pass, depth);
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
                    emit(s, in, chosen, pass, depth);
                }
            }
            case SPLITTER -> split(s, in, payload, pass, depth);
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
                    emitOrComplete(s, in, pass, depth);
                }
            }
            case CLAIM_CHECK_IN -> emitOrComplete(s, checkIn(in), pass, depth);
            case CLAIM_CHECK_OUT -> emitOrComplete(s, checkOut(in, payload), pass, depth);
            // Transform and delay pass the message on; LiveChecks refuses an aggregator or a resequencer after a processor.
            default -> emitOrComplete(s, in, pass, depth);
        }
    }

    private void failed(Step s, Item in, Pass pass, int depth) {
        NodeTally t = ledger.tally(s.model.id());
        t.failed.incrementAndGet();
        List<Edge> errors = flow.outgoing(s.model.id(), Port.ERROR);
        if (errors.isEmpty()) {
            t.dropped.incrementAndGet();
        } else {
            emit(s, in, errors, pass, depth);
        }
    }

    /** Claim check in: the payload goes to the store, the message carries its token on, as the simulator's. */
    private Item checkIn(Item in) {
        long token;
        synchronized (claims) {
            token = nextClaim++;
            claims.put(token, new Claim(in.body(), in.size()));
        }
        String body = ProcessorRules.claimToken(token).toString();
        return new Item(in.id(), body, Math.min(in.size(), ProcessorRules.CLAIM_TOKEN_SIZE), in.headers(), in.routingKey());
    }

    /** Claim check out: a token is exchanged for the stored payload; other messages pass unchanged. */
    private Item checkOut(Item in, JsonNode payload) {
        Long token = ProcessorRules.claimTokenOf(payload);
        Claim claim = null;
        if (token != null) {
            synchronized (claims) {
                claim = claims.remove(token);
            }
        }
        return claim == null ? in : new Item(in.id(), claim.body(), claim.size(), in.headers(), in.routingKey());
    }

    private void split(Step s, Item in, JsonNode payload, Pass pass, int depth) {
        NodeTally t = ledger.tally(s.model.id());
        ProcessorRules.Split split = ProcessorRules.split(s.expression, payload, s.model.batchSize());
        if (split.whole()) {
            emitOrComplete(s, in, pass, depth);
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
            headers.put(PART_HEADER, i + 1);
            Item item = new Item(in.id() + "." + (i + 1), part == null ? null : part.toString(),
                    part == null ? Math.max(1, in.size() / n) : Math.max(1, part.toString().length()), headers,
                    in.routingKey());
            t.made.incrementAndGet();
            emitOrComplete(s, item, pass, depth);
        }
    }

    private List<Edge> keyed(Step s, String key) {
        return flow.outgoing(s.model.id(), Port.OUT).stream().filter(e -> key.equals(e.key())).toList();
    }

    private void emitOrComplete(Step s, Item in, Pass pass, int depth) {
        List<Edge> wires = flow.outgoing(s.model.id(), Port.OUT);
        if (wires.isEmpty()) {
            ledger.tally(s.model.id()).completed.incrementAndGet();
        } else {
            emit(s, in, wires, pass, depth);
        }
    }

    /** Sends {@code in} along every wire of {@code wires}: each wire beyond the first gets a copy, made here. */
    private void emit(Step s, Item in, List<Edge> wires, Pass pass, int depth) {
        ledger.tally(s.model.id()).made.addAndGet(wires.size() - 1L);
        for (Edge e : wires) {
            Step next = steps.get(e.to());
            if (next != null && depth + 1 < MAX_CHAIN) {
                run(next, in, pass, depth + 1);
            } else if (LiveEndpoints.plays(flow.node(e.to()).orElse(null))) {
                pass.local.add(new Output(e, in, pass.local.size()));
            } else {
                pass.out.add(new Output(e, in, pass.out.size()));
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
        /** An aggregator's open groups, else null; guarded by the step. */
        final Aggregation<Held> groups;
        /** A resequencer's order, else null; guarded by the step. */
        final Resequencing<Held> order;
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
            this.groups = model.variant() == Processor.Variant.AGGREGATOR ? new Aggregation<>(model.batchSize()) : null;
            this.order = model.variant() == Processor.Variant.RESEQUENCER ? new Resequencing<>(model.window()) : null;
        }

        double hold() {
            synchronized (rng) {
                return draw();
            }
        }

        private double draw() {
            return model.variant() == Processor.Variant.DELAY ? model.delay().toNanos() / 1e9
                    : Modelled.seconds(model.processingTime(), rng);
        }

        boolean fails() {
            synchronized (rng) {
                return model.failureRate() > 0 && rng.nextDouble() < model.failureRate();
            }
        }
    }
}
