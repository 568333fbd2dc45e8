// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What message n of one source carries in a live run, as the simulator gives it: its headers, its
 * priority, its routing key, and for a scripted source the entry's own TTL and delay. A scripted
 * source's message n is entry n - 1 of its script in time order (stable, as the simulator sorts
 * it); the source's routing keys go in turn to the messages without a key of their own. Every
 * backend asks here, so a scripted flow sends the same on each.
 */
public final class LiveMessages {
    /**
     * The header (a JMS property name too) a copy a consumer passed on along a wire past its first
     * carries, saying which copy it is ({@link #leg}); the message keeps its id, as a copy does.
     */
    public static final String LEG_HEADER = "pwLeg";
    /** How long a {@link #leg} grows at most before it is a digest. */
    static final int MAX_LEG = 120;
    private final Source source;
    private final List<ScriptedMessage> script;
    /** For each scripted message, its turn among those without a key of their own (0 for one with a key). */
    private final long[] turns;

    /** The messages of {@code source}. */
    public LiveMessages(Source source) {
        this.source = source;
        this.script = script(source);
        this.turns = new long[script.size()];
        long turn = 0;
        for (int i = 0; i < turns.length; i++) {
            turns[i] = script.get(i).key() != null ? 0 : ++turn;
        }
    }

    /** The script entry of message {@code seq}, or null for a source that publishes by its rate. */
    public ScriptedMessage entry(long seq) {
        return script.isEmpty() ? null : script.get((int) seq - 1);
    }

    /** Its headers: the source's, then a scripted entry's, then the entry's id as the header {@code id}. */
    public Map<String, String> headers(long seq) {
        return headers(source, entry(seq));
    }

    /** Its priority: a scripted entry's own, else one drawn from the source's mix (null when it has none). */
    public Integer priority(long seq, Random rng) {
        ScriptedMessage e = entry(seq);
        return e != null && e.priority() != null ? e.priority() : Modelled.priority(source, rng);
    }

    /** Its routing key along an edge whose key is {@code edgeKey}: the edge's, else a scripted entry's, else the source's in turn. */
    public String routingKey(String edgeKey, long seq) {
        ScriptedMessage e = entry(seq);
        if (e == null) {
            return Modelled.routingKey(source, edgeKey, seq);
        }
        if (edgeKey == null && e.key() != null) {
            return e.key();
        }
        return Modelled.routingKey(source, edgeKey, Math.max(1, turns[(int) seq - 1]));
    }

    /**
     * Whether message {@code seq} is published twice (an at-least-once producer): drawn from the
     * source's duplicateRate after its other draws, as the simulator draws it; never for a script.
     */
    public boolean duplicated(long seq, Random rng) {
        return entry(seq) == null && source.duplicateRate() > 0 && rng.nextDouble() < source.duplicateRate();
    }

    /**
     * The id the ledger counts a delivery of message {@code id} by: the id itself, and for the
     * second publish of a duplicated message ({@code copy} 2) {@code id/2}. The copy carries the same
     * message id on the broker (so an idempotent receiver would catch it) and its copy number in a
     * header of its own: the ledger counts it as the simulator does, as a message of its own, not
     * as a redelivery of the first.
     */
    public static String ledgerId(String id, Object copy) {
        return copy == null || "1".equals(String.valueOf(copy)) ? id : id + "/" + copy;
    }

    /**
     * As {@link #ledgerId(String, Object)}, for a message a dead-letter queue sent back to its
     * origin {@code retry} times (null or 0: never): {@code ID~RETRY}, a message arriving anew, as
     * the simulator counts a retried message at its origin.
     */
    public static String ledgerId(String id, Object copy, Object retry) {
        String base = ledgerId(id, copy);
        return retry == null || "0".equals(String.valueOf(retry)) ? base : base + "~" + retry;
    }

    /**
     * As {@link #ledgerId(String, Object, Object)}, for a copy a consumer passed on along its second
     * wire or a later one: its {@code leg} ({@link #leg}) goes after the copy number, so each copy
     * is a message of its own wherever copies meet (a wire and a topic bound to the same queue),
     * as the simulator's consumer gives each copy past the first a new id.
     */
    public static String ledgerId(String id, Object copy, Object retry, Object leg) {
        String base = leg == null ? ledgerId(id, copy) : ledgerId(id, copy) + leg;
        return retry == null || "0".equals(String.valueOf(retry)) ? base : base + "~" + retry;
    }

    /**
     * What the header {@value #LEG_HEADER} says of the copy consumer {@code consumerId} passes on
     * along its wire {@code wire} (counted from 0) of a message that said {@code upstream} (null:
     * nothing): null for wire 0, which carries the message itself on; else {@code >CONSUMER.WIRE}
     * after {@code upstream}. A copy passed round a loop grows it, so past {@value #MAX_LEG}
     * characters it becomes a digest of what it would be ({@code >#HEX}), as distinct.
     */
    public static String leg(Object upstream, String consumerId, int wire) {
        if (wire == 0) {
            return upstream == null ? null : String.valueOf(upstream);
        }
        String next = (upstream == null ? "" : String.valueOf(upstream)) + ">" + consumerId + "." + wire;
        if (next.length() <= MAX_LEG) {
            return next;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(next.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return ">#" + java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A scripted entry's own time to live, or null. */
    public Duration ttl(long seq) {
        ScriptedMessage e = entry(seq);
        return e == null ? null : e.ttl();
    }

    /** A scripted entry's own delivery delay, or null. */
    public Duration delay(long seq) {
        ScriptedMessage e = entry(seq);
        return e == null ? null : e.delay();
    }

    /**
     * A source's script in time order (stable, so equal times keep script order, as the simulator
     * sorts it): message n of a scripted live run is entry n - 1; empty for a source with a rate.
     */
    public static List<ScriptedMessage> script(Source s) {
        List<ScriptedMessage> sorted = new java.util.ArrayList<>(s.script());
        sorted.sort(java.util.Comparator.comparing(ScriptedMessage::at));
        return List.copyOf(sorted);
    }

    /**
     * The headers the simulator gives message {@code entry} of a script (null for a source with a
     * rate): the source's, then the entry's, then its script id as the header {@code id}.
     */
    private static Map<String, String> headers(Source s, ScriptedMessage entry) {
        if (entry == null || entry.headers().isEmpty() && entry.id() == null) {
            return s.headers();
        }
        Map<String, String> all = new java.util.TreeMap<>(s.headers());
        all.putAll(entry.headers());
        if (entry.id() != null) {
            all.put("id", entry.id());
        }
        return all;
    }
}
