// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Running competing consumers: instances that each process one message at a time and hold up to
 * {@code prefetch} unacknowledged ones. After processing, a message is acknowledged (manual ack)
 * and passed to the consumer's outputs, or completes here when it has none; a failure requeues,
 * rejects or dead-letters it as {@link Consumer.FailureAction} says. In auto-ack mode the broker
 * forgets a message at delivery, so a failure or crash loses it (counted dropped); the prefetch
 * still bounds how many one instance holds, as a client's flow control would. A crash requeues the
 * instance's unacknowledged messages; a removed instance is treated as crashed.
 */
public final class ConsumerEntity extends Entity implements Subscriber {
    /**
     * Most instances one consumer can run: an event's argument carries the instance's index in 20
     * bits. The model's {@code Limits.MAX_INSTANCES} keeps every flow well inside it.
     */
    public static final int MAX_INSTANCES = 100_000;

    private static final int DONE = 1;
    private static final int CRASH = 2;
    private static final int RESTORE = 3;

    // An instance's row in `rows`: its generation in the high 32 bits, a crashed flag, and the
    // messages it holds (the current one plus the buffered ones) in the low 31 bits.
    private static final int GENERATION_SHIFT = 32;
    private static final long CRASHED = 1L << 31;
    private static final long HELD = CRASHED - 1;

    private Consumer model;
    private DurationSampler processing;
    private FailCondition failWhen;
    // The instances' state, by index, in parallel arrays rather than an object each: with many
    // messages in flight a completion's instance is cold, and its row here (two longs, never across
    // a cache line) is all a completion reads. rows[2i] as GENERATION_SHIFT says, rows[2i + 1] the
    // bits of the time its current message started. The current message is kept only to give it
    // back on a crash; invariant: an instance has a current message exactly when it holds any.
    private int instanceCount;
    private long[] rows = new long[0];
    private Message[] current = new Message[0];
    // Made on first use, per instance: with a prefetch of 1, or while instances are idle, none is needed.
    private final List<ArrayDeque<Message>> buffers = new ArrayList<>();
    private int prefetch;
    private List<QueueEntity> inputs = List.of();
    private List<Link> outputs = List.of();
    private boolean paused;
    private long autoHeld;
    private long nextGeneration = 1;
    private int roundRobin;
    // Instances working now and instances not crashed, kept as they change for the utilisation.
    private int busyCount;
    private int upCount;
    // Instances by index that are idle (up and holding nothing), have credit, or are up (not
    // crashed), kept as instances change, so choosing one costs the same with 4 or 10,000.
    private final IndexSet idleSet = new IndexSet();
    private final IndexSet creditSet = new IndexSet();
    private final IndexSet upSet = new IndexSet();

    public ConsumerEntity(World world, Node node) {
        super(world, node);
        this.model = (Consumer) node;
        this.processing = new DurationSampler(model.processingTime());
        this.failWhen = FailCondition.of(model.failWhen());
        this.prefetch = QueueRules.prefetch(world.broker(), model.prefetch(), model.instances());
        checkInstances(model.instances());
        for (int i = 0; i < model.instances(); i++) {
            addInstance();
        }
    }

    private void addInstance() {
        int i = instanceCount;
        if (i == current.length) {
            int capacity = Math.max(4, 2 * i);
            rows = Arrays.copyOf(rows, 2 * capacity);
            current = Arrays.copyOf(current, capacity);
        }
        instanceCount++;
        // Generations only go up; a row keeps their low 32 bits, and an event must match them.
        rows[2 * i] = nextGeneration++ << GENERATION_SHIFT;
        rows[2 * i + 1] = 0;
        current[i] = null;
        if (i < buffers.size()) {
            buffers.set(i, null);
        } else {
            buffers.add(null);
        }
        upCount++;
        refresh(i);
        instancesChanged();
    }

    private long generationOf(int i) {
        return rows[2 * i] >>> GENERATION_SHIFT;
    }

    private int heldBy(int i) {
        return (int) (rows[2 * i] & HELD);
    }

    private boolean crashed(int i) {
        return (rows[2 * i] & CRASHED) != 0;
    }

    /** Puts instance {@code i} in or out of the idle, credit and up sets after its state changed. */
    private void refresh(int i) {
        long row = rows[2 * i];
        boolean up = (row & CRASHED) == 0;
        long held = row & HELD;
        upSet.set(i, up);
        idleSet.set(i, up && held == 0);
        creditSet.set(i, up && (prefetch == 0 || held < prefetch));
    }

