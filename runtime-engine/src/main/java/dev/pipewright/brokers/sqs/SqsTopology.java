// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.sqs.SqsQueues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queues the SQS export of a flow writes ({@link SqsQueues}), created on an endpoint in the
 * export's order (dead-letter queues first) with the export's attributes; a redrive policy names
 * its dead-letter queue by the ARN the endpoint gave it, not the export's placeholder account.
 * Knows each queue's URL by name, reads depths, and deletes what it created.
 */
final class SqsTopology {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a queue holds in any state: visible, received and not deleted (in flight), delayed. */
    private static final List<QueueAttributeName> DEPTH = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

    private final SqsClient sqs;
    private final List<Finding> warnings;
    /** Each queue's SQS name, by node id. */
    private final Map<String, String> names;
    /** Each created queue's URL, by SQS name, in the order created. */
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final Map<String, Boolean> fifo = new HashMap<>();

    private SqsTopology(SqsClient sqs, List<Finding> warnings, Map<String, String> names) {
        this.sqs = sqs;
        this.warnings = warnings;
        this.names = names;
    }

    /**
     * Creates {@code flow}'s exported queues with {@code sqs}; on a refusal it deletes the queues it
     * had created before throwing.
     *
     * @throws SdkException what the endpoint refused, or that it could not be reached
     */
    static SqsTopology create(Flow flow, SqsClient sqs) {
        Exported export = SqsQueues.write(flow);
        SqsTopology t = new SqsTopology(sqs, List.copyOf(export.warnings()), SqsQueues.names(flow));
        try {
            t.createAll(export.text());
        } catch (IOException e) {
            t.teardown();
            throw new IllegalStateException("the SQS export could not be read", e);
        } catch (RuntimeException e) {
            t.teardown();
            throw e;
        }
        return t;
    }

    private void createAll(String exported) throws IOException {
        Map<String, String> arns = new HashMap<>();
        for (JsonNode q : JSON.readTree(exported).get("queues")) {
            String name = q.get("QueueName").asText();
            Map<String, String> attributes = new LinkedHashMap<>();
            q.get("Attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
            String policy = attributes.get("RedrivePolicy");
            if (policy != null) {
                ObjectNode p = (ObjectNode) JSON.readTree(policy);
                String target = p.get("deadLetterTargetArn").asText();
                String dlq = target.substring(target.lastIndexOf(':') + 1);
                p.put("deadLetterTargetArn", arns.getOrDefault(dlq, target));
                attributes.put("RedrivePolicy", JSON.writeValueAsString(p));
            }
            String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
            urls.put(name, url);
            fifo.put(name, "true".equals(attributes.get("FifoQueue")));
            arns.put(name, sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributesAsStrings().get("QueueArn"));
        }
    }

    /** The export's warnings: what SQS was not given. */
    List<Finding> warnings() {
        return warnings;
    }

    /** The SQS name of queue node {@code nodeId}, or null when it has none. */
    String name(String nodeId) {
        return names.get(nodeId);
    }

    /** The URL of the queue called {@code name}. */
    String url(String name) {
        String url = urls.get(name);
        if (url == null) {
            throw new IllegalArgumentException("no queue '" + name + "' was created");
        }
        return url;
    }

    /** Whether the queue called {@code name} is a FIFO queue. */
    boolean fifo(String name) {
        return fifo.getOrDefault(name, false);
    }

    /** What queue {@code name} holds: visible, in flight (received, not deleted) and delayed, as SQS approximates them. */
    long depth(String name) {
        Map<String, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url(name)).attributeNames(DEPTH)).attributesAsStrings();
        long sum = 0;
        for (QueueAttributeName n : DEPTH) {
            sum += Long.parseLong(a.getOrDefault(n.toString(), "0"));
        }
        return sum;
    }

    /** Deletes every queue created, best effort (the endpoint may be gone). */
    void teardown() {
        List<String> created = new ArrayList<>(urls.values());
        java.util.Collections.reverse(created);
        for (String url : created) {
            try {
                sqs.deleteQueue(b -> b.queueUrl(url));
            } catch (SdkException e) {
                // Best effort: what is left the user deletes, or it goes with an embedded ElasticMQ.
            }
        }
    }
}
