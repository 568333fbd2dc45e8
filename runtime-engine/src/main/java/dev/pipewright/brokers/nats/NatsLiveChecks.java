// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import dev.pipewright.brokers.live.LiveChecks;
import dev.pipewright.brokers.live.LiveMessages;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
                    headers(s, out);
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

    /**
     * A warning, one at most per source, when a live run leaves out a header of its messages
     * ({@link NatsHeaders}): the first that NATS cannot carry or the run must not take, else the
     * first message with more headers than a message carries.
     */
    private static void headers(Source s, List<Finding> out) {
        String why = leftOut(s.headers());
        for (int i = 0; why == null && i < s.script().size(); i++) {
            ScriptedMessage m = s.script().get(i);
            why = leftOut(m.headers());
            if (why == null && m.id() != null && NatsHeaders.leftOut("id", m.id()) != null) {
                why = "header 'id' of script id '" + printable(m.id()) + "' (" + NatsHeaders.leftOut("id", m.id()) + ")";
            }
        }
        LiveMessages messages = new LiveMessages(s);
        List<ScriptedMessage> script = LiveMessages.script(s);
        for (int i = 0; why == null && i < Math.max(1, script.size()); i++) {
            ScriptedMessage m = script.isEmpty() ? null : script.get(i);
            // An upper bound first, so most messages are cleared without building their headers.
            long count = s.headers().size() + (m == null ? 0 : m.headers().size() + 1);
            long bytes = chars(s.headers()) + (m == null ? 0 : chars(m.headers()) + 2 + (m.id() == null ? 0 : m.id().length()));
            if (count <= NatsHeaders.MAX_HEADERS && bytes <= NatsHeaders.MAX_BYTES) {
                continue;
            }
            Map<String, String> all = m == null ? s.headers() : messages.headers(i + 1L);
            if (NatsHeaders.carried(all).size() < all.size()) {
                why = (m == null ? "its messages have" : "message " + (i + 1) + " has") + " more than "
                        + NatsHeaders.MAX_HEADERS + " headers or " + NatsHeaders.MAX_BYTES + " bytes of them, and the rest";
            }
        }
        if (why != null) {
            out.add(new Finding(Severity.WARNING, s.id(), null, "source '" + s.name() + "': " + why
                    + " is left out in a live run on NATS", "keep headers few, short, and in printable ASCII (names"
                    + " without spaces or colons, none starting pw- or Nats- but Nats-Msg-Id)"));
        }
    }

    /** The first of {@code headers} a run leaves out, in words, or null. */
    private static String leftOut(Map<String, String> headers) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String why = NatsHeaders.leftOut(h.getKey(), h.getValue());
            if (why != null) {
                return "header '" + printable(h.getKey()) + "' (" + why + ")";
            }
        }
        return null;
    }

    private static long chars(Map<String, String> headers) {
        long n = 0;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            n += h.getKey().length() + (h.getValue() == null ? 0 : h.getValue().length());
        }
        return n;
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
