// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.engine.api.Conservation;
import dev.pipewright.engine.api.ConsumerLag;
import dev.pipewright.model.Broker;
import dev.pipewright.model.TerminalText;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Formats a {@link RunReport} as a text table for people or as JSON for programs.
 *
 * <p>The JSON document has these fields, whose names are stable (new ones may be added):
 * <pre>
 * { "format": "pipewright-run-report", "version": 1,
 *   "flow": "...", "clock": "virtual", "broker": "generic", "seed": 42, "virtualSeconds": 3600.0, "warmUpSeconds": 0.0,
 *   "events": 123456,
 *   "nodes": [ { "id", "name", "kind", "count", "in", "out", "ratePerSecond", "depth",
 *                "meanMs", "p50Ms", "p95Ms", "p99Ms", "maxMs", "e2eP50Ms", "e2eP95Ms", "e2eP99Ms",
 *                "redelivered", "deadLettered", "expired", "dropped", "duplicates",
 *                queues only: "meanDepth", "waitToStart": { "meanMs", "p50Ms", "p95Ms", "p99Ms", "maxMs" },
 *                "waitToStartByPriority": { "LEVEL": { "count", "meanMs", "p50Ms", "p95Ms", "p99Ms",
 *                                           "maxMs" }, ... } (empty for a queue without priorities),
 *                queues under the Kafka profile only: "lag": { "GROUP": { "total", "partitions": [ ... ] } }
 *                                (each consumer group's log end minus committed offset, per partition),
 *                consumers only: "utilisation" (busy share of the instances' available time, 0 to 1;
 *                                null where not measured, as on a live run),
 *                sources with confirms only: "confirms": { "confirmed", "nacked" },
 *                sources with a reply queue only: "replies": { "requests", "replies", "timedOut" } } ],
 *   "conservation": { "produced", "completed", "deadLettered", "expired", "dropped", "filtered",
 *                     "waiting", "inFlight", "holds" },
 *   "assertions": [ { "expression", "passed", "actual" } ] }     (only with --assert)
 * </pre>
 * Rates are per second of virtual time after the warm-up. Latencies are milliseconds,
 * {@code null} when the node measured none; {@code meanMs} to
 * {@code maxMs} are the time in the node, {@code e2e...} the end-to-end time of messages that
 * completed there (see {@link NodeReport}).
 */
public final class ReportFormats {
    /** The {@code version} of the JSON document this build writes. */
    public static final int JSON_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFormats() {
    }

    /** The report as a table a person reads, ending with the conservation line. */
    public static String text(RunReport report) {
        Objects.requireNonNull(report, "report");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %s clock, %sseed %d, %s of virtual time%s, %,d events%n",
                report.flow(), report.clock(),
                report.broker().equals(Broker.GENERIC.word()) ? "" : report.broker() + " rules, ",
                report.seed(), duration(report.virtualSeconds()),
                report.warmUpSeconds() > 0
                        ? " (statistics after a warm-up of " + duration(report.warmUpSeconds()) + ")" : "",
                report.events()));
        out.append('\n');
        TextTable table = new TextTable(List.of("node", "kind", "in", "out", "rate/s", "depth",
                "p50", "p95", "p99", "e2e p99", "redelivered", "dead-lettered"));
        for (NodeReport n : report.nodes()) {
            table.add(List.of(label(n), n.kind(),
                    Long.toString(n.in()), Long.toString(n.out()), TextTable.rate(n.ratePerSecond()),
                    Long.toString(n.depth()), TextTable.millis(n.p50Ms()), TextTable.millis(n.p95Ms()),
                    TextTable.millis(n.p99Ms()), TextTable.millis(n.e2eP99Ms()),
                    Long.toString(n.redelivered()), Long.toString(n.deadLettered())));
        }
        out.append(table.render()).append('\n');
        for (NodeReport n : report.nodes()) {
            if (!Double.isNaN(n.utilisation())) {
                out.append(String.format(Locale.ROOT, "utilisation: %s: %.1f%% of instance time processing%n",
                        label(n), 100 * n.utilisation()));
            }
        }
        for (NodeReport n : report.nodes()) {
            if (!n.waitToStartByPriority().isEmpty()) {
                StringBuilder line = new StringBuilder("wait to start by priority: ").append(label(n)).append(':');
                String sep = " ";
                for (var e : new TreeMap<>(n.waitToStartByPriority()).descendingMap().entrySet()) {
                    line.append(sep).append("priority ").append(e.getKey()).append(" p99 ")
                            .append(TextTable.millis(e.getValue().p99Ms())).append(" (").append(e.getValue().count())
                            .append(')');
                    sep = ", ";
                }
                out.append(line).append(System.lineSeparator());
            }
        }
        for (NodeReport n : report.nodes()) {
            if (n.duplicates() > 0 && "consumer".equals(n.kind())) {
                out.append(String.format(Locale.ROOT, "duplicates: %s: %d messages delivered and acknowledged again"
                        + " (at-least-once delivery), not counted as completed twice%n", label(n), n.duplicates()));
            }
        }
        for (NodeReport n : report.nodes()) {
            for (ConsumerLag lag : n.lag()) {
                out.append(lagLine(n, lag)).append(System.lineSeparator());
            }
        }
        for (NodeReport n : report.nodes()) {
            if (n.confirms() != null) {
                out.append(String.format(Locale.ROOT, "publisher confirms: %s: %d confirmed, %d nacked%n",
                        label(n), n.confirms().confirmed(), n.confirms().nacked()));
            }
        }
        for (NodeReport n : report.nodes()) {
            if (n.replies() != null) {
                out.append(String.format(Locale.ROOT, "request/reply: %s: %d requests, %d replied in time, %d timed out%n",
                        label(n), n.replies().requests(), n.replies().replies(), n.replies().timedOut()));
            }
        }
        out.append(conservationLine(report.conservation())).append('\n');
        return out.toString();
    }

    /** Partitions a text line names one by one; the JSON report has them all. */
    private static final int LAG_LINE_PARTITIONS = 12;

    /** {@code consumer lag: orders -> billing: 7 (p0 3, p1 4)}: Kafka's LAG, log end minus committed offset. */
    private static String lagLine(NodeReport n, ConsumerLag lag) {
        StringBuilder line = new StringBuilder("consumer lag: ").append(label(n)).append(" -> ")
                .append(TerminalText.escape(lag.group())).append(": ").append(lag.total()).append(" (");
        int shown = Math.min(lag.partitions(), LAG_LINE_PARTITIONS);
        for (int p = 0; p < shown; p++) {
            line.append(p == 0 ? "" : ", ").append('p').append(p).append(' ').append(lag.partition(p));
        }
        if (shown < lag.partitions()) {
            line.append(", ... ").append(lag.partitions() - shown).append(" more partitions");
        }
        return line.append(')').toString();
    }

    /** A node as the text report names it: its id, or its name and id. */
    private static String label(NodeReport n) {
        return n.name().equals(n.id()) ? n.id() : n.name() + " (" + n.id() + ")";
    }

    /** {@code conservation: produced 100 = completed 90 + ... (holds)}. */
    public static String conservationLine(Conservation c) {
        return "conservation: produced " + c.produced() + " = completed " + c.completed()
                + " + dead-lettered " + c.deadLettered() + " + expired " + c.expired()
                + " + dropped " + c.dropped() + " + filtered " + c.filtered()
                + " + waiting " + c.waiting() + " + in flight " + c.inFlight()
                + (c.holds() ? " (holds)" : " (VIOLATED: " + c.accounted() + " accounted for)");
    }

    /** The report as the JSON document described above. */
    public static String json(RunReport report) {
        return json(report, List.of());
    }

    /**
     * The report as JSON, followed by the verdicts of {@code --assert} checks when there are any:
     * {@code "assertions": [ { "expression", "passed", "actual" } ]}, {@code actual} in the metric's
     * unit (milliseconds for latencies) or {@code null} when nothing was measured.
     */
    public static String json(RunReport report, List<AssertionResult> assertions) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(assertions, "assertions");
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "pipewright-run-report");
        root.put("version", JSON_VERSION);
        root.put("flow", report.flow());
        root.put("clock", report.clock());
        root.put("broker", report.broker());
        root.put("seed", report.seed());
        root.put("virtualSeconds", report.virtualSeconds());
        root.put("warmUpSeconds", report.warmUpSeconds());
        root.put("events", report.events());
        ArrayNode nodes = root.putArray("nodes");
        for (NodeReport n : report.nodes()) {
            ObjectNode node = nodes.addObject();
            node.put("id", n.id());
            node.put("name", n.name());
            node.put("kind", n.kind());
            node.put("count", n.count());
            node.put("in", n.in());
            node.put("out", n.out());
            number(node, "ratePerSecond", n.ratePerSecond());
            node.put("depth", n.depth());
            number(node, "meanMs", n.meanMs());
            number(node, "p50Ms", n.p50Ms());
            number(node, "p95Ms", n.p95Ms());
            number(node, "p99Ms", n.p99Ms());
            number(node, "maxMs", n.maxMs());
            number(node, "e2eP50Ms", n.e2eP50Ms());
            number(node, "e2eP95Ms", n.e2eP95Ms());
            number(node, "e2eP99Ms", n.e2eP99Ms());
            node.put("redelivered", n.redelivered());
            node.put("deadLettered", n.deadLettered());
            node.put("expired", n.expired());
            node.put("dropped", n.dropped());
            node.put("duplicates", n.duplicates());
            if (n.waitToStart() != null) {
                number(node, "meanDepth", n.meanDepth());
                ObjectNode start = node.putObject("waitToStart");
                number(start, "meanMs", n.waitToStart().meanMs());
                number(start, "p50Ms", n.waitToStart().p50Ms());
                number(start, "p95Ms", n.waitToStart().p95Ms());
                number(start, "p99Ms", n.waitToStart().p99Ms());
                number(start, "maxMs", n.waitToStart().maxMs());
            }
            if (n.waitToStart() != null) {
                ObjectNode byPriority = node.putObject("waitToStartByPriority");
                n.waitToStartByPriority().forEach((level, wait) -> {
                    ObjectNode one = byPriority.putObject(Integer.toString(level));
                    one.put("count", wait.count());
                    number(one, "meanMs", wait.meanMs());
                    number(one, "p50Ms", wait.p50Ms());
                    number(one, "p95Ms", wait.p95Ms());
                    number(one, "p99Ms", wait.p99Ms());
                    number(one, "maxMs", wait.maxMs());
                });
            }
            if ("consumer".equals(n.kind())) {
                number(node, "utilisation", n.utilisation());
            }
            if (!n.lag().isEmpty()) {
                ObjectNode lag = node.putObject("lag");
                for (ConsumerLag group : n.lag()) {
                    ObjectNode one = lag.putObject(group.group());
                    one.put("total", group.total());
                    ArrayNode parts = one.putArray("partitions");
                    for (long l : group.perPartition()) {
                        parts.add(l);
                    }
                }
            }
            if (n.confirms() != null) {
                ObjectNode confirms = node.putObject("confirms");
                confirms.put("confirmed", n.confirms().confirmed());
                confirms.put("nacked", n.confirms().nacked());
            }
            if (n.replies() != null) {
                ObjectNode replies = node.putObject("replies");
                replies.put("requests", n.replies().requests());
                replies.put("replies", n.replies().replies());
                replies.put("timedOut", n.replies().timedOut());
            }
        }
        Conservation c = report.conservation();
        ObjectNode law = root.putObject("conservation");
        law.put("produced", c.produced());
        law.put("completed", c.completed());
        law.put("deadLettered", c.deadLettered());
        law.put("expired", c.expired());
        law.put("dropped", c.dropped());
        law.put("filtered", c.filtered());
        law.put("waiting", c.waiting());
        law.put("inFlight", c.inFlight());
        law.put("holds", c.holds());
        if (!assertions.isEmpty()) {
            ArrayNode verdicts = root.putArray("assertions");
            for (AssertionResult r : assertions) {
                ObjectNode verdict = verdicts.addObject();
                verdict.put("expression", r.assertion().text());
                verdict.put("passed", r.passed());
                number(verdict, "actual", r.actual());
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain values always serialises
        }
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static String duration(double seconds) {
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return (long) (seconds / 3600) + "h";
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return (long) (seconds / 60) + "m";
        }
        return String.format(Locale.ROOT, "%.3fs", seconds).replaceAll("\\.?0+s$", "s");
    }
}
