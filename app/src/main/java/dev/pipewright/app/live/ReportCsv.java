// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.api.Conservation;
import dev.pipewright.engine.report.NodeReport;
import dev.pipewright.engine.report.RunReport;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A run report as CSV (RFC 4180): a header row, one row per node with the columns of the JSON
 * report, then the conservation law as a final row whose {@code id} is {@code (conservation)}.
 */
public final class ReportCsv {
    private static final List<String> HEADER = List.of("id", "name", "kind", "in", "out", "ratePerSecond", "depth",
            "meanMs", "p50Ms", "p95Ms", "p99Ms", "maxMs", "e2eP50Ms", "e2eP95Ms", "e2eP99Ms",
            "redelivered", "deadLettered", "expired", "dropped");

    private ReportCsv() {
    }

    public static String csv(RunReport report) {
        Objects.requireNonNull(report, "report");
        StringBuilder out = new StringBuilder();
        row(out, HEADER);
        for (NodeReport n : report.nodes()) {
            row(out, List.of(n.id(), n.name(), n.kind(), Long.toString(n.in()), Long.toString(n.out()),
                    number(n.ratePerSecond()), Long.toString(n.depth()), number(n.meanMs()), number(n.p50Ms()),
                    number(n.p95Ms()), number(n.p99Ms()), number(n.maxMs()), number(n.e2eP50Ms()),
                    number(n.e2eP95Ms()), number(n.e2eP99Ms()), Long.toString(n.redelivered()),
                    Long.toString(n.deadLettered()), Long.toString(n.expired()), Long.toString(n.dropped())));
        }
        Conservation c = report.conservation();
        out.append("\r\n");
        row(out, List.of("(conservation)", "produced", "completed", "deadLettered", "expired", "dropped", "filtered",
                "waiting", "inFlight", "holds"));
        row(out, List.of("(conservation)", Long.toString(c.produced()), Long.toString(c.completed()),
                Long.toString(c.deadLettered()), Long.toString(c.expired()), Long.toString(c.dropped()),
                Long.toString(c.filtered()), Long.toString(c.waiting()), Long.toString(c.inFlight()),
                Boolean.toString(c.holds())));
        return out.toString();
    }

    private static String number(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.3f", x) : "";
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
