// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import java.util.ArrayDeque;
import java.util.ArrayList;
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

    /** One consumer instance. */
    private static final class Instance {
        // Made on first use: with a prefetch of 1, or while instances are idle, none is needed.
        ArrayDeque<Message> buffer;
        int index;
        // The current message plus the buffered ones, kept here so that reading it touches only this object.
        int held;
        Message current;
        double startedAt;
        boolean crashed;
        long generation;

        boolean hasBuffered() {
            return buffer != null && !buffer.isEmpty();
        }
    }

    private Consumer model;
    private DurationSampler processing;
    private FailCondition failWhen;
    private final List<Instance> instances = new ArrayList<>();
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
        checkInstances(model.instances());
        for (int i = 0; i < model.instances(); i++) {
            addInstance();
        }
    }

    private void addInstance() {
        Instance inst = new Instance();
        inst.index = instances.size();
        inst.generation = nextGeneration++;
        instances.add(inst);
        upCount++;
        refresh(inst);
        instancesChanged();
    }

    /** Puts {@code inst} in or out of the idle, credit and up sets after its state changed. */
    private void refresh(Instance inst) {
        boolean up = !inst.crashed;
        upSet.set(inst.index, up);
        idleSet.set(inst.index, up && inst.held == 0);
        int prefetch = QueueRules.prefetch(world.broker(), model.prefetch(), model.instances());
        creditSet.set(inst.index, up && (prefetch == 0 || inst.held < prefetch));
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

    /** The first instance not crashed: the one a single active consumer uses. */
    private Instance activeInstance() {
        int i = upSet.next(0);
        return i < 0 ? null : instances.get(i);
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
        return index < instances.size() && !instances.get(index).crashed;
    }

    /** Whether instance {@code index} can take one more message now (up, not paused, credit under its prefetch). */
    boolean canTakeOn(int index) {
        return !paused && creditSet.next(index) == index;
    }

    /** Hands {@code m} to instance {@code index}, the owner of its Kafka partition; {@link #canTakeOn} was true. */
    void deliverTo(Message m, QueueEntity from, int index) {
        deliver(m, instances.get(index));
    }

    private void deliver(Message m, Instance target) {
        stats.in++;
        if (!m.unacked) {
            autoHeld++;
        }
        if (world.watched(m)) {
            world.hop(m, this, "received", "instance ", "", target.index);
        }
        target.held++;
        if (target.current == null) {
            start(target, m);
        } else {
            if (target.buffer == null) {
                target.buffer = new ArrayDeque<>();
            }
            target.buffer.addLast(m);
        }
        refresh(target);
    }

    /** An idle instance if there is one, else one with credit, round robin. */
    private Instance pickInstance() {
        int n = instances.size();
        int from = roundRobin % n;
        int i = idleSet.nextCyclic(from);
        if (i < 0) {
            i = creditSet.nextCyclic(from);
        }
        if (i >= 0) {
            roundRobin = (i + 1) % n;
            return instances.get(i);
        }
        throw new IllegalStateException("consumer " + id + " was given a message with no instance able to take it");
    }

    private void start(Instance inst, Message m) {
        inst.current = m;
        busyCount++;
        instancesChanged();
        inst.startedAt = world.now();
        if (m.deliveredBy != null) {
            m.deliveredBy.recordWaitToStart(m, inst.startedAt - m.enqueuedAt);
        }
        world.kernel().schedule(processing.sample(rng), this, DONE, m, (inst.generation << 20) | inst.index);
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
        if (index >= instances.size()) {
            return;
        }
        Instance inst = instances.get(index);
        if (inst.generation != generation || inst.current != m) {
            return; // The instance crashed meanwhile; its messages were already given back.
        }
        inst.current = null;
        inst.held--;
        busyCount--;
        instancesChanged();
        stats.timeInNode.record(world.now() - inst.startedAt);
        stats.out++;
        if (inst.hasBuffered()) {
            start(inst, inst.buffer.pollFirst());
        }
        refresh(inst);
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
            queue.ack(m);
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
        if (index < 0 || index >= instances.size() || instances.get(index).crashed) {
            return;
        }
        Instance inst = instances.get(index);
        inst.crashed = true;
        upCount--;
        refresh(inst); // out of the sets before its messages go back and are dispatched again
        for (int i = 0, n = inputs.size(); i < n; i++) {
            inputs.get(i).memberCrashed(this, index);
        }
        giveBack(inst);
        connectionsChanged();
        pull();
    }

    private void membersChanged() {
        for (int i = 0, n = inputs.size(); i < n; i++) {
            inputs.get(i).membersChanged(this);
        }
    }

    private void giveBack(Instance inst) {
        inst.generation = nextGeneration++;
        List<Message> held = new ArrayList<>(inst.held);
        if (inst.current != null) {
            held.add(inst.current);
        }
        if (inst.buffer != null) {
            held.addAll(inst.buffer);
            inst.buffer.clear();
        }
        if (inst.current != null) {
            busyCount--;
        }
        inst.current = null;
        inst.held = 0;
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
        if (index < 0 || index >= instances.size() || !instances.get(index).crashed) {
            return;
        }
        Instance inst = instances.get(index);
        inst.crashed = false;
        upCount++;
        refresh(inst);
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
        int before = instances.size();
        while (instances.size() < n) {
            addInstance();
        }
        while (instances.size() > n) {
            Instance last = instances.removeLast();
            if (!last.crashed) {
                upCount--;
            }
            last.crashed = true; // out of the sets before its messages go back and are dispatched again
            refresh(last);
            giveBack(last);
        }
        connectionsChanged();
        if (instances.size() != before) {
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
        return instances.size();
    }

    @Override
    public long inFlightCount() {
        return autoHeld;
    }

    @Override
    public void updateGauges() {
        // A crashed instance holds nothing, so the busy ones are all up.
        int crashed = instances.size() - upCount;
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
        if (model.prefetch() != old.prefetch()) {
            instances.forEach(this::refresh); // who has credit depends on the prefetch
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
