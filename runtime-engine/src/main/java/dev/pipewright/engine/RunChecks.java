// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.FlowNotRunnableException;
import dev.pipewright.engine.template.Expression;
import dev.pipewright.engine.entity.FailCondition;
import dev.pipewright.engine.template.PayloadTemplate;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.FlowChecks;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.check.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What must hold before the engine runs a flow: no error from the model's {@link Validator}
 * (wires, reply queues, routes, unlimited cycles), and nothing the engine itself would refuse:
 * payload templates and expressions it can compile. {@link #all} gives both as findings, so {@code check} and the app's problems list
 * report everything {@link Simulation#create} would refuse, before anything runs.
 */
public final class RunChecks {
    private RunChecks() {
    }

    /**
     * The model's findings ({@link FlowChecks#all}) and the engine's ({@link #engine}): errors
     * first, then warnings, then infos.
     */
    public static List<Finding> all(Flow flow) {
        List<Finding> all = new ArrayList<>(FlowChecks.all(flow));
        all.addAll(engine(flow));
        all.sort(Comparator.comparing(Finding::severity));
        return List.copyOf(all);
    }

    /**
     * The errors only the engine finds: each payload template, expression and route condition
     * that does not compile; each names the node and the property.
     */
    public static List<Finding> engine(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        List<Finding> findings = new ArrayList<>();
        for (Node n : flow.nodes()) {
            switch (n) {
                case Source s -> checkTemplate(s, findings);
                case Processor p -> checkProcessor(p, findings);
                case Consumer c -> checkFailWhen(c, findings);
                default -> { }
            }
        }
        checkKafkaTopics(flow, findings);
        return findings;
    }

    /**
     * Most partition cursors the Kafka profile keeps for one topic: its partitions times the
     * consumer groups reading it (each group has a cursor per partition), so that a file with
     * 10,000 partitions read by thousands of consumer nodes cannot exhaust memory.
     */
    static final long MAX_KAFKA_CURSORS = 1_000_000;

    private static void checkKafkaTopics(Flow flow, List<Finding> findings) {
        if (flow.info().broker() != Broker.KAFKA) {
            return;
        }
        Map<String, Integer> groups = new HashMap<>();
        for (Edge e : flow.edges()) {
            if (e.fromPort() == Port.OUT) {
                groups.merge(e.from(), 1, Integer::sum);
            }
        }
        for (Node n : flow.nodes()) {
            if (n instanceof Queue q) {
                long cursors = (long) q.partitionsOrDefault() * Math.max(1, groups.getOrDefault(q.id(), 0));
                if (cursors > MAX_KAFKA_CURSORS) {
                    findings.add(new Finding(Severity.ERROR, q.id(), null, String.format(Locale.ROOT,
                            "queue '%s' has %,d partitions read by %,d consumer groups: the Kafka rules keep a cursor per"
                            + " partition and group, at most %,d", q.name(), q.partitionsOrDefault(),
                            groups.get(q.id()), MAX_KAFKA_CURSORS), "use fewer partitions or fewer consumer nodes on it"));
                }
            }
        }
    }

    /** Every error of {@link #all}, one line each, for a {@link FlowNotRunnableException}. */
    static List<String> problems(Flow flow) {
        List<Finding> errors = new ArrayList<>(Validator.validate(flow));
        errors.addAll(engine(flow));
        return FlowNotRunnableException.problemsOf(errors);
    }

    private static void checkTemplate(Source s, List<Finding> findings) {
        if (s.payloadTemplate() != null && !s.payloadTemplate().isBlank()) {
            try {
                new PayloadTemplate(s.payloadTemplate());
            } catch (IllegalArgumentException ex) {
                findings.add(error(s, "property 'payloadTemplate': " + ex.getMessage(), null));
            }
        }
    }

    private static void checkProcessor(Processor p, List<Finding> findings) {
        if (p.expression() != null && !p.expression().isBlank()) {
            checkExpression(p, "property 'expression': ", p.expression(), findings);
        }
        if (p.variant() == Processor.Variant.CONTENT_ROUTER) {
            for (Map.Entry<String, String> route : p.routes().entrySet()) {
                checkExpression(p, "property 'routes', route '" + route.getKey() + "': ", route.getValue(), findings);
            }
        }
    }

    private static void checkFailWhen(Consumer c, List<Finding> findings) {
        try {
            FailCondition.of(c.failWhen());
        } catch (IllegalArgumentException ex) {
            findings.add(error(c, "property 'failWhen': " + ex.getMessage(), null));
        }
    }

    private static void checkExpression(Processor p, String where, String text, List<Finding> findings) {
        try {
            new Expression(text);
        } catch (IllegalArgumentException ex) {
            findings.add(error(p, where + ex.getMessage(), null));
        }
    }

    private static Finding error(Node n, String message, String fix) {
        return new Finding(Severity.ERROR, n.id(), null, message, fix);
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
            if (n instanceof Source s && !Objects.equals(s.replyQueue(), ((Source) before.get(s.id())).replyQueue())) {
                return "the reply queue of source '" + s.id() + "' changed";
            }
        }
        return null;
    }
}
