// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import dev.pipewright.brokers.live.ClientInstances;
import dev.pipewright.brokers.live.LiveLedger;
import dev.pipewright.brokers.live.Modelled;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.model.Consumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One instance of a consumer node in a Kafka live run: a member of the node's consumer group, on a
 * thread of its own, reading one record at a time ({@code max.poll.records} 1) and holding it for
 * its drawn processing time, as a Kafka consumer processes in its poll loop.
 *
 * <p>Offsets: with the model's auto ack mode the member commits its position every 5 s from its
 * poll loop and before a rebalance takes its partitions, which is what Kafka's
 * {@code enable.auto.commit} does ({@code auto.commit.interval.ms} 5,000); done here rather than by
 * the client so that a crash can close the member <em>without</em> the commit the client's close
 * makes. With the manual ack mode it commits each record's offset after processing it (Spring
 * Kafka's {@code AckMode.RECORD}).
 *
 * <p>Failures, as the Kafka profile holds them: requeue retries the record in place, until its
 * topic's delivery limit, then sends it to the dead-letter topic (Spring Kafka's
 * {@code DeadLetterPublishingRecoverer}, the same partition of {@code <topic>.DLT}) or, without
 * one, skips it; reject skips it; dead-letter sends it to the dead-letter topic.
 */
final class KafkaConsumerInstance implements Runnable, ClientInstances.Instance {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long AUTO_COMMIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * {@code session.timeout.ms}: how long a crashed member's partitions stay unassigned before the
     * coordinator drops it and the group rebalances. 6 s, as the simulator's Kafka profile holds
     * ({@code KafkaRules.SESSION_TIMEOUT_SECONDS}): the least a broker accepts by default
     * ({@code group.min.session.timeout.ms}); the client's own default is 45 s.
     */
    static final int SESSION_TIMEOUT_MS = 6_000;

    private final Consumer consumer;
    private final int index;
    private final String queueId;
    private final String topic;
    private final String deadLetterTopic;
    private final Integer deliveryLimit;
    private final Properties config;
    private final Producer<String, byte[]> producer;
    private final LiveLedger ledger;
    private final NodeTally me;
    private final BooleanSupplier stopping;
    /** Whether the member takes no new records now (a held run, a paused consumer); what it holds is finished. */
    private final BooleanSupplier held;
    private final java.util.function.Consumer<Exception> failed;
    private final Random rng;
    private final boolean autoCommit;
    private volatile boolean crashed;
    private volatile boolean retired;
    private Thread thread;

