// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config;

/** The configuration formats a flow exports to and, some of them, imports from. */
public enum Format {
    /** RabbitMQ definitions JSON, as {@code rabbitmqctl export_definitions} writes it. */
    RABBITMQ("rabbitmq", "RabbitMQ definitions", "json", true),
    /** An ActiveMQ Artemis {@code broker.xml}. */
    ARTEMIS("artemis", "Artemis broker.xml", "xml", true),
    /** Amazon SQS queues: each queue's CreateQueue name and attributes, as JSON. */
    SQS("sqs", "Amazon SQS queues", "json", false),
    /** Google Cloud Pub/Sub topics and subscriptions: a shell script of gcloud commands. */
    PUBSUB("pubsub", "Google Pub/Sub gcloud script", "sh", false),
    /** Apache Kafka topics: each topic's partitions, replication factor and configs, as JSON. */
    KAFKA("kafka", "Apache Kafka topics", "json", false),
    /** NATS JetStream streams and durable pull consumers, as JSON the {@code nats} CLI and the JetStream API take. */
    NATS("nats", "NATS JetStream streams", "json", false),
    /** An AsyncAPI 3.0 document (YAML), for documentation. */
    ASYNCAPI("asyncapi", "AsyncAPI 3.0", "yaml", false);

    private final String word;
    private final String label;
    private final String extension;
    private final boolean imports;

    Format(String word, String label, String extension, boolean imports) {
        this.word = word;
        this.label = label;
        this.extension = extension;
        this.imports = imports;
    }

    /** The name on the command line ({@code --to rabbitmq}). */
    public String word() {
        return word;
    }

    /** The name in menus and messages. */
    public String label() {
        return label;
    }

    /** The usual file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** Whether Pipewright can read this format back into a flow. */
    public boolean imports() {
        return imports;
    }

    /** The format with this command-line name, or null. */
    public static Format named(String word) {
        for (Format f : values()) {
            if (f.word.equalsIgnoreCase(word)) {
                return f;
            }
        }
        return null;
    }
}
