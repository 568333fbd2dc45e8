// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.engine.api.ConsumerLag;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.stats.EdgeCounters;
import dev.pipewright.model.Node;
import dev.pipewright.model.Queue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A queue under the Kafka profile: a topic, a log of {@code partitions} partitions that keeps every
 * record for its retention time whether it was read or not, and each consumer node wired to it one
 * consumer group ({@link ConsumerGroup}) that reads every record once per group.
 *
 * <ul>
 * <li>A record with a key (the message's routing key) goes to partition
 *     {@code toPositive(murmur2(key)) % partitions} ({@link Murmur2}); one without sticks to one
 *     partition until {@link KafkaRules#BATCH_SIZE_BYTES} went there, then to another chosen at random
 *     (KIP-480, KIP-794), the sticking kept per topic for all its producers.</li>
 * <li>Within a group a partition is read by its one owning member, one record at a time, so
 *     order holds per partition and only there; members beyond the partitions idle.</li>
 * <li>A member joining or leaving starts an eager rebalance: the members in the assignment read on
 *     until their next heartbeat ({@link KafkaRules#HEARTBEAT_INTERVAL_SECONDS}, counted from the
 *     group's last assignment), when they rejoin; then the group reads nothing for
 *     {@link KafkaRules#REBALANCE_STOP_SECONDS}, partitions are assigned again and every partition is
 *     read again from its committed offset. Members still up commit their position at the start of
 *     the stop when they auto-commit, as the Java client does before it rejoins. A member crashing
 *     says nothing: its partitions stay unassigned, the others reading on, for
 *     {@link KafkaRules#SESSION_TIMEOUT_SECONDS}, then the group rebalances as for a leave; a crashed
 *     member back before that (a new member) starts the rebalance, which cannot end before the dead
 *     session does. A member joining a group with no member at all waits
 *     {@link KafkaRules#INITIAL_REBALANCE_DELAY_SECONDS}.</li>
 * <li>Offsets: a consumer with ack mode auto commits each partition's position (every record given
 *     to a member, the one it is processing too) every {@link KafkaRules#AUTO_COMMIT_INTERVAL_SECONDS};
 *     with ack mode manual a record's offset is committed as soon as it is processed. So a crash
 *     under auto commit repeats what was processed since the last commit (duplicates) and loses a
 *     record committed while its member was still at it.</li>
 * <li>No requeue and no dead-letter exchange: a failure that the consumer would requeue is retried in
 *     place (the member seeks back to it), at most {@code deliveryLimit} times when one is set; reject
 *     skips the record; dead-letter publishes it along the dead-letter wire (the {@code <topic>.DLT}
 *     pattern of Spring Kafka and Kafka Connect) or, without one, skips it.</li>
 * <li>Retention (the queue's message TTL, 7 days unless set) deletes records a group has not read
 *     yet once they are older; no priorities, no maximum length, no delivery delay.</li>
 * </ul>
 */
final class KafkaTopicEntity extends QueueEntity {
    static final int REBALANCED = 20;
    static final int COMMIT = 21;
    static final int RETENTION = 22;
    static final int SESSION_EXPIRED = 23;
    static final int REBALANCE_START = 24;

    private Queue model;
    private final int partitions;
    private double retention;
    private final List<ConsumerGroup> groups = new ArrayList<>();
    /** The cursor of every record a member holds now. */
    private final Map<Message, PartitionCursor> held = new IdentityHashMap<>();
    private int stickyPartition = -1;
    private long stickyBytes;
    private boolean commitScheduled;
    private boolean retentionScheduled;
    private boolean dispatching;
    private boolean started;

    KafkaTopicEntity(World world, Node node) {
        super(world, node);
        this.model = (Queue) node;
        this.partitions = model.partitionsOrDefault();
        this.retention = retentionOf(model);
    }

    private static double retentionOf(Queue q) {
        return q.messageTtl() == null ? KafkaRules.DEFAULT_RETENTION_SECONDS : seconds(q.messageTtl());
    }

    @Override
    void addSubscriber(Subscriber s, Link link) {
        super.addSubscriber(s, link);
        ConsumerGroup g = new ConsumerGroup(s, link, partitions);
        if (started) {
            // A source awaiting replies subscribes after the topic started, before any record came.
            groups.removeIf(other -> other.subscriber == null);
            g.assign();
            g.heartbeatsFrom = world.now();
        }
        groups.add(g);
    }

    @Override
    protected void start() {
        super.start();
        if (groups.isEmpty()) {
            groups.add(new ConsumerGroup(null, null, partitions)); // the log, read by no one
        }
        for (ConsumerGroup g : groups) {
            g.assign();
        }
        started = true;
    }

    /** The partition a record goes to: by its key's murmur2, or the sticky partition. */
    int partitionOf(Message m) {
        if (m.routingKey != null) {
            return Murmur2.partition(m.routingKey.getBytes(StandardCharsets.UTF_8), partitions);
        }
        if (partitions == 1) {
            return 0;
        }
        if (stickyPartition < 0 || stickyBytes >= KafkaRules.BATCH_SIZE_BYTES) {
            // Another partition than the last, each as likely.
            int next = stickyPartition < 0 ? rng.nextInt(partitions) : rng.nextInt(partitions - 1);
            stickyPartition = stickyPartition >= 0 && next >= stickyPartition ? next + 1 : next;
            stickyBytes = 0;
        }
        stickyBytes += Math.max(1, m.size);
        return stickyPartition;
    }

    @Override
    public boolean offer(Message m, Link via) {
        m.deliveryCount = 0;
        m.deliveredBy = null;
        m.unacked = false;
        m.visibleAgain = false;
        m.ttl = -1;
        m.delay = -1;
        stats.in++;
        int p = partitionOf(m);
        double now = world.now();
        // One message per group, so each group's reading is counted on its own.
        for (int i = groups.size() - 1; i >= 0; i--) {
            Message r = i == 0 ? m : world.copy(m, this);
            r.enqueuedAt = now;
            r.queueSeq = groups.get(i).cursors[p].append(r);
            groups.get(i).refresh(groups.get(i).cursors[p]);
            if (world.watched(r)) {
                world.hop(r, this, "appended", "partition " + p + " offset " + r.queueSeq);
            }
        }
        armRetention(now + retention);
        dispatch();
        return true;
    }

    @Override
    public void dispatch() {
        if (dispatching) {
            return;
        }
        dispatching = true;
        try {
            for (int i = 0, n = groups.size(); i < n; i++) {
                dispatch(groups.get(i));
            }
        } finally {
            dispatching = false;
        }
    }

    private void dispatch(ConsumerGroup g) {
        if (g.rebalancing || g.subscriber == null) {
            return;
        }
        for (int p = g.ready.next(0); p >= 0; p = g.ready.next(p + 1)) {
            PartitionCursor c = g.cursors[p];
            int member = g.owner[p];
            if (g.canTake(member)) {
                deliver(g, c, member);
            }
        }
    }

    private void deliver(ConsumerGroup g, PartitionCursor c, int member) {
        long offset = c.fetched;
        Message stored = c.get(offset);
        boolean replay = offset < c.done;
        Message m;
        if (replay) {
            // Processed before, but its offset was not committed: read again, a duplicate.
            m = world.copy(stored, this);
            m.deliveryCount = stored.deliveryCount;
            m.enqueuedAt = stored.enqueuedAt;
            m.queueSeq = offset;
        } else {
            m = stored;
        }
        c.fetched = offset + 1;
        m.deliveryCount++;
        if (replay || m.deliveryCount > 1) {
            stats.redelivered++;
        } else {
            stats.timeInNode.record(world.now() - m.enqueuedAt);
        }
        stats.out++;
        m.deliveredBy = this;
        m.generation++;
        if (g.link != null) {
            g.link.counters().cross(m.deliveryCount > 1 ? EdgeCounters.REDELIVERED : EdgeCounters.OK);
        }
        if (world.watched(m)) {
            world.hop(m, this, "delivered", g.id() + " member " + member + " partition " + c.partition
                    + " offset " + offset + (replay ? " (read again)" : ""));
        }
        if (g.tracksProcessing()) {
            m.unacked = true;
            c.inFlight = m;
            held.put(m, c);
            if (g.autoCommit()) {
                armCommit();
            }
        } else {
            finish(g, c, m, offset);
        }
        g.refresh(c);
        g.deliver(m, this, member);
    }

    private ConsumerGroup groupOf(PartitionCursor c) {
        for (int i = 0, n = groups.size(); i < n; i++) {
            ConsumerGroup g = groups.get(i);
            if (g.cursors[c.partition] == c) {
                return g;
            }
        }
        throw new IllegalStateException("topic " + id + " has no group reading partition " + c.partition);
    }

    /** The record at {@code offset} is over for its group (processed, skipped, dead-lettered or lost). */
    private void finish(ConsumerGroup g, PartitionCursor c, Message m, long offset) {
        if (offset >= c.done) {
            c.done = offset + 1;
        }
        if (!g.autoCommit() && offset + 1 > c.committed) {
            c.committed = offset + 1;
        }
        c.trim();
        if (offset >= c.base && offset < c.end && c.get(offset) == m) {
            // Kept for a read from an older committed offset; the message itself moves on.
            Message kept = m.copy(m.id);
            kept.deliveryCount = m.deliveryCount;
            kept.enqueuedAt = m.enqueuedAt;
            kept.queueSeq = offset;
            c.set(offset, kept);
        }
    }

    /** Takes {@code m} back from its member; null when it is not one this topic gave out. */
    private PartitionCursor release(Message m) {
        PartitionCursor c = held.remove(m);
        if (c == null) {
            return null;
        }
        m.unacked = false;
        m.deliveredBy = null;
        c.inFlight = null;
        return c;
    }

    private void settled(ConsumerGroup g, PartitionCursor c) {
        if (c.rewindPending) {
            c.rewindPending = false;
            c.fetched = c.committed;
        }
        g.refresh(c);
    }

    /** Processed (acknowledged), or rejected and dropped by the consumer: the record is over for its group. */
    @Override
    public void settle(Message m) {
        PartitionCursor c = release(m);
        if (c == null) {
            return;
        }
        ConsumerGroup g = groupOf(c);
        finish(g, c, m, m.queueSeq);
        settled(g, c);
    }

    @Override
    public void rejectToDeadLetter(Message m) {
        settle(m);
        deadLetter(m, "rejected");
    }

    /** A failure the consumer would requeue: retried in place, at most {@code deliveryLimit} times. */
    @Override
    public void requeue(Message m) {
        PartitionCursor c = release(m);
        if (c == null) {
            return;
        }
        ConsumerGroup g = groupOf(c);
        long offset = m.queueSeq;
        if (world.watched(m)) {
            world.hop(m, this, "retried", "seek back to offset " + offset + " of partition " + c.partition);
        }
        if (offset < c.done) {
            // A record read again failed: it is read once more from the log, not from this copy.
            if (offset < c.base) {
                Message kept = m.copy(m.id);
                kept.deliveryCount = m.deliveryCount;
                kept.enqueuedAt = m.enqueuedAt;
                kept.queueSeq = offset;
                c.prepend(kept, offset);
            }
            c.fetched = offset;
            world.filter(m, this, "a record read again failed; it is read once more from the log");
        } else if (model.deliveryLimit() != null && m.deliveryCount >= model.deliveryLimit()) {
            finish(g, c, m, offset);
            deadLetter(m, "delivery_limit");
        } else {
            if (offset < c.base) {
                c.prepend(m, offset);
            }
            c.fetched = offset;
        }
        settled(g, c);
        dispatch();
    }

    /** A member crashed or left holding {@code m}: the partition's next owner reads from the committed offset. */
    @Override
    public void abandon(Message m) {
        PartitionCursor c = release(m);
        if (c == null) {
            return;
        }
        ConsumerGroup g = groupOf(c);
        long offset = m.queueSeq;
        if (leaving(g, c) && offset > c.committed) {
            // Taken away, not crashed: it commits what it processed as it leaves; the record it held is read again.
            c.committed = offset;
        }
        if (offset < c.done) {
            world.filter(m, this, "a record read again was with a member that went; it is read again from the log");
        } else if (offset < c.committed) {
            c.done = offset + 1;
            world.drop(m, this, "lost: its offset was committed (auto commit) before it was processed");
        } else if (world.watched(m)) {
            world.hop(m, this, "given back", "partition " + c.partition + " is read again from offset " + c.committed);
        }
        c.rewindPending = false;
        c.fetched = c.committed;
        c.trim();
        g.refresh(c);
    }

    /** The members of {@code s}'s group changed (instances joined or left): the group rebalances. */
    @Override
    void membersChanged(Subscriber s) {
        for (int i = 0, n = groups.size(); i < n; i++) {
            ConsumerGroup g = groups.get(i);
            if (g.subscriber != s) {
                continue;
            }
            for (PartitionCursor c : g.cursors) {
                if (c.inFlight == null && leaving(g, c) && c.fetched > c.committed) {
                    c.committed = c.fetched;
                    c.trim();
                }
            }
            askRebalance(i);
        }
    }

    /**
     * Whether the partition's owner was taken away (fewer instances) rather than crashed: it is
     * still in the assignment but no longer up. Such a member leaves as the client's {@code close()}
     * does, sending LeaveGroup and, with auto commit, committing first what it processed.
     */
    private static boolean leaving(ConsumerGroup g, PartitionCursor c) {
        int owner = g.owner[c.partition];
        return g.autoCommit() && owner >= 0 && g.assigned.get(owner) && !g.up(owner);
    }

    /**
     * A join, a leave or a session's end reached the coordinator: an eager rebalance. The members
     * still in the assignment learn of it from their next heartbeat's reply and read on until then
     * ({@link KafkaRules#HEARTBEAT_INTERVAL_SECONDS}); a group none of whose members is left waits
     * for no heartbeat, and one whose members all went (no dead session either) is empty: the
     * coordinator waits {@link KafkaRules#INITIAL_REBALANCE_DELAY_SECONDS} for more joins first. A
     * change while the group is stopped starts the stop again (the members join once more).
     */
    private void askRebalance(int index) {
        ConsumerGroup g = groups.get(index);
        if (g.preparing || !g.anyUp()) {
            return; // the same rebalance takes the change in; or the group is empty, with no one to assign
        }
        double now = world.now();
        if (g.rebalancing) {
            scheduleRebalanced(index, now);
            return;
        }
        double at;
        if (g.hasAssignedMemberUp()) {
            double every = KafkaRules.HEARTBEAT_INTERVAL_SECONDS;
            at = g.heartbeatsFrom + (Math.floor((now - g.heartbeatsFrom) / every) + 1) * every;
        } else if (g.deadSessions > 0) {
            at = now;
        } else {
            at = now + KafkaRules.INITIAL_REBALANCE_DELAY_SECONDS;
        }
        g.preparing = true;
        g.generation++;
        world.kernel().scheduleAt(at, this, REBALANCE_START, null, key(index, g.generation));
    }

    private static long key(int index, int generation) {
        return ((long) index << 32) | (generation & 0xFFFFFFFFL);
    }

    /**
     * Every member still up has rejoined: it gave up its partitions (committing its position first
     * when it auto commits, as the Java client does before it rejoins), and the group reads nothing
     * until the rebalance ends.
     */
    private void rebalanceStarts(int index, int generation) {
        ConsumerGroup g = groups.get(index);
        if (!g.preparing || g.generation != generation) {
            return;
        }
        g.preparing = false;
        if (g.autoCommit()) {
            commitPositions(g);
        }
        g.rebalancing = true;
        java.util.Arrays.fill(g.owner, -1);
        for (PartitionCursor c : g.cursors) {
            g.refresh(c);
        }
        scheduleRebalanced(index, world.now());
    }

    private void scheduleRebalanced(int index, double now) {
        ConsumerGroup g = groups.get(index);
        g.generation++;
        world.kernel().scheduleAt(now + KafkaRules.REBALANCE_STOP_SECONDS, this, REBALANCED, null,
                key(index, g.generation));
    }

    /**
     * A member crashed: unlike one that leaves, it sends no word, so its partitions stay
     * unassigned (the others read on) until its session times out and the group rebalances.
     */
    @Override
    void memberCrashed(Subscriber s, int member) {
        for (int i = 0, n = groups.size(); i < n; i++) {
            ConsumerGroup g = groups.get(i);
            if (g.subscriber != s) {
                continue;
            }
            for (PartitionCursor c : g.cursors) {
                if (g.owner[c.partition] == member) {
                    g.owner[c.partition] = -1;
                    g.refresh(c);
                }
            }
            g.assigned.clear(member); // out of the assignment at once: back, it is a new member
            g.deadSessions++;
            world.kernel().schedule(KafkaRules.SESSION_TIMEOUT_SECONDS, this, SESSION_EXPIRED, null, i);
        }
    }

    /**
     * A crashed member is back, as a new member joining: the group rebalances, but while a dead
     * session lasts the rebalance cannot end (the coordinator waits for every member it knows), so
     * the members that rejoined stay stopped until the session's end.
     */
    @Override
    void memberRestored(Subscriber s, int member) {
        membersChanged(s);
    }

    private void sessionExpired(int index) {
        ConsumerGroup g = groups.get(index);
        g.deadSessions--;
        if (g.rebalancing && g.deadSessions == 0) {
            scheduleRebalanced(index, world.now()); // the members waiting in their join are all there now
        } else if (!g.rebalancing) {
            askRebalance(index);
        }
    }

    private void rebalanced(int index, int generation) {
        ConsumerGroup g = groups.get(index);
        if (!g.rebalancing || g.generation != generation || g.deadSessions > 0) {
            return;
        }
        g.rebalancing = false;
        for (PartitionCursor c : g.cursors) {
            if (c.inFlight == null) {
                c.fetched = Math.max(c.base, c.committed);
            } else {
                c.rewindPending = true;
            }
        }
        g.assign();
        g.heartbeatsFrom = world.now();
        dispatch();
    }

    /** Auto commit: each partition's position, for the partitions whose owner is up. */
    private void commitPositions(ConsumerGroup g) {
        for (PartitionCursor c : g.cursors) {
            int owner = g.owner[c.partition];
            if (owner >= 0 && g.up(owner)) {
                c.committed = c.fetched;
                c.trim();
            }
        }
    }

    private void armCommit() {
        if (!commitScheduled) {
            commitScheduled = true;
            double every = KafkaRules.AUTO_COMMIT_INTERVAL_SECONDS;
            world.kernel().scheduleAt((Math.floor(world.now() / every) + 1) * every, this, COMMIT, null, 0);
        }
    }

    private void autoCommit() {
        commitScheduled = false;
        boolean more = false;
        for (ConsumerGroup g : groups) {
            if (!g.autoCommit() || g.rebalancing) {
                continue;
            }
            commitPositions(g);
            for (PartitionCursor c : g.cursors) {
                more |= c.inFlight != null || c.fetched != c.committed;
            }
        }
        if (more) {
            armCommit();
        }
    }

    private void armRetention(double at) {
        if (!retentionScheduled) {
            retentionScheduled = true;
            world.kernel().scheduleAt(at, this, RETENTION, null, 0);
        }
    }

    /** Retention: records no group member has read yet and older than the retention time are deleted. */
    private void applyRetention() {
        retentionScheduled = false;
        double now = world.now();
        double next = Double.POSITIVE_INFINITY;
        for (ConsumerGroup g : groups) {
            for (PartitionCursor c : g.cursors) {
                while (c.inFlight == null && c.fetched == c.done && c.fetched < c.end) {
                    Message m = c.get(c.fetched);
                    if (m.enqueuedAt + retention > now) {
                        next = Math.min(next, m.enqueuedAt + retention);
                        break;
                    }
                    c.fetched++;
                    c.done = c.fetched;
                    c.trim();
                    world.expire(m, this);
                }
                g.refresh(c);
            }
        }
        if (next < Double.POSITIVE_INFINITY) {
            armRetention(next);
        }
    }

    @Override
    protected void handleOther(int type, Object subject, long arg) {
        switch (type) {
            case REBALANCE_START -> rebalanceStarts((int) (arg >>> 32), (int) arg);
            case REBALANCED -> rebalanced((int) (arg >>> 32), (int) arg);
            case COMMIT -> autoCommit();
            case RETENTION -> applyRetention();
            case SESSION_EXPIRED -> sessionExpired((int) arg);
            default -> super.handleOther(type, subject, arg);
        }
    }

    @Override
    public String eventName(int type) {
        return switch (type) {
            case REBALANCE_START -> "rebalance starts";
            case REBALANCED -> "rebalanced";
            case COMMIT -> "auto-commit";
            case RETENTION -> "retention";
            case SESSION_EXPIRED -> "session expired";
            default -> super.eventName(type);
        };
    }

    /** Each consumer group's lag per partition: log end minus committed offset. */
    List<ConsumerLag> lag() {
        List<ConsumerLag> list = new ArrayList<>(groups.size());
        for (ConsumerGroup g : groups) {
            if (g.subscriber instanceof Entity) {
                long[] perPartition = new long[partitions];
                for (int p = 0; p < partitions; p++) {
                    perPartition[p] = g.cursors[p].lag();
                }
                list.add(new ConsumerLag(g.id(), perPartition));
            }
        }
        return list;
    }

    @Override
    public long waitingCount() {
        long n = 0;
        for (ConsumerGroup g : groups) {
            for (PartitionCursor c : g.cursors) {
                n += c.waiting();
            }
        }
        return n;
    }

    @Override
    public long inFlightCount() {
        return held.size();
    }

    @Override
    public long ready() {
        return waitingCount();
    }

    @Override
    public long unacked() {
        return held.size();
    }

    @Override
    public void updateGauges() {
        stats.ready = waitingCount();
        stats.unacked = held.size();
        stats.scheduled = 0;
        stats.inFlight = 0;
        stats.lag = lag();
    }

    /** Up to {@code limit} records the first group has yet to read, partition by partition. */
    @Override
    public List<MessageView> peek(int limit) {
        List<MessageView> list = new ArrayList<>();
        ConsumerGroup g = groups.getFirst();
        for (PartitionCursor c : g.cursors) {
            for (long o = Math.max(c.fetched, c.done); o < c.end && list.size() < limit; o++) {
                Message m = c.get(o);
                list.add(new MessageView(m.id, m.originId, "ready", m.priority, m.deliveryCount, m.createdAt,
                        m.enqueuedAt, m.routingKey, m.headers == null ? Map.of() : m.headers,
                        m.hasPayload() ? m.payload().toString() : null, m.size,
                        m.deaths == null ? List.of() : m.deaths));
            }
        }
        return list;
    }

    @Override
    public String restartReason(Node changed) {
        if (((Queue) changed).partitionsOrDefault() != partitions) {
            return "the partitions of topic '" + id + "' changed; keys would map to other partitions, so that needs a restart";
        }
        return null;
    }

    @Override
    public void reconfigure(Node changed) {
        model = (Queue) changed;
        retention = retentionOf(model);
        dispatch();
    }
}
