// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.sqs;

import dev.pipewright.brokers.live.ClientInstances;
import dev.pipewright.brokers.live.LiveLedger;
import dev.pipewright.brokers.live.Modelled;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.model.Consumer;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

/**
 * One instance of a consumer in an SQS live run, on its own thread: it long-polls its queue with
 * {@code ReceiveMessage} for as many messages as it has room for (its prefetch, at most a batch of
 * 10, as the SQS profile says), holds each for a drawn processing time on a timer thread, then
 * deletes it. A failed message is not deleted: SQS makes it visible again when its visibility
 * timeout ends (its only "requeue"), and the queue's redrive policy moves it to the dead-letter
 * queue after {@code maxReceiveCount} receives. A crashed instance stops receiving and deletes
 * nothing more: what it held is given up at the crash (no client has it, as the simulator counts it)
 * and SQS makes each message visible again when its visibility timeout ends.
 */
final class SqsConsumerInstance implements Runnable, ClientInstances.Instance {
    /** The longest a receive waits for a message: long polling, short enough that a stop or crash is seen soon. */
    static final int RECEIVE_WAIT_SECONDS = 1;
    /** Most messages one ReceiveMessage returns. */
    static final int RECEIVE_BATCH = 10;
    private static final long SLOT_POLL_MS = 20;

    private final Consumer consumer;
    private final int index;
    private final String queueId;
    private final String url;
    /** The URL of the queue's dead-letter queue, where a consumer's dead-lettering sends a message; or null. */
    private final String deadLetterUrl;
    /** Whether that dead-letter queue is a FIFO queue, whose sends need a group and a deduplication id. */
    private final boolean deadLetterFifo;
    private final SqsClient sqs;
    private final LiveLedger ledger;
    private final NodeTally me;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier stopping;
    private final java.util.function.Consumer<Exception> failed;
    private final Random rng;
    private final Semaphore room;
    private final boolean autoDelete;
    /** Whether the instance takes no new messages now (a held run, a paused consumer); what it holds is finished. */
    private final BooleanSupplier held;
    /** One delivery the instance holds: the message's id and its delivery number in the run's ledger. */
    private record Held(String id, int attempt) {
    }

    /** The deliveries received and not yet finished; the crash or the finish that removes one settles it. */
    private final java.util.Set<Held> holding = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean crashed;
    /** Taken away (fewer instances): it receives nothing more, and finishes and deletes what it holds. */
    private volatile boolean retired;
    private Thread thread;

    SqsConsumerInstance(Consumer consumer, int index, String queueId, String url, String deadLetterUrl,
                        boolean deadLetterFifo, SqsClient sqs,
                        LiveLedger ledger, ScheduledExecutorService timer, long seed, BooleanSupplier stopping,
                        BooleanSupplier held, java.util.function.Consumer<Exception> failed) {
        this.consumer = consumer;
        this.index = index;
        this.queueId = queueId;
        this.url = url;
        this.deadLetterUrl = deadLetterUrl;
        this.deadLetterFifo = deadLetterFifo;
        this.sqs = sqs;
        this.ledger = ledger;
        this.me = ledger.tally(consumer.id());
        this.timer = timer;
        this.stopping = stopping;
        this.held = held;
        this.failed = failed;
        this.rng = new Random(seed + index);
        this.room = new Semaphore(batch(consumer.prefetch()));
        this.autoDelete = consumer.ackMode() == Consumer.AckMode.AUTO;
    }

    /** The messages an instance may hold: its prefetch up to one receive batch (10), a batch for prefetch 0. */
    static int batch(int prefetch) {
        return prefetch <= 0 ? RECEIVE_BATCH : Math.min(prefetch, RECEIVE_BATCH);
    }