    private void instancesChanged() {
        stats.instancesChanged(world.now(), busyCount, upCount);
    }

    @Override
    protected void start() {
        inputs = inputQueues();
        outputs = outs(Port.OUT);
        for (Consumer.Crash c : model.crashes()) {
            world.kernel().scheduleAt(QueueEntity.seconds(c.at()), this, CRASH, null, c.instance());
            if (c.downFor() != null) {
                world.kernel().scheduleAt(QueueEntity.seconds(c.at()) + QueueEntity.seconds(c.downFor()), this,
                        RESTORE, null, c.instance());
            }
        }
    }

    /** The first instance not crashed: the one a single active consumer uses; -1 if none. */
    private int activeInstance() {
        return upSet.next(0);
    }

    @Override
    public boolean canTake(boolean singleActive) {
        if (paused) {
            return false;
        }
        if (singleActive) {
            int a = upSet.next(0);
            return a >= 0 && creditSet.next(a) == a;
        }
        return !creditSet.isEmpty();
    }

    @Override
    public boolean hasIdle(boolean singleActive) {
        if (paused) {
            return false;
        }
        if (singleActive) {
            int a = upSet.next(0);
            return a >= 0 && idleSet.next(a) == a;
        }
        return !idleSet.isEmpty();
    }

    @Override
    public boolean alive() {
        return !upSet.isEmpty();
    }

    @Override
    public boolean autoAck() {
        return model.ackMode() == Consumer.AckMode.AUTO;
    }

    @Override
    public void deliver(Message m, QueueEntity from, boolean singleActive) {
        deliver(m, singleActive ? activeInstance() : pickInstance());
    }

    /** Whether instance {@code index} is up (not crashed): a member of its Kafka consumer group. */
    boolean instanceUp(int index) {
        return index < instanceCount && !crashed(index);
    }

    /** Whether instance {@code index} can take one more message now (up, not paused, credit under its prefetch). */
    boolean canTakeOn(int index) {
        return !paused && creditSet.next(index) == index;
    }

    /** Hands {@code m} to instance {@code index}, the owner of its Kafka partition; {@link #canTakeOn} was true. */
    void deliverTo(Message m, QueueEntity from, int index) {
        deliver(m, index);
    }

    private void deliver(Message m, int target) {
        if (target < 0) {
            throw new IllegalStateException("consumer " + id + " was given a message with no instance up to take it");
        }
        stats.in++;
        if (!m.unacked) {
            autoHeld++;
        }
        if (world.watched(m)) {
            world.hop(m, this, "received", "instance ", "", target);
        }
        int held = heldBy(target);
        rows[2 * target]++;
        if (held == 0) {
            start(target, m);
        } else {
            ArrayDeque<Message> buffer = buffers.get(target);
            if (buffer == null) {
                buffer = new ArrayDeque<>();
                buffers.set(target, buffer);
            }
            buffer.addLast(m);
        }
        refresh(target);
    }

    /** An idle instance if there is one, else one with credit, round robin. */
    private int pickInstance() {
        int n = instanceCount;
        int from = roundRobin % n;
        int i = idleSet.nextCyclic(from);
        if (i < 0) {
            i = creditSet.nextCyclic(from);
        }
        if (i >= 0) {
            roundRobin = (i + 1) % n;
            return i;
        }
        throw new IllegalStateException("consumer " + id + " was given a message with no instance able to take it");
    }

    private void start(int i, Message m) {
        current[i] = m;
        busyCount++;
        instancesChanged();
        double startedAt = world.now();
        rows[2 * i + 1] = Double.doubleToRawLongBits(startedAt);
        if (m.deliveredBy != null) {
            m.deliveredBy.recordWaitToStart(m, startedAt - m.enqueuedAt);
        }
        world.kernel().schedule(processing.sample(rng), this, DONE, m, (generationOf(i) << 20) | i);
    }

    @Override
    public void handle(int type, Object subject, long arg) {
        switch (type) {
            case DONE -> done((Message) subject, (int) (arg & 0xFFFFF), arg >>> 20);
            case CRASH -> crash((int) arg);
            case RESTORE -> restore((int) arg);
            default -> throw new IllegalStateException("consumer " + id + " got unknown event " + type);
        }
    }

