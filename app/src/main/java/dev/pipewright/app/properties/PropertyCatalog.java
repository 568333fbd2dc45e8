// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.properties;

import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.RecordCopy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which properties a node kind shows in the properties sheet, under which group, with which label
 * and help text. Every record component but {@code id} and {@code position} is listed, so a new
 * property shows up even before it is described here.
 */
public final class PropertyCatalog {
    /** The order groups appear in. */
    public static final List<String> GROUP_ORDER = List.of("General", "Traffic", "Messages", "Routing",
            "Processing", "Limits", "Delivery", "Failures", "Retry", "Forwarding", "Availability",
            "Request/reply", "Binding", "Broker", "Other");

    /**
     * One property as the sheet shows it.
     *
     * @param name the record component, as spelled in flow files
     * @param group the group it appears under
     * @param label what a person reads
     * @param description the help shown on hover
     * @param type the component's generic type
     */
    public record Spec(String name, String group, String label, String description, Type type) {
        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(group, "group");
        }
    }

    private record Info(String group, String label, String description) {
    }

    private static final Map<String, Info> COMMON = Map.ofEntries(
            Map.entry("name", new Info("General", "Name", "What the node is called on the canvas.")),
            Map.entry("processingTime", new Info("Processing", "Processing time",
                    "Time to handle one message, as a distribution: const(10ms), exp(20ms), uniform(5ms, 15ms), normal(10ms, 2ms).")),
            Map.entry("failureRate", new Info("Failures", "Failure rate",
                    "Probability that handling one message fails, from 0 to 1 (0.05 is 5%).")),
            Map.entry("concurrency", new Info("Processing", "Concurrency", "Messages handled at once.")),
            Map.entry("durable", new Info("Broker", "Durable", "Survives a broker restart (used by exports).")),
            Map.entry("maxLength", new Info("Limits", "Max length", "Most ready messages it holds; empty for no limit.")),
            Map.entry("overflow", new Info("Limits", "Overflow", "What happens to a message when the queue is full.")),
            Map.entry("messageTtl", new Info("Limits", "Message TTL", "How long a message may wait before it expires; empty for never.")),
            Map.entry("maxPriority", new Info("Limits", "Max priority", "Highest priority honoured (1 to 255); empty for no priorities.")),
            Map.entry("deliveryDelay", new Info("Delivery", "Delivery delay", "How long a message waits before it can be delivered.")),
            Map.entry("deliveryLimit", new Info("Delivery", "Delivery limit", "Deliveries after which a message is dead-lettered; empty for no limit.")),
            Map.entry("redeliveryDelay", new Info("Delivery", "Redelivery delay", "Wait before a requeued message is delivered again.")),
            Map.entry("redeliveryMultiplier", new Info("Delivery", "Redelivery back-off", "Growth of the redelivery delay per attempt (1 keeps it constant).")),
            Map.entry("maxRedeliveryDelay", new Info("Delivery", "Max redelivery delay", "Cap on the redelivery delay; empty for no cap.")),
            Map.entry("singleActiveConsumer", new Info("Delivery", "Single consumer", "Single active consumer: only one consumer instance receives at a time, keeping order.")),
            Map.entry("retryAfter", new Info("Retry", "Retry after", "Delay before a message is sent back to the queue it came from; empty for no retry.")),
            Map.entry("maxRetries", new Info("Retry", "Max retries", "How many times a message is sent back; empty for no limit.")),
            // Source
            Map.entry("rate", new Info("Traffic", "Rate (msg/s)", "Messages per second on average.")),
            Map.entry("arrival", new Info("Traffic", "Arrival", "How messages are spaced in time: constant, Poisson or bursts.")),
            Map.entry("burstSize", new Info("Traffic", "Burst size", "Messages per burst, when arrival is bursts.")),
            Map.entry("messageLimit", new Info("Traffic", "Message limit", "Stop after this many messages; empty for no limit.")),
            Map.entry("payloadTemplate", new Info("Messages", "Payload template", "A JSON template; ${seq}, ${random(a,b)} and ${oneOf(x,y)} are filled in per message.")),
            Map.entry("payloadSize", new Info("Messages", "Payload size (bytes)", "Size of each message body in bytes.")),
            Map.entry("headers", new Info("Messages", "Headers", "Headers set on every message, as key=value, key2=value2.")),
            Map.entry("priorityMix", new Info("Messages", "Priority mix", "Weight of each priority, e.g. 0=0.8, 9=0.2; empty for all priority 0.")),
            Map.entry("routingKeys", new Info("Routing", "Routing keys", "Routing keys used in turn, separated by commas.")),
            Map.entry("duplicateRate", new Info("Failures", "Duplicate rate", "Probability that a message is published twice (at-least-once producer).")),
            Map.entry("replyQueue", new Info("Request/reply", "Reply queue", "Id of the queue replies come back on; empty for none.")),
            Map.entry("replyTimeout", new Info("Request/reply", "Reply timeout", "How long a request waits for its reply.")),
            // Topic
            Map.entry("routing", new Info("Routing", "Routing", "How bindings match messages: fanout, direct, topic patterns or headers.")),
            // Processor
            Map.entry("variant", new Info("Processing", "Variant", "What the processor does.")),
            Map.entry("expression", new Info("Processing", "Expression", "JSONPath: the filter's condition, the splitter's array, the correlation, sequence or dedupe key.")),
            Map.entry("routes", new Info("Routing", "Routes", "Content router: route=JSONPath condition, tried in order.")),
            Map.entry("batchSize", new Info("Processing", "Batch size", "Aggregator: messages per batch.")),
            Map.entry("timeout", new Info("Processing", "Timeout", "Aggregator: completion timeout; resequencer: longest wait for a gap.")),
            Map.entry("window", new Info("Processing", "Window", "Idempotent receiver: keys remembered; resequencer: capacity.")),
            Map.entry("delay", new Info("Processing", "Delay", "Delay processor: how long each message is held.")),
            // Consumer
            Map.entry("instances", new Info("Processing", "Instances", "Consumer instances, each handling one message at a time.")),
            Map.entry("prefetch", new Info("Delivery", "Prefetch", "Unacknowledged messages one instance may hold (0 for no limit).")),
            Map.entry("onFailure", new Info("Failures", "On failure", "What a failure does with the message: requeue, reject or dead-letter.")),
            Map.entry("ackMode", new Info("Delivery", "Ack mode", "When the broker counts a message as done: on delivery (auto) or after processing (manual).")),
            Map.entry("crashes", new Info("Failures", "Crashes", "Scheduled crashes: '30s #0 for 10s' crashes instance 0 at 30s for 10s.")),
            Map.entry("replies", new Info("Request/reply", "Sends replies", "Sends a reply to each message's reply-to queue.")),
            // Message store
            Map.entry("retryInterval", new Info("Forwarding", "Retry interval", "Wait between forwarding attempts of one message.")),
            Map.entry("maxAttempts", new Info("Forwarding", "Max attempts", "Attempts before a message is given up; empty for no limit.")),
            Map.entry("deactivateOnFailure", new Info("Forwarding", "Deactivate on failure", "Stop forwarding altogether after a message is given up.")),
            Map.entry("forwardTime", new Info("Forwarding", "Forward time", "Time one forwarding attempt takes, as a distribution.")),
            // Endpoint
            Map.entry("downWindows", new Info("Availability", "Down windows", "Periods from the start of the run when it is down: '10s to 20s, 1m to 2m'.")));

    private PropertyCatalog() {
    }

    /** The editable properties of a node of this kind, in the order they appear. */
    public static List<Spec> specs(Node node) {
        Objects.requireNonNull(node, "node");
        List<Spec> specs = new ArrayList<>();
        for (RecordComponent c : node.getClass().getRecordComponents()) {
            String name = c.getName();
            if (name.equals("id") || name.equals("position")) {
                continue;
            }
            Info info = COMMON.getOrDefault(name, new Info("Other", label(name), ""));
            String group = info.group();
            if (node.kind() == NodeKind.ENDPOINT && name.equals("concurrency")) {
                group = "Processing";
            }
            specs.add(new Spec(name, group, info.label(), info.description(), c.getGenericType()));
        }
        specs.sort(Comparator.comparingInt(s -> GROUP_ORDER.indexOf(s.group())));
        return specs;
    }

    /** The current value of a property of a node. */
    public static Object value(Node node, String property) {
        return RecordCopy.get((Record) node, property);
    }

    /** Orders group names as {@link #GROUP_ORDER} does; unknown groups go last. */
    public static Comparator<String> groupOrder() {
        return Comparator.comparingInt(g -> {
            int i = GROUP_ORDER.indexOf(g);
            return i < 0 ? GROUP_ORDER.size() : i;
        });
    }

    /** "maxLength" becomes "Max length". */
    static String label(String camel) {
        String spaced = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
