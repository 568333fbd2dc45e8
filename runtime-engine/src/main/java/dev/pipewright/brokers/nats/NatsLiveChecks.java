// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import dev.pipewright.brokers.live.LiveChecks;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a live run on NATS JetStream refuses, one sentence per node: it runs sources publishing to
 * queues (streams) or topics (subject spaces whose bound queues source them through subject
 * filters), consumers reading the queues, and dead-letter wires (a listener of the max-deliveries
 * advisory moves the message).
 */
final class NatsLiveChecks {
    private NatsLiveChecks() {
    }

    /** {@link LiveChecks#common} and NATS's own findings for {@code flow}. */
    static List<Finding> of(Flow flow) {
        List<Finding> out = new ArrayList<>(LiveChecks.common(flow));
        if (flow.info().broker() != Broker.NATS) {
            out.add(new Finding(Severity.WARNING, null, null, "the flow follows " + flow.info().broker().label()
                    + "'s rules, but a NATS server runs it by JetStream's: compare it with the simulator under the nats"
                    + " profile", "set the flow's broker to nats"));
        }
        for (Node n : flow.nodes()) {
            switch (n) {
                case Topic t -> topic(flow, t, out);
                case Source s -> {
                    for (Edge e : flow.outgoing(s.id(), Port.OUT)) {
                        Node to = flow.node(e.to()).orElse(null);
                        if (!(to instanceof QueueSettings) && !(to instanceof Topic)) {
                            out.add(LiveChecks.error(s, "on NATS a live source publishes to a queue's stream or a topic's"
                                    + " subjects; wire it to a queue or a topic"));
                            break;
                        }
                        if (to instanceof Topic t && t.routing() != Topic.Routing.FANOUT) {
                            List<String> keys = new ArrayList<>(s.routingKeys());
                            if (e.key() != null) {
                                keys.add(e.key());
                            }
                            s.script().forEach(m -> {
                                if (m.key() != null) {
                                    keys.add(m.key());
                                }
                            });
                            for (String k : keys) {
                                if (!k.isEmpty() && !subject(k, false)) {
                                    out.add(LiveChecks.error(s, "routing key '" + printable(k) + "' is not a NATS subject"
                                            + " to publish on; give dot-separated tokens without spaces, '*' or '>'"));
                                    break;
                                }
                            }
                        }
                    }
                }
                case Consumer c when !flow.outgoing(c.id(), Port.OUT).isEmpty() ->
                        out.add(LiveChecks.error(c, "a consumer that passes messages on does not run live on NATS yet;"
                                + " run it in the simulator"));
                case DeadLetterQueue d when d.retryAfter() != null && !d.retryAfter().isZero() ->
                        out.add(LiveChecks.error(d, "a retry back to the origin does not run live on NATS yet; clear"
                                + " retryAfter, or run it in the simulator"));
                default -> {
                }
            }
        }
        return out;
    }

    /** A topic runs live as a subject space whose bound queues source it through subject filters (NatsTopology). */
    private static void topic(Flow flow, Topic t, List<Finding> out) {
        if (t.routing() == Topic.Routing.HEADERS) {
            out.add(LiveChecks.error(t, "NATS routes by subject, not by headers; give it topic routing with subject"
                    + " filters, or run it in the simulator"));
            return;
        }
        for (Edge e : flow.edges()) {
            if (e.to().equals(t.id()) && !(flow.node(e.from()).orElse(null) instanceof Source)) {
                out.add(LiveChecks.error(t, "on NATS a live topic takes what sources publish; wire only sources into it"));
                return;
            }
        }
        Set<String> bound = new HashSet<>();
        for (Edge e : flow.outgoing(t.id(), Port.OUT)) {
            if (!(flow.node(e.to()).orElse(null) instanceof QueueSettings q)) {
                out.add(LiveChecks.error(t, "on NATS a live topic's bindings are queues (streams sourcing its subjects);"
                        + " wire it to queues only"));
                return;
            }
            if (!bound.add(q.id())) {
                out.add(LiveChecks.error(t, "is bound to queue '" + q.name() + "' twice, and a NATS stream sources"
                        + " another stream once; bind it once, with a filter that covers both keys"));
                return;
            }
            String key = e.key() == null ? "" : e.key();
            boolean ok = switch (t.routing()) {
                case DIRECT -> key.isEmpty() || subject(key, false);
                case TOPIC -> key.isEmpty() || subject(key, true);
                default -> true;
            };
            if (!ok) {
                out.add(LiveChecks.error(t, "binding key '" + printable(key) + "' to queue '" + q.name() + "' is not a"
                        + " NATS subject filter; give dot-separated tokens without spaces, '*' for one token and '>' last"
                        + " for the rest" + (t.routing() == Topic.Routing.DIRECT ? " (a direct binding takes no wildcards)"
                        : "")));
                return;
            }
        }
    }

    /** Whether {@code s} is a NATS subject (a filter when {@code wildcards}): non-empty dot-separated printable tokens. */
    static boolean subject(String s, boolean wildcards) {
        if (s.isEmpty() || s.length() > 255) {
            return false;
        }
        String[] tokens = s.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            String tok = tokens[i];
            if (tok.isEmpty()) {
                return false;
            }
            if (tok.equals("*") || tok.equals(">")) {
                if (!wildcards || tok.equals(">") && i != tokens.length - 1) {
                    return false;
                }
                continue;
            }
            for (int j = 0; j < tok.length(); j++) {
                char c = tok.charAt(j);
                if (c <= ' ' || c == 127 || c == '*' || c == '>' || Character.isWhitespace(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String printable(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 60 ? p.substring(0, 60) + "..." : p;
    }
}