    private void done(Message m, int index, long generation) {
        if (index >= instanceCount) {
            return;
        }
        long row = rows[2 * index];
        // A crash or a removal gives the instance a new generation, so an older event is stale:
        // the instance's messages were already given back. An event of the current generation is
        // for the current message (the next one starts only after this event).
        if (row >>> GENERATION_SHIFT != (generation & 0xFFFF_FFFFL) || current[index] != m) {
            return;
        }
        current[index] = null;
        rows[2 * index] = --row;
        busyCount--;
        instancesChanged();
        stats.timeInNode.record(world.now() - Double.longBitsToDouble(rows[2 * index + 1]));
        stats.out++;
        if ((row & HELD) > 0) {
            start(index, buffers.get(index).pollFirst());
        }
        refresh(index);
        QueueEntity queue = m.deliveredBy;
        // Deterministic failures first, so a scripted failure draws no random number.
        boolean failed = failsByRule(m, queue)
                || model.failureRate() > 0 && rng.nextDouble() < model.failureRate();
        if (failed) {
            fail(m, queue);
        } else {
            succeed(m, queue);
        }
        pull();
    }

    /**
     * Whether {@code failFirstAttempts} or {@code failWhen} fails this delivery. The attempt counts
     * this queue's deliveries plus the times the message was dead-lettered from it, so a retry loop
     * through a TTL queue (which starts a new delivery count each lap) still counts 1, 2, 3.
     */
    private boolean failsByRule(Message m, QueueEntity queue) {
        Integer first = model.failFirstAttempts();
        if (first != null) {
            long attempt = m.deliveryCount + (queue == null ? 0 : m.deathsFrom(queue.id));
            if (attempt <= first) {
                return true;
            }
        }
        return failWhen != null && failWhen.test(m);
    }

    private void fail(Message m, QueueEntity queue) {
        stats.failed++;
        if (world.watched(m)) {
            world.hop(m, this, "failed", "onFailure=" + model.onFailure());
        }
        if (!m.unacked) {
            autoHeld--;
            m.deliveredBy = null;
            world.drop(m, this, "lost: auto-ack consumer failed");
            return;
        }
        if (world.broker() == Broker.MQTT) {
            // MQTT has no negative acknowledgement: the client acknowledges what it could not process.
            queue.settle(m);
            world.drop(m, this, "failed: MQTT has no nack, so the client acknowledged it");
            return;
        }
        switch (model.onFailure()) {
            case REQUEUE -> queue.requeue(m);
            case REJECT -> {
                queue.settle(m);
                world.drop(m, this, "rejected");
            }
            case DEAD_LETTER -> queue.rejectToDeadLetter(m);
        }
    }

    private void succeed(Message m, QueueEntity queue) {
        if (m.unacked) {
            if (!queue.ack(m)) {
                // NATS: another delivery's ack acked this message already; its client does not know
                // and processed it again, a duplicate of at-least-once delivery, not a completion.
                stats.duplicatesCaught++;
                world.filter(m, this, "a duplicate: another delivery of the message was acked first");
                return;
            }
        } else {
            autoHeld--;
            m.deliveredBy = null;
        }
        if (world.watched(m)) {
            world.hop(m, this, "acked", "");
        }
        if (model.replies() && m.replyTo != null) {
            sendReply(m);
        }
        if (!outputs.isEmpty()) {
            emitAll(m, outputs);
        } else if (queue instanceof DeadLetterQueueEntity) {
            world.consumeDeadLetter(m, this);
        } else {
            world.complete(m, this);
        }
    }

    private void sendReply(Message request) {
        Message reply = world.newMessage(this);
        reply.correlationId = request.originId;
        reply.priority = request.priority;
        reply.size = request.size;
        reply.headers = request.headers;
        reply.routingKey = request.replyTo;
        Entity target = world.entity(request.replyTo);
        if (world.watched(reply)) {
            world.hop(reply, this, "published", "reply to " + request.originId);
        }
        if (target == null || !target.offer(reply, null)) {
            world.drop(reply, this, "reply queue '" + request.replyTo + "' refused the reply");
        }
    }

    private void pull() {
        for (int i = 0, n = inputs.size(); i < n; i++) {
            inputs.get(i).dispatch();
        }
    }

    /** Crashes instance {@code index}: its unacknowledged messages go back to their queues (auto-ack ones are lost). */
    public void crash(int index) {
        if (index < 0 || index >= instanceCount || crashed(index)) {
            return;
        }
        rows[2 * index] |= CRASHED;
        upCount--;
        refresh(index); // out of the sets before its messages go back and are dispatched again
        for (int i = 0, n = inputs.size(); i < n; i++) {
            inputs.get(i).memberCrashed(this, index);
        }
        giveBack(index);
        connectionsChanged();
        pull();
    }

