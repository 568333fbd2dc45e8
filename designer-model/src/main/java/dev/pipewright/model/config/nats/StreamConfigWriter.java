// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.nats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.NatsLimits;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Portability;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.Exported;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Writes the streams and consumers of {@link NatsStreams#write(Flow)}. */
final class StreamConfigWriter {
    /** The longest stream or consumer name written; NATS names are file names on the server. */
    static final int MAX_NAME = 64;
    /** Most subjects compared for overlaps, so a stranger's flow cannot make the check quadratic without end. */
    static final int MAX_COMPARED_SUBJECTS = 2_000;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Flow flow;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();

    StreamConfigWriter(Flow flow) {
        this.flow = Objects.requireNonNull(flow, "flow");
    }

    Exported write() {
        findings.addAll(Portability.findings(flow, Broker.NATS));
        Map<String, Node> byId = flow.nodesById();
        Map<String, String> streamNames = new LinkedHashMap<>();
        Map<String, Set<String>> subjects = new LinkedHashMap<>();
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q) {
                streamNames.put(q.id(), unique(q.id(), "queue '" + q.name() + "'", q.name()));
                subjects.put(q.id(), new LinkedHashSet<>());
            }
        }
        for (Edge e : flow.edges()) {
            if (e.fromPort() == Port.OUT && byId.get(e.from()) instanceof Topic t && subjects.containsKey(e.to())) {
                subjects.get(e.to()).add(t.routing() == Topic.Routing.FANOUT || e.key() == null || e.key().isBlank()
                        ? safe(t.name()) : e.key());
            }
        }
        ObjectNode root = mapper.createObjectNode();
        ArrayNode streams = root.putArray("streams");
        ArrayNode consumers = root.putArray("consumers");
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q) {
                Set<String> own = subjects.get(q.id());
                if (own.isEmpty()) {
                    own.add(streamNames.get(q.id())); // published to directly: its name is its subject
                }
                streams.add(stream(q, streamNames.get(q.id()), own));
            }
        }
        for (Edge e : flow.edges()) {
            if (e.fromPort() == Port.OUT && byId.get(e.from()) instanceof QueueSettings q
                    && byId.get(e.to()) instanceof Consumer c) {
                ObjectNode entry = consumers.addObject();
                entry.put("stream", streamNames.get(q.id()));
                entry.set("config", consumer(q, c));
            }
        }
        overlaps(subjects, streamNames);
        try {
            return new Exported(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the NATS streams", e);
        }
    }

    private ObjectNode stream(QueueSettings q, String name, Set<String> subjects) {
        ObjectNode s = mapper.createObjectNode();
        s.put("name", name);
        ArrayNode list = s.putArray("subjects");
        subjects.forEach(list::add);
        s.put("retention", NatsLimits.limitsRetention(q) ? "limits" : "workqueue");
        s.put("max_consumers", -1);
        s.put("max_msgs", q.maxLength() == null ? -1 : q.maxLength());
        s.put("max_bytes", -1);
        s.put("max_age", nanos(q.messageTtl()));
        s.put("max_msg_size", -1);
        s.put("storage", q.durable() ? "file" : "memory");
        s.put("discard", q.maxLength() != null && q.overflow() == Overflow.REJECT_PUBLISH ? "new" : "old");
        s.put("num_replicas", 1);
        s.put("duplicate_window", nanos(NatsLimits.DUPLICATE_WINDOW));
        return s;
    }

    private ObjectNode consumer(QueueSettings q, Consumer c) {
        ObjectNode cc = mapper.createObjectNode();
        cc.put("durable_name", unique(c.id(), "consumer '" + c.name() + "'", c.name()));
        cc.put("deliver_policy", "all");
        cc.put("ack_policy", c.ackMode() == Consumer.AckMode.AUTO ? "none" : "explicit");
        cc.put("ack_wait", nanos(NatsLimits.ackWait(q)));
        cc.put("max_deliver", q.deliveryLimit() == null ? -1 : q.deliveryLimit());
        cc.put("replay_policy", "instant");
        cc.put("max_ack_pending", NatsLimits.maxAckPending(c));
        return cc;
    }

    private static long nanos(Duration d) {
        return d == null ? 0 : d.toNanos();
    }

    /** A name NATS takes (no spaces, {@code .}, {@code *}, {@code >}, path separators), unique among the export's. */
    private String unique(String nodeId, String what, String wanted) {
        String base = safe(wanted);
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base.substring(0, Math.min(base.length(), MAX_NAME - 4)) + "-" + i;
        }
        if (!name.equals(wanted)) {
            findings.add(new Finding(Severity.WARNING, nodeId, null, what + " is exported as '" + name
                    + "', a name NATS takes and no other exported name has", "name it with letters, digits, '-' or '_'"));
        }
        return name;
    }

    private static String safe(String wanted) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < wanted.length() && b.length() < MAX_NAME; i++) {
            char c = wanted.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_') ? c : '_');
        }
        return b.isEmpty() ? "stream" : b.toString();
    }

    /** NATS refuses a stream whose subjects overlap another's: each pair that would is named. */
    private void overlaps(Map<String, Set<String>> subjects, Map<String, String> streamNames) {
        List<String[]> all = new ArrayList<>(); // {queue id, subject}
        subjects.forEach((id, set) -> set.forEach(s -> all.add(new String[] {id, s})));
        int n = Math.min(all.size(), MAX_COMPARED_SUBJECTS);
        Set<String> reported = new HashSet<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                String[] a = all.get(i);
                String[] b = all.get(j);
                if (!a[0].equals(b[0]) && overlap(a[1], b[1]) && reported.add(a[0] + "\n" + b[0])) {
                    findings.add(new Finding(Severity.WARNING, b[0], null, "streams '" + streamNames.get(a[0])
                            + "' and '" + streamNames.get(b[0]) + "' would both capture subject '" + b[1]
                            + "', and NATS refuses the second: a subject belongs to one stream", "bind one queue with"
                            + " limits retention (queue type stream) and give it one consumer node per reader"));
                }
            }
        }
    }

    /** Whether some subject matches both filters: token by token, {@code >} matches the rest, {@code *} any token. */
    static boolean overlap(String a, String b) {
        String[] x = a.split("\\.", -1);
        String[] y = b.split("\\.", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i].equals(">") || y[i].equals(">")) {
                return true;
            }
            if (!x[i].equals("*") && !y[i].equals("*") && !x[i].equals(y[i])) {
                return false;
            }
        }
        return x.length == y.length;
    }
}