    KafkaConsumerInstance(Consumer consumer, int index, String queueId, String topic, String deadLetterTopic,
                          Integer deliveryLimit, KafkaTarget target, String group, Producer<String, byte[]> producer,
                          LiveLedger ledger, long seed, BooleanSupplier stopping, BooleanSupplier held,
                          java.util.function.Consumer<Exception> failed) {
        this.consumer = consumer;
        this.index = index;
        this.queueId = queueId;
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
        this.deliveryLimit = deliveryLimit;
        this.producer = producer;
        this.ledger = ledger;
        this.me = ledger.tally(consumer.id());
        this.stopping = stopping;
        this.held = held;
        this.failed = failed;
        this.rng = new Random(seed + index);
        this.autoCommit = consumer.ackMode() == Consumer.AckMode.AUTO;
        config = target.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + index);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(SESSION_TIMEOUT_MS));
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString(SESSION_TIMEOUT_MS / 3));
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(KafkaTarget.TIMEOUT_MS * 6));
    }

    /** Starts reading on a thread of its own. */
    @Override
    public void start() {
        thread = new Thread(this, "pipewright-kafka-" + consumer.id() + "-" + index);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Crashes the member: it processes and commits nothing more and closes without leaving its
     * group, as a process that dies sends no word; its partitions stay unassigned until its session
     * times out ({@value #SESSION_TIMEOUT_MS} ms).
     */
    @Override
    public void crash() {
        crashed = true;
    }

    @Override
    public boolean crashed() {
        return crashed;
    }

    /**
     * Takes the member away: it finishes the record it holds, commits as its ack mode does and
     * leaves its group, which rebalances its partitions to the others.
     */
    @Override
    public void retire() {
        retired = true;
    }

    /** Waits for the member's thread to end (after a stop or crash, within a poll and a close). */
    @Override
    public void join() throws InterruptedException {
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(35));
        }
    }

    private boolean over() {
        return crashed || stopping.getAsBoolean();
    }

    @Override
    public void run() {
        KafkaConsumer<String, byte[]> kafka;
        try {
            kafka = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            failed.accept(e);
            return;
        }
        try {
            kafka.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // As the client's auto commit does before a rebalance; a crashed member commits nothing.
                    if (autoCommit && !crashed) {
                        kafka.commitSync();
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // The member goes on from the group's committed offsets; a held one fetches nothing
                    // from partitions it gets in this very poll either.
                    if (held.getAsBoolean()) {
                        kafka.pause(partitions);
                    }
                }
            });
            long lastCommit = System.nanoTime();
            while (!over() && !retired) {
                pauseWhileHeld(kafka);
                for (ConsumerRecord<String, byte[]> r : kafka.poll(POLL)) {
                    if (held.getAsBoolean()) {
                        // Fetched by a poll begun before the consumer was paused: read again once it
                        // goes on, uncounted, as if the pause had come first.
                        kafka.seek(new TopicPartition(r.topic(), r.partition()), r.offset());
                        continue;
                    }
                    take(kafka, r);
                }
                if (autoCommit && !crashed && System.nanoTime() - lastCommit >= AUTO_COMMIT_NANOS) {
                    kafka.commitSync();
                    lastCommit = System.nanoTime();
                }
            }
            if (autoCommit && !crashed) {
                kafka.commitSync(); // as the client's close commits with enable.auto.commit
            }
        } catch (WakeupException | InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (KafkaException e) {
            if (!over()) {
                failed.accept(e);
            }
        } finally {
            close(kafka);
        }
    }

    /** Closes the client: a crashed member stays in its group (no LeaveGroup), any other leaves it. */
    private void close(KafkaConsumer<String, byte[]> kafka) {
        try {
            kafka.close(CloseOptions.groupMembershipOperation(crashed ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                    : CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } catch (KafkaException e) {
            // Closing after the cluster went away: the failure was told already.
        }
    }

    /**
     * A held run or paused consumer is {@code KafkaConsumer.pause}: its polls fetch nothing but keep
     * it in its group, so no rebalance, as the simulator's Pause. Partitions assigned while paused
     * are paused too.
     */
    private void pauseWhileHeld(KafkaConsumer<String, byte[]> kafka) {
        if (held.getAsBoolean()) {
            kafka.pause(kafka.assignment());
        } else if (!kafka.paused().isEmpty()) {
            kafka.resume(kafka.paused());
        }
    }

    private void take(KafkaConsumer<String, byte[]> kafka, ConsumerRecord<String, byte[]> r)
            throws InterruptedException {
        String id = header(r, KafkaSource.ID_HEADER);
        if (id == null) {
            id = "kafka-" + r.partition() + "-" + r.offset();
        }
        Long t0 = sentAt(header(r, KafkaSource.TIME_HEADER));
        while (true) {
            if (over()) {
                // Read as the run ends or after a crash: not processed, and its offset not committed, so the
                // group reads it again.
                kafka.seek(new TopicPartition(r.topic(), r.partition()), r.offset());
                return;
            }
            long started = System.nanoTime();
            int attempt = ledger.delivered(queueId, consumer.id(), id, t0, started);
            double hold;
            boolean fail;
            synchronized (rng) {
                hold = Modelled.seconds(consumer.processingTime(), rng);
                fail = Modelled.fails(consumer, attempt, rng, name -> header(r, name),
                        () -> r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8));
            }
            me.busy.incrementAndGet();
            boolean done;
            try {
                done = hold(hold);
            } finally {
                me.busy.decrementAndGet();
            }
            long now = System.nanoTime();
            ledger.processed(consumer.id(), started, now);
            if (!done) {
                // Crashed or stopped while processing: nothing committed, the group reads it again.
                me.returned.incrementAndGet();
                ledger.requeued(queueId, id);
                kafka.seek(new TopicPartition(r.topic(), r.partition()), r.offset());
                return;
            }
            if (!fail) {
                commit(kafka, r);
                ledger.acknowledged(consumer.id(), queueId, id, t0, now);
                return;
            }
            me.failed.incrementAndGet();
            Consumer.FailureAction action = consumer.onFailure();
            if (action == Consumer.FailureAction.REQUEUE && (deliveryLimit == null || attempt < deliveryLimit)) {
                ledger.requeued(queueId, id); // retried in place: the member reads it again at once
                continue;
            }
            if (action == Consumer.FailureAction.REJECT || deadLetterTopic == null) {
                me.rejected.incrementAndGet();
            } else {
                try {
                    producer.send(new ProducerRecord<>(deadLetterTopic, r.partition(), r.key(), r.value(), r.headers()))
                            .get(KafkaTarget.TIMEOUT_MS * 6L, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new KafkaException("sending to " + deadLetterTopic + ": " + e.getMessage(), e);
                }
                me.deadLetteredByConsumer.incrementAndGet();
            }
            commit(kafka, r);
            ledger.settled(queueId, id);
            return;
        }
    }

    /** Holds for {@code seconds} of processing; false when a crash or the run's end came first. */
    private boolean hold(double seconds) throws InterruptedException {
        long until = System.nanoTime() + Math.round(seconds * 1e9);
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            if (over()) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, CHECK_NANOS));
        }
    }

    /** With the manual ack mode: commits the offset after {@code r}; with auto commit the poll loop does. */
    private void commit(KafkaConsumer<String, byte[]> kafka, ConsumerRecord<String, byte[]> r) {
        if (!autoCommit) {
            kafka.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1)));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Long sentAt(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