    private void membersChanged() {
        for (int i = 0, n = inputs.size(); i < n; i++) {
            inputs.get(i).membersChanged(this);
        }
    }

    private void giveBack(int i) {
        List<Message> held = new ArrayList<>(heldBy(i));
        // A new generation and nothing held; the crashed flag stays as it was.
        rows[2 * i] = (nextGeneration++ << GENERATION_SHIFT) | (rows[2 * i] & CRASHED);
        Message cur = current[i];
        if (cur != null) {
            held.add(cur);
            busyCount--;
        }
        ArrayDeque<Message> buffer = buffers.get(i);
        if (buffer != null) {
            held.addAll(buffer);
            buffer.clear();
        }
        current[i] = null;
        instancesChanged();
        for (Message m : held) {
            if (m.unacked) {
                m.deliveredBy.abandon(m);
            } else {
                autoHeld--;
                m.deliveredBy = null;
                world.drop(m, this, "lost: auto-ack consumer crashed");
            }
        }
    }

    /** Brings instance {@code index} back after a crash. */
    public void restore(int index) {
        if (index < 0 || index >= instanceCount || !crashed(index)) {
            return;
        }
        rows[2 * index] &= ~CRASHED;
        upCount++;
        refresh(index);
        instancesChanged();
        connectionsChanged();
        for (int i = 0, n = inputs.size(); i < n; i++) {
            inputs.get(i).memberRestored(this, index);
        }
        pull();
    }

    /** Tells the queues this consumer reads that its instances went down or came up (MQTT sessions). */
    private void connectionsChanged() {
        for (int i = 0, n = inputs.size(); i < n; i++) {
            inputs.get(i).subscribersChanged();
        }
    }

    /** Stops (or resumes) taking new messages; what instances hold is still processed. */
    public void setPaused(boolean paused) {
        this.paused = paused;
        if (!paused) {
            pull();
        }
    }

    /** Adds or removes instances; removed ones give their messages back as a crash would. */
    public void setInstances(int n) {
        checkInstances(n);
        int before = instanceCount;
        while (instanceCount < n) {
            addInstance();
        }
        while (instanceCount > n) {
            int last = --instanceCount;
            if (!crashed(last)) {
                upCount--;
            }
            rows[2 * last] |= CRASHED; // out of the sets before its messages go back and are dispatched again
            refresh(last);
            giveBack(last);
        }
        connectionsChanged();
        if (instanceCount != before) {
            membersChanged();
        }
        pull();
    }

    private void checkInstances(int n) {
        if (n < 1 || n > MAX_INSTANCES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "consumer '%s' can run from 1 to %,d instances (was %d)", id, MAX_INSTANCES, n));
        }
    }

    public int instanceCount() {
        return instanceCount;
    }

    @Override
    public long inFlightCount() {
        return autoHeld;
    }

    @Override
    public void updateGauges() {
        // A crashed instance holds nothing, so the busy ones are all up.
        int crashed = instanceCount - upCount;
        stats.busy = busyCount;
        stats.idle = paused ? 0 : upCount - busyCount;
        stats.crashed = crashed;
        stats.paused = paused ? upCount : 0;
        stats.inFlight = autoHeld;
    }

    @Override
    public String restartReason(Node changed) {
        Consumer c = (Consumer) changed;
        if (c.ackMode() != model.ackMode()) {
            return "the ack mode of consumer '" + id + "' changed; that needs a restart";
        }
        return null;
    }

    @Override
    public void reconfigure(Node changed) {
        Consumer old = model;
        model = (Consumer) changed;
        processing = new DurationSampler(model.processingTime());
        failWhen = FailCondition.of(model.failWhen());
        prefetch = QueueRules.prefetch(world.broker(), model.prefetch(), model.instances());
        if (model.prefetch() != old.prefetch()) {
            for (int i = 0; i < instanceCount; i++) {
                refresh(i); // who has credit depends on the prefetch
            }
        }
        if (model.instances() != old.instances()) {
            setInstances(model.instances());
        }
        pull();
    }

    @Override
    public String eventName(int type) {
        return switch (type) {
            case DONE -> "done";
            case CRASH -> "crash";
            case RESTORE -> "restore";
            default -> "event-" + type;
        };
    }

    @Override
    public boolean offer(Message m, Link via) {
        throw new IllegalStateException("consumer '" + id + "' takes messages only from queues");
    }
}
