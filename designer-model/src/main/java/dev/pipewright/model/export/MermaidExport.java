// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.export;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a flow as a Mermaid flowchart, for documentation that renders diagrams from text. Each
 * kind has its own shape; failure paths (dead letters, errors, failover) are dotted.
 */
public final class MermaidExport {
    private MermaidExport() {
    }

    /** The Mermaid text for {@code flow}, starting with {@code flowchart LR}. */
    public static String write(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        StringBuilder out = new StringBuilder();
        out.append("---\ntitle: \"").append(label(flow.info().name())).append("\"\n---\n");
        out.append("flowchart LR\n");
        // Mermaid ids are kept simple (n1, n2, ...): flow ids may hold '-' and '.', which Mermaid reads as syntax.
        Map<String, String> ids = new HashMap<>();
        int i = 1;
        for (Node n : flow.nodes()) {
            String id = "n" + i++;
            ids.put(n.id(), id);
            String text = "\"" + label(n.name()) + "<br/><small>" + label(n.kind().displayName()) + "</small>\"";
            String shape = n.kind().shape().mermaid(text);
            out.append("    ").append(id).append(shape).append('\n');
        }
        for (Edge e : flow.edges()) {
            String from = ids.get(e.from());
            String to = ids.get(e.to());
            if (from == null || to == null) {
                continue;
            }
            boolean failure = e.fromPort().isFailure();
            String text = e.key() != null ? e.key() : failure ? e.fromPort().word() : null;
            out.append("    ").append(from).append(failure ? " -.->" : " -->");
            if (text != null) {
                out.append("|\"").append(label(text)).append("\"|");
            }
            out.append(' ').append(to).append('\n');
        }
        return out.toString();
    }

    private static String label(String s) {
        return s.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;").replace("\n", " ");
    }
}
