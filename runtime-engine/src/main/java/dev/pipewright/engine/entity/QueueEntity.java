// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.stats.EdgeCounters;
import dev.pipewright.model.Broker;
import dev.pipewright.model.NatsLimits;
import dev.pipewright.model.MqttHeaders;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.PubSubLimits;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.SqsSendBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A running queue with RabbitMQ's delivery rules: FIFO or native priorities, prefetch-limited
 * delivery to the subscribers wired to its output, acknowledgements, nack with requeue to the
 * message's old place, a delivery limit then dead-lettering ({@code delivery_limit}), redelivery
 * delay with back-off (as Artemis), per-queue message TTL (expired at the head, as RabbitMQ
 * does), a maximum length with drop-head, reject-publish or reject-publish-dlx (RabbitMQ) or page,
 * block or drop-new (Artemis's address-full policies), delivery delay, and single active consumer.
 *
 * <p>Block holds back only sources: a source asks {@link #blocksPublishers()} before it publishes
 * and waits with its message until this queue has room. Anything else that sends to a full
 * blocking queue (a processor, a dead-letter wire, a delayed message becoming ready) is taken
 * beyond the limit, as a broker's own moves between addresses do not wait for a producer's credits.
 *
 * <p>Subscribers are tried round robin, an idle instance first: so with prefetch 1 a queue with c
 * consumer instances is exactly an M/M/c (or M/G/c) system.
 *
 * <p>A delivery limit of n means a message is delivered at most n times: when the n-th delivery
 * is nacked for requeue (or its consumer crashes) it is dead-lettered with reason
 * {@code delivery_limit}, as Artemis's max-delivery-attempts (RabbitMQ's quorum queues allow one
 * more). TTL and the queue wait count from when a message becomes ready (after any delivery delay);
 * a requeued message keeps its expiry, so it may expire as soon as it is back.
 *
 * <p>A message with a TTL of its own (RabbitMQ's {@code expiration}) expires after the lower of
 * it and the queue's, as RabbitMQ chooses; still only at the head, as a classic queue does, so a
 * short-lived message behind a long-lived one waits until it reaches the head, and one found
 * expired when it is about to be delivered is expired instead. A message's own delay replaces
 * the queue's delivery delay. Dead-lettering removes both, as RabbitMQ removes the
 * {@code expiration} property of what it dead-letters.
 *
 * <p>Under the SQS profile ({@link QueueRules#visibilitySeconds()} set) nothing is requeued: a
 * received message is hidden for the visibility timeout, counted from its receive; one that fails
 * (or whose consumer crashes) waits hidden until it ends, and one still held when it ends becomes
 * visible again as a copy while its consumer works on: a duplicate delivery. When a message has been
 * received {@code maxReceiveCount} times (the delivery limit), the redrive policy moves it to the
 * dead-letter queue instead of making it visible again. A FIFO queue delivers a message group's
 * messages in order with one of them in flight at a time, and drops messages that repeat a
 * deduplication id within 5 minutes ({@link DeduplicationWindow}).
 *
 * <p>Under the Pub/Sub profile the visibility timeout is the ack deadline and a crashed subscriber's
 * messages wait for it as under SQS, but a nack does not: it redelivers the message at once, or after
 * the retry policy's back-off ({@link PubSubRetry}), which also spaces the redelivery when an ack
 * deadline ends. On a subscription with message ordering the messages of one ordering key go one at
 * a time and in order ({@link MessageOrdering}), and a key whose message failed stays blocked until
 * that message is delivered again.
 *
 * <p>A Pub/Sub push subscription ({@link PubSubLimits#push}) answers each push with its consumer's
 * outcome: a failure is a non-success HTTP answer (a nack), and one still running at the ack
 * deadline a request that timed out. Either starts the push back-off, global to the subscription:
 * nothing is pushed for 100 ms, doubling with each further failure up to 60 s, until a success
 * resets it. A request's answer after its timeout counts for nothing (its copy is pushed again).
 *
 * <p>Under the NATS profile a queue is a stream and its durable pull consumer: {@code ack_wait}
 * works as the visibility timeout, and the ack of any delivery acks the message ({@link NatsRedeliveries}:
 * a copy nobody took goes, one a consumer holds is a duplicate), a nak redelivers at
 * once or after its delay, {@code max_deliver} ends the deliveries (to the dead-letter wire, standing
 * for a listener of the max-deliveries advisory, or dropped), {@code max_msgs} counts every message
 * held, discard old drops instead of dead-lettering, and {@code Nats-Msg-Id} repeats within 2 minutes
 * are removed. With limits retention the acked messages stay and count ({@link RetainedMessages}).
 *
 * <p>Under the MQTT profile a queue is one subscription's session ({@link MqttSession}). Each
 * message is delivered at the lower of its publish QoS and the subscription's: a QoS 0 delivery is
 * not acknowledged (a crash loses it), QoS 1 comes again after a crash or disconnect and counts as
 * redelivered (a duplicate), and QoS 2 comes again too but is not a duplicate: the QoS 2 handshake
 * makes the repeat the same delivery (MQTT 3.1.1 section 4.3.3).
 */
public class QueueEntity extends Entity {
    static final int DELAYED_READY = 1;
    static final int REDELIVER = 2;
    static final int EXPIRE_CHECK = 3;
    static final int REAP = 4;
    static final int VISIBLE = 5;
    static final int RETRY = 6;
    /** SQS FIFO: a send token is back, so the sources throttled here try again. */
    static final int UNTHROTTLED = 7;
    /** Pub/Sub push: the push back-off may have ended. */
    static final int PUSH_RESUME = 8;
    /**
     * How far a FIFO queue looks past messages of groups in flight for one to deliver: SQS looks at
     * the first 20,000 (Amazon SQS Developer Guide, "Avoid having a large backlog of messages with
     * the same message group ID"), so a group behind them waits even when it is free.
     */
    static final int MAX_FIFO_SCAN = 20_000;

    private QueueSettings settings;
    private QueueRules rules;
    private MessageDeque[] levels;
    private int maxPriority;
    private long ready;
    private long unacked;
    protected long scheduled;
    private long nextQueueSeq;

    private Subscriber[] subscribers = new Subscriber[0];
    private Link[] subscriberLinks = new Link[0];
    private int roundRobin;
    private Link deadLetterLink;
    /** The expiry address, where the profile's rules use one; null: expired messages are dead-lettered. */
    private Link expiredLink;
    private boolean reapScheduled;
    /** Sources waiting for room (block), in the order they blocked. */
    private final List<SourceEntity> blockedSources = new ArrayList<>();
    /** SQS FIFO's send quota; null for other queues. */
    private SqsSendQuota sendQuota;
    /** Whether an {@link #UNTHROTTLED} event is due. */
    private boolean unthrottleDue;

    private double ttl;
    /** SQS FIFO: messages of each group received and neither deleted nor visible again. */
    private final Map<String, Integer> groupsInFlight = new HashMap<>();
    /** SQS FIFO's and NATS's deduplication; null for other queues. */
    private DeduplicationWindow deduplication;
    /** NATS limits retention: the acked messages the stream still holds; null otherwise. */
    private final RetainedMessages retained;
    private long expiryGeneration;
    private double expiryAt = Double.POSITIVE_INFINITY;
    /** MQTT: the session this queue stands for; null under other profiles. */
    private final MqttSession session;
    /**
     * SQS, and a Pub/Sub subscription without exactly-once delivery: the copy each message still being
     * processed was made visible again as, by that message, until the message is over, so a late ack
     * can remove a copy not delivered again yet; under NATS too, where a copy delivered and held in its turn
     * may have a copy of its own; null under other profiles. At most one per message in flight.
     */
    private final java.util.IdentityHashMap<Message, Message> visibleCopies;
    /** NATS: the messages delivered again while an earlier delivery is held, and whether one was acked; else null. */
    private final NatsRedeliveries redeliveries;
    /** Pub/Sub at-least-once: the copies in {@link #visibleCopies} waiting out a retry back-off; null otherwise. */
    private final java.util.Set<Message> backingOff;
    /** Pub/Sub push subscription: pushes wait out {@link #pushHeldUntil} after failed answers. */
    private final boolean push;
    /** Pub/Sub push: failed answers since the last success. */
    private int pushFailures;
    /** Pub/Sub push: the time before which nothing is pushed. */
    private double pushHeldUntil = Double.NEGATIVE_INFINITY;

    public QueueEntity(World world, Node node) {
        super(world, node);
        this.settings = (QueueSettings) node;
        this.rules = QueueRules.of(world.broker(), settings);
        this.maxPriority = rules.maxPriority();
        this.levels = new MessageDeque[maxPriority + 1];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new MessageDeque();
        }
        this.ttl = rules.ttlSeconds();
        this.deduplication = world.broker() == Broker.NATS ? DeduplicationWindow.nats()
                : rules.fifo() && rules.ordering().deduplicates() ? DeduplicationWindow.sqs() : null;
        this.retained = world.broker() == Broker.NATS && NatsLimits.limitsRetention(settings) ? new RetainedMessages() : null;
        this.sendQuota = sqsFifo() ? new SqsSendQuota() : null;
        this.session = world.broker() == Broker.MQTT ? new MqttSession(settings.durable()) : null;
        this.push = world.broker() == Broker.PUBSUB && PubSubLimits.push(settings);
        // A push request's answer after its timeout (the ack deadline) is lost, as exactly-once's late ack fails.
        // NATS acks a message still pending by its stream sequence, whichever delivery's ack it is.
        boolean lateAckDeletes = world.broker() == Broker.SQS || world.broker() == Broker.NATS
                || world.broker() == Broker.PUBSUB && !settings.exactlyOnce() && !push;
        this.visibleCopies = lateAckDeletes ? new java.util.IdentityHashMap<>() : null;
        this.redeliveries = world.broker() == Broker.NATS ? new NatsRedeliveries() : null;
        this.backingOff = lateAckDeletes && (world.broker() == Broker.PUBSUB || world.broker() == Broker.NATS)
                ? java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()) : null;
    }

    static double seconds(Duration d) {
        return d == null ? 0 : d.toNanos() / 1e9;
    }

    @Override
    protected void start() {
        for (Link l : outs(Port.OUT)) {
            if (l.to() instanceof Subscriber s) {
                addSubscriber(s, l);
            }
        }
        List<Link> dl = outs(Port.DEAD_LETTER);
        deadLetterLink = dl.isEmpty() ? null : dl.getFirst();
        List<Link> expired = outs(Port.EXPIRED);
        expiredLink = expired.isEmpty() || !rules.expiryWire() ? null : expired.getFirst();
    }

    /** Adds a subscriber; {@code link} is null for one that is not wired (a source awaiting replies). */
    void addSubscriber(Subscriber s, Link link) {
        int n = subscribers.length;
        subscribers = java.util.Arrays.copyOf(subscribers, n + 1);
        subscriberLinks = java.util.Arrays.copyOf(subscriberLinks, n + 1);
        subscribers[n] = s;
        subscriberLinks[n] = link;
    }

    boolean hasWiredSubscribers() {
        for (Link l : subscriberLinks) {
            if (l != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean offer(Message m, Link via) {
        if (sendQuota != null && m.deaths == null) {
            // A send (a redrive moves a message, it is not sent); a source's sends at one instant are batched.
            sendQuota.take(world.now(), batchingSender(via), SqsSendBatch.bodyBytes(m.size));
        }
        m.deliveryCount = 0;
        m.deliveredBy = null;
        m.unacked = false;
        m.visibleAgain = false;
        if (session != null) {
            // Through a subscription its QoS is capped by the subscription's; sent straight here, it keeps its own.
            int subscription = via != null && via.from() instanceof TopicEntity ? MqttHeaders.qos(via.headers()) : 2;
            m.qos = Math.min(MqttHeaders.qos(m.headers), subscription);
            String refusal = session.refusal(m.qos);
            if (refusal != null) {
                world.drop(m, this, refusal);
                return true;
            }
        }
        // A message that was dead-lettered is moved, not sent, so it is not deduplicated.
        if (deduplication != null && m.deaths == null && deduplication.duplicate(m, world.now())) {
            world.filter(m, this, "duplicate within the " + deduplication.describe() + " deduplication window");
            return true;
        }
        double delay = m.delay >= 0 ? m.delay : seconds(settings.deliveryDelay());
        if (delay > 0) {
            stats.in++;
            scheduled++;
            m.generation++;
            world.kernel().schedule(delay, this, DELAYED_READY, m, m.generation);
            if (world.watched(m)) {
                world.hop(m, this, "scheduled", "delivery delay " + delay + "s");
            }
            return true;
        }
        return publish(m, true);
    }

    /** A message arrives at the ready list: the overflow policy applies. False when refused. */
    private boolean publish(Message m, boolean countIn) {
        Integer max = settings.maxLength();
        Overflow overflow = settings.overflow();
        // Page keeps everything beyond the limit; block has held its sources back already.
        if (max != null && held() >= max && overflow != Overflow.PAGE && overflow != Overflow.BLOCK) {
            if (overflow == Overflow.DROP_NEW) {
                // Artemis's DROP: the producer is not told, so a publish with confirms is confirmed.
                world.drop(m, this, "queue full (drop-new)");
                return true;
            }
            if (overflow == Overflow.REJECT_PUBLISH) {
                world.refusePublish();
                if (world.watched(m)) {
                    world.hop(m, this, "rejected", "queue full (reject-publish)");
                }
                return false;
            }
            if (countIn) {
                stats.in++;
            }
            if (overflow == Overflow.REJECT_PUBLISH_DLX) {
                // RabbitMQ both dead-letters the message and nacks the publish.
                world.refusePublish();
                deadLetter(m, "maxlen");
                return true;
            }
            // A limits stream discards its acked messages first: they are its oldest while consumers keep up.
            while (held() >= max) {
                if (retained != null && retained.discardOldest()) {
                    continue;
                }
                if (ready == 0) {
                    break;
                }
                deadLetter(removeOldest(), "maxlen");
            }
        } else if (countIn) {
            stats.in++;
        }
        m.enqueuedAt = world.now();
        m.queueSeq = nextQueueSeq++;
        levels[level(m)].addLast(m);
        setReady(ready + 1);
        armExpiry(m);
        armReaper(m);
        if (world.watched(m)) {
            world.hop(m, this, "enqueued", "");
        }
        dispatch();
        // RabbitMQ checks the length after enqueue and dispatch: with max length 0 a message no
        // consumer took at once is dropped (or dead-lettered) now. Above 0 the trim above already
        // left room, so this never fires.
        if (max != null && settings.overflow() == Overflow.DROP_HEAD) {
            while (ready > max) {
                deadLetter(removeOldest(), "maxlen");
            }
        }
        return true;
    }

    /** What the maximum length counts: ready messages, or under Artemis and NATS every message held. */
    private long held() {
        long held = rules.countsUnacked() ? ready + unacked : ready;
        return retained == null ? held : held + retained.count(world.now(), ttl);
    }

    /**
     * True when a source must wait before it publishes here: the queue blocks when full, and is
     * full, or an SQS FIFO queue's next call would be throttled.
     */
    boolean blocksPublishers() {
        return full() || sendQuota != null && sendQuota.throttled(world.now());
    }

    /** As {@link #blocksPublishers()} for {@code m} sent by {@code via}: a message joining an open SQS batch needs no call. */
    private boolean blocksPublishers(Message m, Link via) {
        return full() || sendQuota != null
                && sendQuota.throttled(world.now(), batchingSender(via), SqsSendBatch.bodyBytes(m.size));
    }

    private boolean full() {
        Integer max = settings.maxLength();
        return max != null && settings.overflow() == Overflow.BLOCK && held() >= max;
    }

    /** The source sending straight here (it batches what is due at one instant, as the live source does), or null. */
    private static Object batchingSender(Link via) {
        return via != null && via.from() instanceof SourceEntity s ? s : null;
    }

    /** Under SQS a FIFO queue; its sends are throttled (Pub/Sub's ordered subscriptions share the flag, not the quota). */
    private boolean sqsFifo() {
        return world.broker() == Broker.SQS && rules.fifo();
    }

    /** When sources wait on the send quota: an event once a token is back. */
    private void armUnthrottle() {
        if (sendQuota != null && !unthrottleDue && !blockedSources.isEmpty() && sendQuota.throttled(world.now())) {
            unthrottleDue = true;
            world.kernel().schedule(sendQuota.untilFree(world.now()), this, UNTHROTTLED, null, 0);
        }
    }

    @Override
    QueueEntity blockingQueue(Message m, Link via, int hops) {
        return blocksPublishers(m, via) ? this : null;
    }

    /** {@code source} waits for this queue to have room; it is told once, in the order sources blocked. */
    void waitForRoom(SourceEntity source) {
        if (!blockedSources.contains(source)) {
            blockedSources.add(source);
        }
        armUnthrottle();
    }

    /** Called after messages may have left: once there is room, every blocked source tries again. */
    private void wakeBlockedSources() {
        if (blockedSources.isEmpty() || blocksPublishers()) {
            return;
        }
        List<SourceEntity> waiting = List.copyOf(blockedSources);
        blockedSources.clear();
        for (SourceEntity s : waiting) {
            s.roomFreed();
        }
    }

    /** Records the wait from ready to a consumer starting {@code m}, by priority where the queue has them. */
    void recordWaitToStart(Message m, double seconds) {
        stats.recordWaitToStart(seconds, level(m), maxPriority);
    }

    private int level(Message m) {
        return maxPriority == 0 ? 0 : Math.min(Math.max(m.priority, 0), maxPriority);
    }

    private void setReady(long n) {
        ready = n;
        stats.readyChanged(world.now(), n);
    }

    private Message removeHighest() {
        for (int i = levels.length - 1; i >= 0; i--) {
            if (!levels[i].isEmpty()) {
                setReady(ready - 1);
                return pollHead(levels[i]);
            }
        }
        throw new IllegalStateException("queue " + id + " counts " + ready + " ready messages but holds none");
    }

    /** Drop-head takes the oldest message of the lowest priority. */
    private Message removeOldest() {
        for (MessageDeque level : levels) {
            if (!level.isEmpty()) {
                setReady(ready - 1);
                return pollHead(level);
            }
        }
        throw new IllegalStateException("queue " + id + " counts " + ready + " ready messages but holds none");
    }

    /**
     * Takes the head of {@code level}. A message behind it with a TTL of its own may expire sooner
     * than anything the queue's timer waits for, so its expiry is armed now that it is the head.
     */
    private Message pollHead(MessageDeque level) {
        Message head = level.pollFirst();
        Message next = level.peekFirst();
        if (next != null && next.ttl > 0) {
            armExpiry(next);
        }
        return head;
    }

    /** Delivers ready messages while some subscriber can take one. */
    public void dispatch() {
        deliverReady();
        wakeBlockedSources();
    }

    private void deliverReady() {
        if (push && world.now() < pushHeldUntil) {
            return; // the push back-off: PUSH_RESUME dispatches when it ends
        }
        while (ready > 0) {
            int at = rules.fifo() ? firstOfIdleGroup() : 0;
            if (at < 0) {
                return;
            }
            int i = pickSubscriber();
            if (i < 0) {
                return;
            }
            Message m = rules.fifo() ? takeAt(at) : removeHighest();
            // Only messages with their own TTL: at the queue's TTL alone the timer has already expired them.
            if (m.ttl > 0 && expiryOf(m) <= world.now()) {
                deadLetter(m, "expired");
                continue;
            }
            deliver(i, m);
        }
    }

    /** The position of the first ready message whose group has none in flight, or -1 (FIFO queues have one level). */
    private int firstOfIdleGroup() {
        if (groupsInFlight.isEmpty()) {
            return 0;
        }
        MessageDeque level = levels[0];
        for (int i = 0, n = Math.min(level.size(), MAX_FIFO_SCAN); i < n; i++) {
            String key = groupOf(level.get(i));
            if (key == null || !groupsInFlight.containsKey(key)) {
                return i;
            }
        }
        return -1;
    }

    private Message takeAt(int at) {
        if (at == 0) {
            return removeHighest();
        }
        setReady(ready - 1);
        return levels[0].removeAt(at);
    }

    /** The group or ordering key {@code m} is ordered within; null for one that is not ordered. */
    private String groupOf(Message m) {
        return rules.ordering().keyOf(m);
    }

    private void holdGroup(Message m) {
        String key = rules.fifo() ? groupOf(m) : null;
        if (key != null) {
            groupsInFlight.merge(key, 1, Integer::sum);
        }
    }

    private void releaseGroup(Message m) {
        String key = rules.fifo() ? groupOf(m) : null;
        if (key != null) {
            groupsInFlight.computeIfPresent(key, (g, n) -> n == 1 ? null : n - 1);
        }
    }

    private int pickSubscriber() {
        int n = subscribers.length;
        if (n == 0) {
            return -1;
        }
        if (settings.singleActiveConsumer()) {
            // The first subscriber with a live instance is the active one; the others wait.
            for (int i = 0; i < n; i++) {
                if (subscribers[i].alive()) {
                    return subscribers[i].canTake(true) ? i : -1;
                }
            }
            return -1;
        }
        if (n == 1) {
            return subscribers[0].canTake(false) ? 0 : -1;
        }
        for (int k = 0; k < n; k++) {
            int i = (roundRobin + k) % n;
            if (subscribers[i].hasIdle(false)) {
                roundRobin = (i + 1) % n;
                return i;
            }
        }
        for (int k = 0; k < n; k++) {
            int i = (roundRobin + k) % n;
            if (subscribers[i].canTake(false)) {
                roundRobin = (i + 1) % n;
                return i;
            }
        }
        return -1;
    }

    private void deliver(int i, Message m) {
        Subscriber s = subscribers[i];
        m.deliveryCount++;
        // Under MQTT a QoS 2 message sent again is still its one delivery (see the class comment).
        boolean redelivery = m.deliveryCount > 1 && (session == null || m.qos == 1);
        if (redelivery) {
            stats.redelivered++;
        } else if (m.deliveryCount == 1) {
            stats.timeInNode.record(world.now() - m.enqueuedAt);
        }
        stats.out++;
        m.deliveredBy = this;
        m.generation++;
        if (!s.autoAck() && (session == null || m.qos > 0)) {
            unacked++;
            m.unacked = true;
            if (redeliveries != null) {
                redeliveries.delivered(m.queueSeq);
            }
        }
        Link link = subscriberLinks[i];
        if (link != null) {
            link.counters().cross(redelivery ? EdgeCounters.REDELIVERED : EdgeCounters.OK);
        }
        if (world.watched(m)) {
            world.hop(m, this, "delivered", link == null ? "reply listener" : link.to().nodeId(), " delivery ",
                    m.deliveryCount);
        }
        boolean hides = rules.visibilitySeconds() >= 0 && m.unacked;
        if (hides) {
            holdGroup(m);
            world.kernel().schedule(rules.visibilitySeconds(), this, VISIBLE, m, m.generation);
        }
        s.deliver(m, this, settings.singleActiveConsumer());
    }

    /** MQTT: true while this subscription's session is there to route to (always under other profiles). */
    boolean mqttSubscribed() {
        return session == null || session.subscribed;
    }

    /**
     * MQTT: a subscriber's instances went down or came up. When the last one goes, a clean session
     * ends and what it holds is discarded; when one comes back to an ended session, it subscribes
     * again and gets the retained messages first.
     */
    void subscribersChanged() {
        if (session == null) {
            return;
        }
        boolean connected = subscribers.length == 0;
        for (Subscriber s : subscribers) {
            connected |= s.alive();
        }
        if (connected == session.connected) {
            return;
        }
        session.connected = connected;
        if (!connected && !session.persistent) {
            session.subscribed = false;
            while (ready > 0) {
                Message m = removeHighest();
                m.deliveredBy = null;
                world.drop(m, this, "session ended: the client disconnected with a clean start");
            }
        } else if (connected && !session.subscribed) {
            session.subscribed = true;
            for (Link l : ins) {
                if (l.from() instanceof TopicEntity topic) {
                    topic.subscriptionStarted(l);
                }
            }
        }
    }

    /**
     * The consumer acknowledged {@code m}: it leaves the queue.
     *
     * @return whether the ack completed the message; false only under NATS, for a delivery whose message
     *         another delivery's ack acked already (a duplicate, whose ack the server ignores)
     */
    public boolean ack(Message m) {
        if (redeliveries != null) {
            return natsAck(m);
        }
        if (push && !m.visibleAgain) {
            pushFailures = 0; // a success answer ends the push back-off's growth
        }
        if (visibleCopies != null) {
            Message copy = visibleCopies.remove(m);
            if (copy != null) {
                deleteIfNotReceived(copy);
            }
        } else if (m.visibleAgain && rules.retry() != null && world.watched(m)) {
            // Exactly-once: the ack ID of an expired ack deadline is invalid; the copy is delivered again.
            world.hop(m, this, "ack failed", "the ack deadline of delivery " + m.deliveryCount
                    + " had expired (exactly-once delivery)");
        }
        if (retained != null && !m.visibleAgain) {
            retained.keep(m.enqueuedAt);
        }
        settle(m);
        return true;
    }

    /**
     * NATS: an ack names the stream sequence, so whichever delivery it comes from it acks the message
     * and the server delivers it no more: of the deliveries made after this one, a copy waiting to go
     * out is deleted and one a consumer holds is still processed, but its {@code ack_wait} no longer
     * runs and its ack does nothing, as this one's does when another delivery's ack came first.
     */
    private boolean natsAck(Message m) {
        boolean first = redeliveries.ack(m.queueSeq);
        if (first) {
            for (Message later = visibleCopies.remove(m); later != null; later = visibleCopies.remove(later)) {
                if (later.unacked) {
                    later.visibleAgain = true;
                    later.generation++; // its VISIBLE event no longer applies
                } else if (later.deliveredBy == this) {
                    // Given back by a crash and hidden until its ack_wait ends: that no longer comes.
                    scheduled--;
                    later.generation++;
                    later.deliveredBy = null;
                    world.filter(later, this, "acked by an earlier delivery while it waited out its ack_wait");
                    wakeBlockedSources();
                } else {
                    deleteIfNotReceived(later);
                }
            }
            if (retained != null) {
                retained.keep(m.enqueuedAt);
            }
        } else {
            forgetCopy(m);
        }
        settle(m);
        return first;
    }

    /**
     * SQS: a late delete (after the visibility timeout ended) with the receipt handle of the first
     * receive deletes the message when nobody has received it since, as that receipt is still the
     * latest; so its copy, still waiting visible, goes. One received again stays (that delete is
     * refused), as does one already redriven. Pub/Sub at-least-once: a late ack "may succeed" (REST
     * reference, {@code subscriptions.acknowledge}); the engine lets it remove a copy not delivered
     * again yet, waiting ready or out its retry back-off.
     */
    private void deleteIfNotReceived(Message copy) {
        if (backingOff != null && backingOff.remove(copy)) {
            scheduled--;
            copy.generation++; // its RETRY event no longer applies
            releaseGroup(copy);
            world.filter(copy, this, "acked late with the first delivery's ack ID, not delivered again");
            wakeBlockedSources();
            return;
        }
        boolean[] waiting = {false};
        for (MessageDeque level : levels) {
            level.removeIf(x -> x == copy, x -> waiting[0] = true);
            if (waiting[0]) {
                setReady(ready - 1);
                world.filter(copy, this, "deleted late with the first receive's receipt, not received again");
                wakeBlockedSources();
                return;
            }
        }
    }

    /** {@code m} leaves the queue without being requeued or dead-lettered (acked, or rejected and dropped by the caller). */
    public void settle(Message m) {
        if (m.unacked) {
            unhold(m);
            if (!m.visibleAgain) {
                releaseGroup(m);
            }
        }
        m.visibleAgain = false;
        m.deliveredBy = null;
        wakeBlockedSources();
    }

    /** Negative acknowledgement with requeue, or a consumer crash: back to the queue, or dead-lettered at the delivery limit. */
    public void requeue(Message m) {
        if (rules.retry() != null) {
            nack(m);
            return;
        }
        if (rules.visibilitySeconds() >= 0) {
            hideUntilVisible(m);
            return;
        }
        settle(m);
        if (world.watched(m)) {
            world.hop(m, this, "nacked", "requeue after delivery " + m.deliveryCount);
        }
        int limit = deliveriesAllowed();
        if (limit > 0 && m.deliveryCount >= limit) {
            deadLetter(m, "delivery_limit");
            return;
        }
        double delay = redeliveryDelay(m.deliveryCount);
        if (delay > 0) {
            scheduled++;
            m.generation++;
            world.kernel().schedule(delay, this, REDELIVER, m, m.generation);
            if (world.watched(m)) {
                world.hop(m, this, "redelivery-delay", delay + "s");
            }
            return;
        }
        requeueReady(m);
        dispatch();
    }

    /**
     * The consumer holding {@code m} crashed or was removed: back to the queue as a nack would, except
     * where the visibility timeout or ack deadline decides (SQS, Pub/Sub): then it waits for that to end.
     */
    public void abandon(Message m) {
        if (rules.visibilitySeconds() >= 0) {
            hideUntilVisible(m);
        } else {
            requeue(m);
        }
    }

    /**
     * Pub/Sub: a nack ends the ack deadline now; the message is delivered again at once or after the
     * retry policy's back-off, or forwarded to the dead-letter topic after maxDeliveryAttempts.
     */
    private void nack(Message m) {
        if (m.visibleAgain) {
            forgetCopy(m);
            settle(m);
            world.filter(m, this, "a copy already delivered again (ack deadline)");
            return;
        }
        pushFailed();
        unhold(m);
        m.deliveredBy = null;
        m.generation++; // its ack deadline no longer runs
        if (world.watched(m)) {
            world.hop(m, this, "nacked", "after delivery " + m.deliveryCount);
        }
        releaseGroup(m);
        visibleOrRedriven(m);
    }

    /** The instances of subscriber {@code s} changed (a crash, a restore, a new count); only a Kafka topic cares. */
    void membersChanged(Subscriber s) {
    }

    /** Instance {@code member} of subscriber {@code s} crashed; a Kafka topic notices it only after a session timeout. */
    void memberCrashed(Subscriber s, int member) {
        membersChanged(s);
    }

    /** Instance {@code member} of subscriber {@code s} is back after a crash. */
    void memberRestored(Subscriber s, int member) {
        membersChanged(s);
    }

    /** Reject without requeue: dead-letter with reason {@code rejected}. */
    public void rejectToDeadLetter(Message m) {
        if (m.visibleAgain) {
            forgetCopy(m);
            settle(m);
            world.filter(m, this, "a copy already visible again (visibility timeout)");
            return;
        }
        settle(m);
        deadLetter(m, "rejected");
    }

    /**
     * SQS: a message not deleted (failed, or its consumer crashed) stays hidden until its visibility
     * timeout ends, when the {@link #VISIBLE} event scheduled at its receive brings it back. A copy
     * whose timeout already ended is visible in the queue again, so this one just goes.
     */
    private void hideUntilVisible(Message m) {
        forgetCopy(m);
        if (m.visibleAgain) {
            settle(m);
            world.filter(m, this, "a copy already visible again (visibility timeout)");
            return;
        }
        // Still hidden and still this queue's (deliveredBy stays), but no consumer holds it now.
        unhold(m);
        scheduled++;
        if (world.watched(m)) {
            world.hop(m, this, "not deleted", "visible again when the visibility timeout of receive "
                    + m.deliveryCount + " ends");
        }
        wakeBlockedSources();
    }

    /**
     * Pub/Sub push: a nack or a request that timed out pauses all pushes of this subscription for
     * 100 ms x 2^(failures - 1), at most 60 s. Google documents the range and that the growth is
     * exponential, not the factor; the engine doubles.
     */
    private void pushFailed() {
        if (!push) {
            return;
        }
        pushFailures = Math.min(pushFailures + 1, 64);
        double pause = Math.min(seconds(PubSubLimits.MAX_PUSH_BACKOFF),
                seconds(PubSubLimits.MIN_PUSH_BACKOFF) * Math.pow(2, pushFailures - 1));
        double until = world.now() + pause;
        if (until > pushHeldUntil) {
            pushHeldUntil = until;
            world.kernel().scheduleAt(until, this, PUSH_RESUME, null, 0);
        }
    }

    /** No consumer holds {@code m} any more. */
    private void unhold(Message m) {
        unacked--;
        m.unacked = false;
        if (redeliveries != null) {
            redeliveries.released(m.queueSeq);
        }
    }

    /** {@code m} ends without an ack: its copy, visible again, stays, as nothing deletes it. */
    private void forgetCopy(Message m) {
        if (visibleCopies != null) {
            visibleCopies.remove(m);
        }
    }

    /** The visibility timeout of {@code m}'s receive ended. */
    private void visibilityEnded(Message m) {
        pushFailed();
        if (m.unacked) {
            // Its consumer is still at it: the message is visible again, as a copy, and is received twice.
            m.visibleAgain = true;
            releaseGroup(m);
            Message again = world.copy(m, this);
            again.deliveryCount = m.deliveryCount;
            again.queueSeq = m.queueSeq;
            again.enqueuedAt = m.enqueuedAt;
            if (world.watched(again)) {
                world.hop(again, this, "visible again", "visibility timeout ended while message " + m.id
                        + " was being processed");
            }
            if (visibleCopies != null) {
                visibleCopies.put(m, again);
            }
            if (redeliveries != null) {
                redeliveries.redelivering(m.queueSeq);
            }
            if (visibleOrRedriven(again) && backingOff != null) {
                backingOff.add(again);
            }
        } else {
            scheduled--;
            m.deliveredBy = null;
            releaseGroup(m);
            visibleOrRedriven(m);
        }
    }

    /**
     * Back among the ready messages at its old place, or, after maxReceiveCount receives
     * (maxDeliveryAttempts), to the dead-letter queue. Under a Pub/Sub retry policy with a back-off it
     * waits first, and its ordering key stays blocked meanwhile.
     *
     * @return whether it waits out a back-off
     */
    private boolean visibleOrRedriven(Message m) {
        int limit = deliveriesAllowed();
        double backoff = rules.retry() == null ? 0 : rules.retry().delayAfter(m.deliveryCount);
        boolean waits = false;
        if (limit > 0 && m.deliveryCount >= limit) {
            deadLetter(m, "delivery_limit");
        } else if (backoff > 0) {
            waits = true;
            holdGroup(m);
            scheduled++;
            m.generation++;
            world.kernel().schedule(backoff, this, RETRY, m, m.generation);
            if (world.watched(m)) {
                world.hop(m, this, "retry back-off", backoff + "s");
            }
        } else {
            requeueReady(m);
        }
        dispatch();
        return waits;
    }

    /**
     * The delivery limit in force: the rules', or under Pub/Sub, for a subscription with a dead-letter
     * topic and no maxDeliveryAttempts, the dead-letter policy's default of 5.
     */
    private int deliveriesAllowed() {
        if (rules.deliveriesAllowed() == 0 && world.broker() == Broker.PUBSUB && deadLetterLink != null) {
            return PubSubLimits.MIN_DELIVERY_ATTEMPTS;
        }
        return rules.deliveriesAllowed();
    }

    private double redeliveryDelay(int deliveries) {
        double base = seconds(settings.redeliveryDelay());
        if (base <= 0 || !rules.delaysRedelivery()) {
            return 0;
        }
        double d = base * Math.pow(settings.redeliveryMultiplier(), Math.max(0, deliveries - 1));
        double cap = seconds(settings.maxRedeliveryDelay());
        return cap > 0 ? Math.min(d, cap) : d;
    }

    private void requeueReady(Message m) {
        if (rules.requeueToBack()) {
            m.queueSeq = nextQueueSeq++;
            levels[level(m)].addLast(m);
        } else {
            levels[level(m)].insertSorted(m);
        }
        setReady(ready + 1);
        armExpiry(m);
        armReaper(m);
        if (world.watched(m)) {
            world.hop(m, this, "requeued", rules.requeueToBack() ? "to the back" : "back to position " + m.queueSeq);
        }
    }

    /**
     * Dead-letters {@code m}, which this queue no longer counts, to the dead-letter wire; without
     * one it is dropped (or expired). An expired message takes the expiry address instead where
     * the queue has one.
     */
    protected void deadLetter(Message m, String reason) {
        boolean expiry = reason.equals("expired");
        m.ttl = -1;
        m.delay = -1;
        if (expiry && rules.expiryDeletes()) {
            world.expire(m, this);
            return;
        }
        if (world.broker() == Broker.NATS && (reason.equals("maxlen") || deadLetterLink == null)) {
            // JetStream has no dead-letter queue: discard old deletes; at max_deliver the message stays
            // in the stream, never delivered again, and the server publishes the max-deliveries advisory.
            world.drop(m, this, reason.equals("maxlen") ? "discarded (discard old, max_msgs)"
                    : "max_deliver reached: not delivered again (max-deliveries advisory), no dead-letter target");
            return;
        }
        if (expiry && expiredLink != null) {
            stats.expired++;
            long count = m.addDeath(reason, id, world.now());
            if (world.watched(m)) {
                world.hop(m, this, "expired", "to the expiry address " + expiredLink.to().nodeId() + " count=" + count);
            }
            if (!expiredLink.send(m, EdgeCounters.EXPIRED)) {
                world.drop(m, expiredLink.to(), "refused");
            }
            return;
        }
        if (deadLetterLink == null) {
            if (expiry) {
                world.expire(m, this);
            } else {
                world.drop(m, this, reason + ", no dead-letter target");
            }
            return;
        }
        stats.deadLettered++;
        if (expiry) {
            stats.expired++;
        }
        long count = m.addDeath(reason, id, world.now());
        if (world.watched(m)) {
            world.hop(m, this, "dead-lettered", "reason=" + reason + " queue=" + id + " count=" + count);
        }
        if (!deadLetterLink.send(m, expiry ? EdgeCounters.EXPIRED : EdgeCounters.DEAD_LETTERED)) {
            world.drop(m, deadLetterLink.to(), "refused");
        }
    }

    /** When {@code m} expires in this queue: the lower of the queue's TTL and its own; +Infinity for never. */
    private double expiryOf(Message m) {
        double life = m.ttl > 0 && rules.ownTtlWins() ? m.ttl
                : ttl > 0 ? (m.ttl > 0 ? Math.min(ttl, m.ttl) : ttl) : m.ttl;
        return life > 0 ? m.enqueuedAt + life : Double.POSITIVE_INFINITY;
    }

    private void armExpiry(Message m) {
        double at = expiryOf(m);
        if (at < expiryAt) {
            expiryAt = at;
            world.kernel().scheduleAt(at, this, EXPIRE_CHECK, null, ++expiryGeneration);
        }
    }

    /**
     * Where the rules reap expired messages wherever they are (Artemis), makes sure a reap is due
     * for {@code m}: at the next multiple of the period, as the broker's scanner runs from its start.
     */
    private void armReaper(Message m) {
        double period = rules.reapEverySeconds();
        if (period <= 0 || reapScheduled || expiryOf(m) == Double.POSITIVE_INFINITY) {
            return;
        }
        reapScheduled = true;
        world.kernel().scheduleAt((Math.floor(world.now() / period) + 1) * period, this, REAP, null, 0);
    }

    /** The expiry reaper's pass: every ready message whose time ran out goes, from anywhere in the queue. */
    private void reap() {
        reapScheduled = false;
        double now = world.now();
        List<Message> expired = new ArrayList<>();
        boolean more = false;
        for (MessageDeque level : levels) {
            level.removeIf(m -> expiryOf(m) <= now, expired::add);
            for (int i = 0; i < level.size() && !more; i++) {
                more = expiryOf(level.get(i)) < Double.POSITIVE_INFINITY;
            }
            Message head = level.peekFirst();
            if (head != null && head.ttl > 0) {
                armExpiry(head);
            }
        }
        setReady(ready - expired.size());
        for (Message m : expired) {
            deadLetter(m, "expired");
        }
        wakeBlockedSources();
        if (more) {
            double period = rules.reapEverySeconds();
            reapScheduled = true;
            world.kernel().scheduleAt((Math.floor(now / period) + 1) * period, this, REAP, null, 0);
        }
    }

    private void expireHeads() {
        expiryAt = Double.POSITIVE_INFINITY;
        double now = world.now();
        double next = Double.POSITIVE_INFINITY;
        for (MessageDeque level : levels) {
            Message head;
            while ((head = level.peekFirst()) != null && expiryOf(head) <= now) {
                level.pollFirst();
                setReady(ready - 1);
                deadLetter(head, "expired");
            }
            if (head != null) {
                next = Math.min(next, expiryOf(head));
            }
        }
        if (next < Double.POSITIVE_INFINITY) {
            expiryAt = next;
            world.kernel().scheduleAt(next, this, EXPIRE_CHECK, null, ++expiryGeneration);
        }
        wakeBlockedSources();
    }

    @Override
    public void handle(int type, Object subject, long arg) {
        switch (type) {
            case UNTHROTTLED -> {
                unthrottleDue = false;
                wakeBlockedSources();
                armUnthrottle();
            }
            case DELAYED_READY, REDELIVER -> {
                Message m = (Message) subject;
                if (m.generation != arg) {
                    return;
                }
                scheduled--;
                if (type == DELAYED_READY) {
                    if (!publish(m, false)) {
                        world.drop(m, this, "queue full (reject-publish)");
                    }
                } else {
                    requeueReady(m);
                    dispatch();
                }
            }
            case EXPIRE_CHECK -> {
                if (arg == expiryGeneration) {
                    expireHeads();
                }
            }
            case REAP -> reap();
            case RETRY -> {
                Message m = (Message) subject;
                if (m.generation == arg) {
                    if (backingOff != null) {
                        backingOff.remove(m);
                    }
                    scheduled--;
                    releaseGroup(m);
                    requeueReady(m);
                    dispatch();
                }
            }
            case PUSH_RESUME -> {
                if (world.now() >= pushHeldUntil) {
                    dispatch();
                }
            }
            case VISIBLE -> {
                Message m = (Message) subject;
                // Ignored once the message was deleted, moved on, or received again since.
                if (m.generation == arg && m.deliveredBy == this) {
                    visibilityEnded(m);
                }
            }
            default -> handleOther(type, subject, arg);
        }
    }

    protected void handleOther(int type, Object subject, long arg) {
        throw new IllegalStateException("queue " + id + " got unknown event " + type);
    }

    @Override
    public String eventName(int type) {
        return switch (type) {
            case DELAYED_READY -> "delay-done";
            case REDELIVER -> "redeliver";
            case EXPIRE_CHECK -> "expire";
            case REAP -> "reap";
            case VISIBLE -> "visible";
            case RETRY -> "retry";
            case PUSH_RESUME -> "push-resume";
            case UNTHROTTLED -> "unthrottled";
            default -> "event-" + type;
        };
    }

    public long ready() {
        return ready;
    }

    public long unacked() {
        return unacked;
    }

    public long scheduled() {
        return scheduled;
    }

    @Override
    public long waitingCount() {
        return ready + scheduled;
    }

    @Override
    public long inFlightCount() {
        return unacked;
    }

    @Override
    public void updateGauges() {
        stats.ready = ready;
        stats.unacked = unacked;
        stats.scheduled = scheduled;
        stats.inFlight = 0;
    }

    /** Up to {@code limit} ready messages, in the order they would be delivered. */
    public List<MessageView> peek(int limit) {
        List<MessageView> list = new ArrayList<>();
        for (int l = levels.length - 1; l >= 0 && list.size() < limit; l--) {
            MessageDeque level = levels[l];
            for (int i = 0; i < level.size() && list.size() < limit; i++) {
                Message m = level.get(i);
                list.add(new MessageView(m.id, m.originId, "ready", m.priority, m.deliveryCount, m.createdAt,
                        m.enqueuedAt, m.routingKey, m.headers == null ? java.util.Map.of() : m.headers,
                        m.hasPayload() ? m.payload().toString() : null, m.size,
                        m.deaths == null ? List.of() : m.deaths));
            }
        }
        return list;
    }

    @Override
    public String restartReason(Node changed) {
        QueueSettings s = (QueueSettings) changed;
        if (s.queueType() != settings.queueType()) {
            return "the type of queue '" + id + "' changed; a queue's type needs a restart";
        }
        if (QueueRules.of(world.broker(), s).fifo() != rules.fifo()) {
            return "queue '" + id + "' became or stopped being a FIFO queue; that needs a restart";
        }
        if (QueueRules.of(world.broker(), s).maxPriority() != rules.maxPriority()) {
            return "the max priority of queue '" + id + "' changed; priorities need a restart";
        }
        if (session != null && s.durable() != session.persistent) {
            return "queue '" + id + "' became or stopped being durable, a persistent MQTT session; that needs a restart";
        }
        // Whether a late ack can remove a copy, and whether pushes back off, are fixed when the run starts.
        if (world.broker() == Broker.PUBSUB && (s.exactlyOnce() != settings.exactlyOnce()
                || PubSubLimits.push(s) != PubSubLimits.push(settings))) {
            return "queue '" + id + "' changed between pull and push or in exactly-once delivery; that needs a restart";
        }
        return null;
    }

    @Override
    public void reconfigure(Node changed) {
        settings = (QueueSettings) changed;
        rules = QueueRules.of(world.broker(), settings);
        if (sqsFifo() != (sendQuota != null)) {
            sendQuota = sqsFifo() ? new SqsSendQuota() : null;
            wakeBlockedSources();
        }
        double newTtl = rules.ttlSeconds();
        if (newTtl != ttl) {
            ttl = newTtl;
            expiryGeneration++;
            expireHeads();
        }
        Integer max = settings.maxLength();
        if (max != null && settings.overflow() == Overflow.DROP_HEAD) {
            while (ready > 0 && held() > max) {
                deadLetter(removeOldest(), "maxlen");
            }
        }
        dispatch();
    }
}
