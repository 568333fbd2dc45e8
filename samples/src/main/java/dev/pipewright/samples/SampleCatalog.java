// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples;

import dev.pipewright.model.Flow;
import dev.pipewright.model.io.FlowFileException;
import dev.pipewright.model.io.FlowJson;
import dev.pipewright.model.lesson.Lesson;
import dev.pipewright.model.lesson.LessonFileException;
import dev.pipewright.model.lesson.LessonFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sample flows that ship with Pipewright, one per messaging pattern. Each is a flow file on
 * the class path under {@code dev/pipewright/samples/} (the module's {@code flows/} folder).
 */
public final class SampleCatalog {
    /**
     * One sample.
     *
     * @param id short name, e.g. {@code competing-consumers}
     * @param title what a person reads in a menu
     * @param resource the file name, e.g. {@code competing-consumers.flow.json}
     */
    public record Sample(String id, String title, String resource) {
        public Sample {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(resource, "resource");
            if (!resource.endsWith(".flow.json")) {
                throw new IllegalArgumentException("a sample's resource is a .flow.json file, not " + resource);
            }
        }

        /** The class-path location of the file. */
        public String resourcePath() {
            return "/dev/pipewright/samples/" + resource;
        }

        /** The text of the flow file. */
        public String text() {
            try (InputStream in = SampleCatalog.class.getResourceAsStream(resourcePath())) {
                if (in == null) {
                    throw new IllegalStateException("sample " + resource + " is missing from the class path");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sample " + resource, e);
            }
        }

        /** The class-path location of the lesson beside the flow: {@code NAME.md} for {@code NAME.flow.json}. */
        public String lessonPath() {
            return "/dev/pipewright/samples/" + resource.substring(0, resource.length() - ".flow.json".length()) + ".md";
        }

        /**
         * The lesson beside the flow, or empty for a sample that has none yet. Lessons are tested
         * to read, so a broken one here is a packaging bug.
         */
        public Optional<Lesson> lesson() {
            try (InputStream in = SampleCatalog.class.getResourceAsStream(lessonPath())) {
                if (in == null) {
                    return Optional.empty();
                }
                return Optional.of(LessonFiles.read(new String(in.readNBytes(LessonFiles.MAX_BYTES + 1),
                        StandardCharsets.UTF_8), lessonPath().substring(lessonPath().lastIndexOf('/') + 1)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the lesson of sample " + resource, e);
            } catch (LessonFileException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        /** The flow; samples are tested to load, so failing here is a packaging bug. */
        public Flow load() {
            try {
                return FlowJson.read(text(), resource);
            } catch (FlowFileException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("point-to-point", "Point-to-point", "point-to-point.flow.json"),
            new Sample("publish-subscribe", "Publish/subscribe", "publish-subscribe.flow.json"),
            new Sample("shared-subscriptions", "Shared topic subscriptions", "shared-subscriptions.flow.json"),
            new Sample("competing-consumers", "Competing consumers", "competing-consumers.flow.json"),
            new Sample("competing-consumers-scaling", "Competing consumers: scaling out",
                    "competing-consumers-scaling.flow.json"),
            new Sample("throttling", "Throttling", "throttling.flow.json"),
            new Sample("competing-consumers-availability", "Competing consumers: availability",
                    "competing-consumers-availability.flow.json"),
            new Sample("request-reply", "Request/reply", "request-reply.flow.json"),
            new Sample("task-queue", "Task queue", "task-queue.flow.json"),
            new Sample("priority-queue", "Priority queue", "priority-queue.flow.json"),
            new Sample("priority-queues-per-priority", "Priority queues, one per priority",
                    "priority-queues-per-priority.flow.json"),
            new Sample("claim-check", "Claim check", "claim-check.flow.json"),
            new Sample("dead-letter-queue", "Dead-letter queue", "dead-letter-queue.flow.json"),
            new Sample("redelivery-detection", "Detecting repeated redelivery", "redelivery-detection.flow.json"),
            new Sample("intermittent-connectivity", "Intermittent connectivity", "intermittent-connectivity.flow.json"),
            new Sample("retry-with-delay", "Retry with a delay", "retry-with-delay.flow.json"),
            new Sample("store-and-forward", "Store and forward", "store-and-forward.flow.json"),
            new Sample("requeue-order", "Requeue preserving order", "requeue-order.flow.json"),
            new Sample("guaranteed-delivery", "Guaranteed delivery with failover", "guaranteed-delivery.flow.json"),
            new Sample("delivery-guarantees", "Delivery guarantees", "delivery-guarantees.flow.json"),
            new Sample("duplicate-detection", "Duplicate detection", "duplicate-detection.flow.json"),
            new Sample("resequencer", "Resequencer", "resequencer.flow.json"),
            new Sample("delivery-delay", "Delivery delay", "delivery-delay.flow.json"),
            new Sample("batch-processing", "Batch processing", "batch-processing.flow.json"),
            new Sample("sqs-work-queue", "Amazon SQS work queue", "sqs-work-queue.flow.json"),
            new Sample("pubsub-ordering", "Google Pub/Sub ordering keys", "pubsub-ordering.flow.json"),
            new Sample("mqtt-telemetry", "MQTT telemetry", "mqtt-telemetry.flow.json"),
            new Sample("kafka-orders", "Apache Kafka orders", "kafka-orders.flow.json"),
            new Sample("nats-payments", "NATS JetStream payments", "nats-payments.flow.json"));

    private SampleCatalog() {
    }

    /** Every sample, in the order a learner meets them. */
    public static List<Sample> all() {
        return SAMPLES;
    }

    /** The sample with this id. */
    public static Optional<Sample> byId(String id) {
        return SAMPLES.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
