// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import dev.pipewright.engine.api.Latency;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link RunReport} from an engine {@link Snapshot}, and formats it. The command line
 * and the app share it, so both describe a run in the same words and numbers.
 */
public final class Reports {
    private Reports() {
    }

    /**
     * The report of a run of {@code flow} whose latest snapshot is {@code snapshot}.
     *
     * @param clock {@code virtual} or {@code paced}, as the run used
     * @param seed the run's seed
     * @param warmUpSeconds virtual time run before {@link dev.pipewright.engine.Simulation#resetStatistics()}
     *     started the statistics this snapshot shows; 0 for none
     */
    public static RunReport from(Flow flow, Snapshot snapshot, String clock, long seed, double warmUpSeconds) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(snapshot, "snapshot");
        List<NodeReport> nodes = new ArrayList<>();
        for (Node node : flow.nodes()) {
            NodeStats stats = snapshot.nodes().get(node.id());
            if (stats != null) {
                nodes.add(node(node, stats, snapshot.time() - warmUpSeconds));
            }
        }
        return new RunReport(flow.info().name(), clock, flow.info().broker().word(), seed, snapshot.time(), warmUpSeconds, snapshot.events(), nodes,
                snapshot.conservation());
    }

    /** The report of a run without warm-up. */
    public static RunReport from(Flow flow, Snapshot snapshot, String clock, long seed) {
        return from(flow, snapshot, clock, seed, 0);
    }

    /** The report as a text table; see {@link ReportFormats#text}. */
    public static String text(RunReport report) {
        return ReportFormats.text(report);
    }

    /** The report as JSON; see {@link ReportFormats#json}. */
    public static String json(RunReport report) {
        return ReportFormats.json(report);
    }

    /** The report and the verdicts of its assertions as JSON; see {@link ReportFormats#json(RunReport, List)}. */
    public static String json(RunReport report, List<AssertionResult> assertions) {
        return ReportFormats.json(report, assertions);
    }

    private static NodeReport node(Node node, NodeStats s, double seconds) {
        Latency here = s.timeInNode() == null ? Latency.NONE : s.timeInNode();
        Latency e2e = s.endToEnd() == null ? Latency.NONE : s.endToEnd();
        double rate = seconds > 0 ? s.out() / seconds : Double.NaN;
        boolean queue = node.kind() == NodeKind.QUEUE;
        Latency waitToStart = s.waitToStart() == null ? Latency.NONE : s.waitToStart();
        return new NodeReport(node.id(), node.name(), node.kind().typeName(), s.in(), s.out(), rate,
                s.depth() + s.inFlight(), here.meanMs(), here.p50Ms(), here.p95Ms(), here.p99Ms(), here.maxMs(),
                e2e.p50Ms(), e2e.p95Ms(), e2e.p99Ms(),
                s.redelivered(), s.deadLettered(), s.expired(), s.dropped(),
                queue ? s.meanReady() : Double.NaN, queue ? waitToStart : null,
                node instanceof Source src && src.confirms() ? new NodeReport.Confirms(s.confirmed(), s.nacked()) : null,
                node.kind() == NodeKind.CONSUMER ? s.utilisation() : Double.NaN,
                queue ? s.waitToStartByPriority() : Map.of(), s.duplicatesCaught(), s.lag(),
                node instanceof Source src && src.replyQueue() != null
                        ? new NodeReport.Replies(s.requests(), s.replies(), s.timedOut()) : null);
    }
}