    /** Starts receiving on a thread of its own. */
    @Override
    public void start() {
        thread = new Thread(this, "pipewright-sqs-" + consumer.id() + "-" + index);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Crashes the instance: it receives and deletes nothing more, and gives up what it holds now, not
     * when each message's processing time would have ended; SQS gives those back after their
     * visibility timeout.
     */
    @Override
    public void crash() {
        crashed = true; // before the sweep: a delivery added after it sees the flag and gives itself up
        for (Held h : holding) {
            giveUp(h);
        }
    }

    /** Gives up delivery {@code h} if the instance still holds it: the ledger counts it back in its queue. */
    private void giveUp(Held h) {
        if (holding.remove(h)) {
            me.busy.decrementAndGet();
            ledger.abandoned(consumer.id(), queueId, h.id(), h.attempt());
        }
    }

    @Override
    public boolean crashed() {
        return crashed;
    }

    /** Takes the instance away: it receives nothing more; what it holds is finished and deleted as usual. */
    @Override
    public void retire() {
        retired = true;
    }

    /** Waits for the receiving thread to end (after a stop or crash, within a long poll). */
    @Override
    public void join() throws InterruptedException {
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(RECEIVE_WAIT_SECONDS) + 5_000);
        }
    }

    private boolean over() {
        return crashed || retired || stopping.getAsBoolean();
    }

    @Override
    public void run() {
        try {
            while (!over()) {
                if (held.getAsBoolean()) {
                    Thread.sleep(SLOT_POLL_MS); // a held run or paused consumer receives nothing
                    continue;
                }
                if (!room.tryAcquire(SLOT_POLL_MS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int n = 1 + room.drainPermits();
                java.util.List<Message> got;
                try {
                    got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(n)
                            .waitTimeSeconds(RECEIVE_WAIT_SECONDS).messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
                } catch (SdkException e) {
                    room.release(n);
                    if (!over()) {
                        failed.accept(e);
                    }
                    return;
                }
                room.release(n - got.size());
                try {
                    for (Message m : got) {
                        take(m);
                    }
                } catch (SdkException e) {
                    if (!over()) {
                        failed.accept(e); // an auto-ack consumer's delete
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void take(Message m) {
        if (stopping.getAsBoolean() || held.getAsBoolean()) {
            // Received as the run ends, or by a long poll that began before the consumer was paused:
            // not counted, and visible again at once for whoever reads the queue next (SQS still
            // counts the receive towards maxReceiveCount, as it would for any client).
            room.release();
            try {
                sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
            } catch (SdkException e) {
                // It comes back after its visibility timeout anyway.
            }
            return;
        }
        long now = System.nanoTime();
        Map<String, MessageAttributeValue> attributes = m.messageAttributes();
        MessageAttributeValue idValue = attributes.get(SqsSource.ID_ATTRIBUTE);
        String id = idValue != null && idValue.stringValue() != null ? idValue.stringValue() : "sqs-" + m.messageId();
        Long t0 = sentAt(attributes.get(SqsSource.TIME_ATTRIBUTE));
        Held h = new Held(id, ledger.delivered(queueId, consumer.id(), id, t0, now));
        me.busy.incrementAndGet();
        holding.add(h);
        if (crashed) {
            giveUp(h);
            room.release();
            return;
        }
        double hold;
        boolean fail;
        synchronized (rng) {
            hold = Modelled.seconds(consumer.processingTime(), rng);
            fail = Modelled.fails(consumer, h.attempt(), rng, name -> {
                MessageAttributeValue v = attributes.get(name);
                return v == null ? null : v.stringValue();
            }, m::body);
        }
        if (autoDelete) {
            // No acknowledgement mode on SQS: an auto-ack consumer deletes what it receives at once.
            delete(m);
        }
        Runnable finish = () -> finish(m, h, t0, now, fail);
        if (hold <= 0) {
            finish.run();
        } else {
            try {
                timer.schedule(finish, Math.round(hold * 1e9), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException ended) {
                // The run ended as this message came: it stays received, counted back in its queue.
                if (holding.remove(h)) {
                    me.busy.decrementAndGet();
                }
                room.release();
            }
        }
    }

    private static Long sentAt(MessageAttributeValue v) {
        if (v == null || v.stringValue() == null) {
            return null;
        }
        try {
            return Long.parseLong(v.stringValue());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void finish(Message m, Held h, Long t0, long started, boolean fail) {
        if (!holding.remove(h)) {
            return; // given up when the instance crashed
        }
        String id = h.id();
        try {
            long now = System.nanoTime();
            ledger.processed(consumer.id(), started, now);
            if (stopping.getAsBoolean()) {
                return; // still received, not deleted: the run's account counts it back in its queue
            }
            if (fail) {
                failed(m, id);
                return;
            }
            if (!autoDelete && !delete(m)) {
                // Received again since (its visibility timeout ended while it was processed): this receipt
                // is stale and deletes nothing, the newer receive holds the message.
                ledger.abandoned(consumer.id(), queueId, id, h.attempt());
                return;
            }
            ledger.acknowledged(consumer.id(), queueId, id, t0, now);
        } catch (SdkException e) {
            if (!crashed && !stopping.getAsBoolean()) {
                failed.accept(e);
            }
        } finally {
            me.busy.decrementAndGet();
            room.release();
        }
    }

    private void failed(Message m, String id) {
        me.failed.incrementAndGet();
        if (autoDelete) {
            me.rejected.incrementAndGet();
            ledger.settled(queueId, id);
            return;
        }
        switch (consumer.onFailure()) {
            case REQUEUE -> ledger.requeued(queueId, id); // not deleted: visible again when its visibility timeout ends
            case REJECT -> {
                me.rejected.incrementAndGet();
                ledger.settled(queueId, id);
                delete(m);
            }
            case DEAD_LETTER -> {
                if (deadLetterUrl == null) {
                    me.rejected.incrementAndGet();
                } else {
                    // SQS has no reject to a dead-letter queue: the consumer sends it there and deletes it.
                    SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(deadLetterUrl)
                            .messageBody(m.body()).messageAttributes(m.messageAttributes());
                    if (deadLetterFifo) {
                        String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                        send.messageGroupId(group == null ? SqsSource.DEFAULT_GROUP : group).messageDeduplicationId(id);
                    }
                    sqs.sendMessage(send.build());
                    me.deadLetteredByConsumer.incrementAndGet();
                }
                ledger.settled(queueId, id);
                delete(m);
            }
        }
    }

    /** Deletes {@code m} by its receipt; false when SQS refuses the receipt as no longer valid. */
    private boolean delete(Message m) {
        try {
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            return true;
        } catch (ReceiptHandleIsInvalidException e) {
            return false;
        }
    }
}
