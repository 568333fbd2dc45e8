// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import static dev.pipewright.model.config.rabbitmq.DefinitionsWriter.MAX_NAME_BYTES;
import static dev.pipewright.model.config.rabbitmq.DefinitionsWriter.describe;
import static dev.pipewright.model.config.rabbitmq.DefinitionsWriter.warning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.RetryTopology;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The retry topology of each retrying dead-letter queue ({@link RetryTopology}) as RabbitMQ
 * queues: the wait queue, a classic queue whose {@code x-message-ttl} is the delay and which
 * dead-letters through the default exchange to the origin queue, and the parking queue. A note
 * says what RabbitMQ does with them alone; a warning names each retry that is not written, and why.
 */
final class RetryQueues {
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final String vhost;
    private final List<Finding> findings;
    /** Dead-letter queue id to its wait and parking queues' entries. */
    private final Map<String, List<ObjectNode>> byDlq = new HashMap<>();

    RetryQueues(Flow flow, String vhost, Map<String, QueueSettings> written, List<Finding> findings) {
        this.vhost = vhost;
        this.findings = findings;
        Set<String> names = new HashSet<>();
        written.values().forEach(q -> names.add(q.name()));
        Set<String> planned = new HashSet<>();
        for (RetryTopology.Retry r : RetryTopology.of(flow)) {
            planned.add(r.dlq().id());
            if (written.containsKey(r.dlq().id())) {
                plan(r, written, names);
            }
        }
        for (Node n : flow.nodes()) {
            if (n instanceof DeadLetterQueue d && d.retryAfter() != null && !planned.contains(d.id())) {
                boolean several = RetryTopology.origins(flow, d).size() > 1;
                notWritten(d, several ? "it retries to several queues, and a wait queue dead-letters back to one"
                        : RetryTopology.read(flow, d) ? "consumers read it, and they would take the messages the retry is for"
                        : "no queue dead-letters to it", several ? "give each queue a dead-letter queue of its own"
                        : RetryTopology.read(flow, d) ? "let consumers read its parking queue instead"
                        : "wire a queue's dead-letter port to it");
            }
        }
    }

    /** The wait and parking queues of dead-letter queue {@code dlqId}, written after it; empty when it has none. */
    List<ObjectNode> after(String dlqId) {
        return byDlq.getOrDefault(dlqId, List.of());
    }

    private void plan(RetryTopology.Retry r, Map<String, QueueSettings> written, Set<String> names) {
        DeadLetterQueue d = r.dlq();
        QueueSettings origin = written.get(r.originId());
        if (origin == null) {
            notWritten(d, "the queue it retries to is left out", null);
            return;
        }
        String wait = RetryTopology.waitName(d.name());
        String parked = RetryTopology.parkedName(d.name());
        for (String name : List.of(wait, parked)) {
            if (names.contains(name)) {
                notWritten(d, "its " + (name.equals(wait) ? "wait" : "parking") + " queue would be '" + name
                        + "', the name of another queue", "rename one of them");
                return;
            }
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                notWritten(d, "its queue '" + name + "' would be longer than the " + MAX_NAME_BYTES + " bytes RabbitMQ takes",
                        "shorten its name");
                return;
            }
        }
        names.add(wait);
        names.add(parked);
        long ms = Math.max(1, d.retryAfter().toMillis());
        ObjectNode waitQueue = queue(wait);
        ObjectNode args = (ObjectNode) waitQueue.get("arguments");
        args.put("x-message-ttl", ms);
        args.put("x-dead-letter-exchange", "");
        args.put("x-dead-letter-routing-key", origin.name());
        byDlq.put(d.id(), List.of(waitQueue, queue(parked)));
        findings.add(new Finding(Severity.INFO, d.id(), null, describe(d) + " retries its messages after " + ms
                + " ms: written with wait queue '" + wait + "' (x-message-ttl " + ms + ", dead-lettering back to '"
                + origin.name() + "') and parking queue '" + parked + "'. RabbitMQ alone moves nothing from '" + d.name()
                + "' to the wait queue and counts no retries: Pipewright's live run does it with a client (`pipewright"
                + " deploy`); without it, an application consuming '" + d.name() + "' must count the retries (a header of"
                + " its own) and publish each message to '" + wait + "', or to '" + parked + "' after the last", null));
    }

    private ObjectNode queue(String name) {
        ObjectNode o = json.objectNode();
        o.put("name", name);
        o.put("vhost", vhost);
        o.put("durable", true);
        o.put("auto_delete", false);
        o.putObject("arguments").put("x-queue-type", "classic");
        return o;
    }

    private void notWritten(DeadLetterQueue d, String why, String fix) {
        findings.add(warning(d.id(), null, describe(d) + " retries its messages after a delay, but its retry topology"
                + " is not written: " + why + "; RabbitMQ does not send them back by itself", fix));
    }
}
