// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

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
        final ArrayDeque<Message> buffer = new ArrayDeque<>();
        int index;
        Message current;
        double startedAt;
        boolean crashed;
        long generation;

        int held() {
            return buffer.size() + (current == null ? 0 : 1);
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
        instancesChanged();
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

    private boolean hasCredit(Instance inst) {
        return !inst.crashed && (model.prefetch() == 0 || inst.held() < model.prefetch());
    }

    private Instance activeInstance() {
        for (Instance inst : instances) {
            if (!inst.crashed) {
                return inst;
            }
        }
        return null;
    }

    @Override
    public boolean canTake(boolean singleActive) {
        if (paused) {
            return false;
        }
        if (singleActive) {
            Instance a = activeInstance();
            return a != null && hasCredit(a);
        }
        for (int i = 0, n = instances.size(); i < n; i++) {
            if (hasCredit(instances.get(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean hasIdle(boolean singleActive) {
        if (paused) {
            return false;
        }
        if (singleActive) {
            Instance a = activeInstance();
            return a != null && a.held() == 0;
        }
        for (int i = 0, n = instances.size(); i < n; i++) {
            Instance inst = instances.get(i);
            if (!inst.crashed && inst.held() == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean alive() {
        return activeInstance() != null;
    }

    @Override
    public boolean autoAck() {
        return model.ackMode() == Consumer.AckMode.AUTO;
    }

    @Override
    public void deliver(Message m, QueueEntity from, boolean singleActive) {
        stats.in++;
        if (!m.unacked) {
            autoHeld++;
        }
        Instance target = singleActive ? activeInstance() : pickInstance();
        if (world.watched(m)) {
            world.hop(m, this, "received", "instance " + target.index);
        }
        if (target.current == null) {
            start(target, m);
        } else {
            target.buffer.addLast(m);
        }
    }

    /** An idle instance if there is one, else one with credit, round robin. */
    private Instance pickInstance() {
        int n = instances.size();
        for (int k = 0; k < n; k++) {
            Instance inst = instances.get((roundRobin + k) % n);
            if (!inst.crashed && inst.held() == 0) {
                roundRobin = (roundRobin + k + 1) % n;
                return inst;
            }
        }
        for (int k = 0; k < n; k++) {
            Instance inst = instances.get((roundRobin + k) % n);
            if (hasCredit(inst)) {
                roundRobin = (roundRobin + k + 1) % n;
                return inst;
            }
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
        busyCount--;
        instancesChanged();
        stats.timeInNode.record(world.now() - inst.startedAt);
        stats.out++;
        if (!inst.buffer.isEmpty()) {
            start(inst, inst.buffer.pollFirst());
        }
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
        giveBack(inst);
        pull();
    }

    private void giveBack(Instance inst) {
        inst.generation = nextGeneration++;
        List<Message> held = new ArrayList<>(inst.held());
        if (inst.current != null) {
            held.add(inst.current);
        }
        held.addAll(inst.buffer);
        if (inst.current != null) {
            busyCount--;
        }
        inst.current = null;
        inst.buffer.clear();
        instancesChanged();
        for (Message m : held) {
            if (m.unacked) {
                m.deliveredBy.requeue(m);
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
        instances.get(index).crashed = false;
        upCount++;
        instancesChanged();
        pull();
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
        while (instances.size() < n) {
            addInstance();
        }
        while (instances.size() > n) {
            Instance last = instances.removeLast();
            if (!last.crashed) {
                upCount--;
            }
            giveBack(last);
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
        int busy = 0;
        int idle = 0;
        int crashed = 0;
        for (Instance inst : instances) {
            if (inst.crashed) {
                crashed++;
            } else if (inst.current != null) {
                busy++;
            } else {
                idle++;
            }
        }
        stats.busy = busy;
        stats.idle = paused ? 0 : idle;
        stats.crashed = crashed;
        stats.paused = paused ? instances.size() - crashed : 0;
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
