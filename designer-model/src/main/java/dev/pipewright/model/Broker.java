// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.util.Locale;

/**
 * Whose rules a flow's queues follow when it runs: a broker profile. Where RabbitMQ, Artemis and SQS
 * differ (how many deliveries a delivery limit allows, where a requeued message goes, whether
 * priorities need a maximum, what a maximum length counts), the engine follows the named broker;
 * {@code docs/brokers.md} lists every rule with its source.
 *
 * <p>{@link #GENERIC} is the set of rules Pipewright used before profiles existed, and it means
 * exactly this: a delivery limit of n allows n deliveries and there is none unless set; a
 * requeued message goes back to its old place; priorities apply only up to a queue's max
 * priority; TTL expires messages at the head; a maximum length counts ready messages, with
 * RabbitMQ's overflow policies.
 */
public enum Broker {
    GENERIC("generic", "Generic"),
    RABBITMQ("rabbitmq", "RabbitMQ"),
    ARTEMIS("artemis", "Artemis"),
    /**
     * Amazon SQS: no requeue (a message not deleted becomes visible again after the queue's
     * visibility timeout), redrive after {@code maxReceiveCount} receives, FIFO queues with message
     * groups and a 5-minute deduplication window, retention of 4 days unless set, no priorities.
     */
    SQS("sqs", "Amazon SQS"),
    /**
     * Google Cloud Pub/Sub: a topic's bound queues are its pull subscriptions; a message not acked
     * within the ack deadline (10 s unless set) is delivered again, a nack redelivers at once or
     * after the retry policy's exponential back-off, a dead-letter topic after
     * {@code maxDeliveryAttempts}, ordering keys on subscriptions with message ordering, retention
     * of 7 days unless set, no priorities.
     */
    PUBSUB("pubsub", "Google Pub/Sub"),
    /**
     * MQTT (3.1.1 and 5.0, as Mosquitto runs it): topic filters with {@code /} levels, {@code +} and
     * {@code #}; QoS 0, 1 and 2 (the lower of the publish and the subscription QoS); retained
     * messages; shared subscriptions {@code $share/group/filter}; persistent sessions or clean
     * start; message expiry. No nack, no dead-letter queues, no priorities. See {@link MqttHeaders}.
     */
    MQTT("mqtt", "MQTT"),
    /**
     * Apache Kafka: a queue is a topic, a partitioned log kept for its retention time (the queue's
     * message TTL, 7 days unless set); each consumer node wired to it is one consumer group, whose
     * instances share the partitions (one member per partition at most) and rebalance when one
     * joins, leaves or crashes; offsets are committed automatically every 5 s (ack mode auto) or
     * after each record (ack mode manual); no requeue, no priorities, no dead-letter exchange.
     */
    KAFKA("kafka", "Apache Kafka"),
    /**
     * NATS JetStream: a queue is a stream with one durable pull consumer per consumer node (its
     * instances pull from it); a message not acked within {@code ack_wait} (30 s unless set) is
     * delivered again, a nak redelivers at once or after a delay, {@code max_deliver} (unlimited
     * unless set) ends the deliveries without a dead-letter queue (the server publishes a
     * max-deliveries advisory), {@code Nats-Msg-Id} duplicates within 2 minutes are dropped, subjects
     * match with {@code *} and {@code >}; work-queue retention, or limits retention for a
     * {@link QueueType#STREAM} queue. See {@link NatsLimits}.
     */
    NATS("nats", "NATS JetStream");


    private final String word;
    private final String label;

    Broker(String word, String label) {
        this.word = word;
        this.label = label;
    }

    /** The name people read: {@code RabbitMQ}. */
    public String label() {
        return label;
    }

    /** The name in files and on the command line. */
    public String word() {
        return word;
    }

    /**
     * The profile called {@code word} (any case).
     *
     * @throws IllegalArgumentException naming the known profiles, when there is none by that name
     */
    public static Broker named(String word) {
        for (Broker b : values()) {
            if (b.word.equals(word.toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new IllegalArgumentException("there is no broker profile '" + TerminalText.escape(word.length() > 40 ? word.substring(0, 40) + "..." : word)
                + "'; the profiles are " + wordList());
    }

    /** Every profile's word, as a sentence lists them: {@code generic, rabbitmq, ... and pubsub}; built from the constants so a new profile is named at once. */
    public static String wordList() {
        Broker[] all = values();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            b.append(i == 0 ? "" : i == all.length - 1 ? " and " : ", ").append(all[i].word);
        }
        return b.toString();
    }
}
