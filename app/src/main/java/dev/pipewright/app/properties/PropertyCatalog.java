// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.properties;

import dev.pipewright.app.skin.KindSkins;
import dev.pipewright.app.skin.PropertyHelp;
import dev.pipewright.model.Node;
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
 * and help text: a kind's own properties as its skin describes them, the shared ones as described
 * here. Every record component but {@code id} and {@code position} is listed, so a new property
 * shows up even before it is described.
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

    /** The properties several kinds share; each kind's own are described by its skin. */
    private static final Map<String, PropertyHelp> COMMON = Map.ofEntries(
            Map.entry("name", new PropertyHelp("General", "Name", "What the node is called on the canvas.")),
            Map.entry("processingTime", new PropertyHelp("Processing", "Processing time",
                    "Time to handle one message, as a distribution: const(10ms), exp(20ms), uniform(5ms, 15ms), normal(10ms, 2ms).")),
            Map.entry("failureRate", new PropertyHelp("Failures", "Failure rate",
                    "Probability that handling one message fails, from 0 to 1 (0.05 is 5%).")),
            Map.entry("concurrency", new PropertyHelp("Processing", "Concurrency", "Messages handled at once.")),
            Map.entry("durable", new PropertyHelp("Broker", "Durable", "Survives a broker restart (used by exports). Under MQTT a durable queue is a persistent session, kept while its client is away; a queue that is not durable starts clean.")),
            Map.entry("queueType", new PropertyHelp("Broker", "Queue type", "RabbitMQ's queue type. Under the RabbitMQ rules a quorum queue's delivery limit allows one delivery more, without a limit a requeued message goes to the back, and it has no priorities; a classic queue has no delivery limit. Streams are not simulated. Under the NATS JetStream rules, stream means limits retention (acked messages stay and count toward the max length) and any other type work-queue retention.")),
            Map.entry("maxLength", new PropertyHelp("Limits", "Max length", "Most ready messages it holds; empty for no limit.")),
            Map.entry("overflow", new PropertyHelp("Limits", "Overflow", "What happens to a message when the queue is full.")),
            Map.entry("messageTtl", new PropertyHelp("Limits", "Message TTL", "How long a message may wait before it expires; empty for never.")),
            Map.entry("maxPriority", new PropertyHelp("Limits", "Max priority", "Highest priority honoured (1 to 255); empty for no priorities.")),
            Map.entry("deliveryDelay", new PropertyHelp("Delivery", "Delivery delay", "How long a message waits before it can be delivered.")),
            Map.entry("deliveryLimit", new PropertyHelp("Delivery", "Delivery limit", "Deliveries after which a message is dead-lettered; empty for no limit.")),
            Map.entry("redeliveryDelay", new PropertyHelp("Delivery", "Redelivery delay", "Wait before a requeued message is delivered again.")),
            Map.entry("redeliveryMultiplier", new PropertyHelp("Delivery", "Redelivery back-off", "Growth of the redelivery delay per attempt (1 keeps it constant).")),
            Map.entry("maxRedeliveryDelay", new PropertyHelp("Delivery", "Max redelivery delay", "Cap on the redelivery delay; empty for no cap.")),
            Map.entry("visibilityTimeout", new PropertyHelp("Broker", "Visibility timeout", "Amazon SQS: how long a received message stays hidden from other consumers (0s to 12h; empty for 30s). A failed message comes back when it ends, and processing longer than it delivers the message twice. Under the Google Pub/Sub rules it is the ack deadline (10s to 600s; empty for 10s), under the NATS JetStream rules the consumer's ack_wait (empty for 30s). Used only under the SQS, Pub/Sub and NATS rules.")),
            Map.entry("fifo", new PropertyHelp("Broker", "FIFO queue", "Amazon SQS FIFO queue (so is one named *.fifo): messages of one group (header MessageGroupId) in order, one at a time, and duplicates within 5 minutes removed. Under the Google Pub/Sub rules: message ordering, messages of one ordering key (header orderingKey, else the routing key) in order, one at a time, without deduplication. Used only under the SQS and Pub/Sub rules.")),
            Map.entry("partitions", new PropertyHelp("Broker", "Partitions", "Apache Kafka: the topic's partitions (1 to 10,000; empty for 1). A record's key picks its partition (murmur2), order holds only within a partition, and each consumer group has at most one member per partition. Used only under the Kafka rules.")),
            Map.entry("exactlyOnce", new PropertyHelp("Broker", "Exactly-once delivery", "Google Pub/Sub: exactly-once delivery on this pull subscription. A message is never delivered again once acked, nor while its ack deadline runs; an ack after the ack deadline fails and the message is delivered again (without it, a late ack may still remove a message not yet delivered again). Used only under the Pub/Sub rules.")),
            Map.entry("pushEndpoint", new PropertyHelp("Broker", "Push endpoint", "Google Pub/Sub: the https:// address this subscription pushes to; empty for a pull subscription. The consumer wired to the queue stands for the endpoint: a failure is a non-success answer, processing past the ack deadline a request that timed out, and either pauses all pushes of the subscription (100ms, doubling to 60s) until a success. Used only under the Pub/Sub rules.")),
            Map.entry("singleActiveConsumer", new PropertyHelp("Delivery", "Single consumer", "Single active consumer: only one consumer instance receives at a time, keeping order.")));

    private PropertyCatalog() {
    }

    /** The editable properties of a node of this kind, in the order they appear. */
    public static List<Spec> specs(Node node) {
        Objects.requireNonNull(node, "node");
        Map<String, PropertyHelp> own = KindSkins.of(node).properties();
        List<Spec> specs = new ArrayList<>();
        for (RecordComponent c : node.getClass().getRecordComponents()) {
            String name = c.getName();
            if (name.equals("id") || name.equals("position")) {
                continue;
            }
            PropertyHelp help = own.getOrDefault(name, COMMON.getOrDefault(name, new PropertyHelp("Other", label(name), "")));
            specs.add(new Spec(name, help.group(), help.label(), help.description(), c.getGenericType()));
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
