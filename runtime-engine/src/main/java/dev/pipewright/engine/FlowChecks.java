// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.entity.PayloadTemplate;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Source;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.check.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What must hold before the engine runs a flow: no error from the model's {@link Validator}
 * (wires, reply queues, routes, unlimited cycles), and payload templates and expressions the
 * engine can read.
 */
final class FlowChecks {
    private FlowChecks() {
    }

    static List<String> problems(Flow flow) {
        List<String> problems = new ArrayList<>();
        for (Finding f : Validator.validate(flow)) {
            if (f.severity() == Severity.ERROR) {
                String where = f.nodeId() != null && f.edgeId() != null ? " (wire '" + f.edgeId() + "')" : "";
                problems.add(f + where + (f.fix() == null ? "" : "; " + f.fix()));
            }
        }
        for (Node n : flow.nodes()) {
            if (n instanceof Source s) {
                checkTemplate(s, problems);
            } else if (n instanceof Processor p) {
                checkProcessor(p, problems);
            }
        }
        return problems;
    }

    private static void checkTemplate(Source s, List<String> problems) {
        if (s.payloadTemplate() != null && !s.payloadTemplate().isBlank()) {
            try {
                new PayloadTemplate(s.payloadTemplate());
            } catch (IllegalArgumentException ex) {
                problems.add("source '" + s.id() + "': " + ex.getMessage());
            }
        }
    }

    private static void checkProcessor(Processor p, List<String> problems) {
        List<String> expressions = new ArrayList<>();
        if (p.expression() != null && !p.expression().isBlank()) {
            expressions.add(p.expression());
        }
        if (p.variant() == Processor.Variant.CONTENT_ROUTER) {
            expressions.addAll(p.routes().values());
        }
        for (String x : expressions) {
            try {
                new dev.pipewright.engine.entity.Expression(x);
            } catch (IllegalArgumentException ex) {
                problems.add("processor '" + p.id() + "': " + ex.getMessage());
            }
        }
    }

    /** Why {@code changed} differs from {@code running} in structure (nodes or edges added, removed or rewired), or null. */
    static String structuralChange(Flow running, Flow changed) {
        Map<String, Node> before = running.nodesById();
        Map<String, Node> after = changed.nodesById();
        for (String id : before.keySet()) {
            if (!after.containsKey(id)) {
                return "node '" + id + "' was removed";
            }
        }
        for (Map.Entry<String, Node> e : after.entrySet()) {
            Node old = before.get(e.getKey());
            if (old == null) {
                return "node '" + e.getKey() + "' was added";
            }
            if (old.kind() != e.getValue().kind()) {
                return "node '" + e.getKey() + "' changed kind";
            }
        }
        if (running.edges().size() != changed.edges().size()) {
            return "edges were added or removed";
        }
        for (Edge e : changed.edges()) {
            Optional<Edge> old = running.edge(e.id());
            if (old.isEmpty()) {
                return "edge '" + e.id() + "' was added";
            }
            Edge o = old.get();
            if (!o.from().equals(e.from()) || !o.to().equals(e.to()) || o.fromPort() != e.fromPort()) {
                return "edge '" + e.id() + "' was rewired";
            }
        }
        for (Node n : changed.nodes()) {
            if (n instanceof Source s && !java.util.Objects.equals(s.replyQueue(), ((Source) before.get(s.id())).replyQueue())) {
                return "the reply queue of source '" + s.id() + "' changed";
            }
        }
        return null;
    }
}
