// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A running processor: {@code concurrency} messages at a time, each taking the processing time
 * (a delay processor holds each message for its delay, with no limit on how many). A message that
 * fails (probability {@code failureRate}) goes to the error wire, or is dropped when there is none;
 * the others go through the variant's {@link ProcessorStep}. Messages pushed to a busy processor
 * wait in its buffer; a processor wired from a queue takes messages from it only when it has a
 * free slot, acknowledging them at delivery. A processor with no output completes its messages.
 */
final class ProcessorEntity extends Entity implements Subscriber {
    private static final int DONE = 1;
    private static final int TIMER = 2;

    private Processor model;
    private DurationSampler processing;
    private final ProcessorStep step;
    private final ArrayDeque<Message> buffer = new ArrayDeque<>();
    private List<QueueEntity> inputs = List.of();
    private List<Link> outputs = List.of();
    private List<Link> errors = List.of();
    private int busy;

    public ProcessorEntity(World world, Node node) {
        super(world, node);
        this.model = (Processor) node;
        this.processing = new DurationSampler(model.processingTime());
        this.step = switch (model.variant()) {
            case TRANSFORM, DELAY -> new SimpleSteps.Pass(this);
            case FILTER -> new SimpleSteps.Filter(this, model);
            case CONTENT_ROUTER -> new SimpleSteps.Router(this, model);
            case SPLITTER -> new SimpleSteps.Splitter(this, model);
            case AGGREGATOR -> new AggregatorStep(this, model);
            case RESEQUENCER -> new ResequencerStep(this, model);
            case IDEMPOTENT_RECEIVER -> new SimpleSteps.Idempotent(this, model);
            case CLAIM_CHECK_IN -> new SimpleSteps.ClaimCheckIn(this);
            case CLAIM_CHECK_OUT -> new SimpleSteps.ClaimCheckOut(this);
        };
    }

    @Override
    protected void start() {
        inputs = inputQueues();
        outputs = outs(Port.OUT);
        errors = outs(Port.ERROR);
    }

    World world() {
        return world;
    }

    private boolean isDelay() {
        return model.variant() == Processor.Variant.DELAY;
    }

    private boolean hasFreeSlot() {
        return isDelay() || busy < model.concurrency();
    }

    @Override
    public boolean offer(Message m, Link via) {
        stats.in++;
        if (hasFreeSlot()) {
            begin(m);
        } else {
            buffer.addLast(m);
        }
        return true;
    }

    private void begin(Message m) {
        busy++;
        double time = isDelay() ? QueueEntity.seconds(model.delay()) : processing.sample(rng);
        world.kernel().schedule(time, this, DONE, m, Double.doubleToRawLongBits(world.now()));
    }

    @Override
    public void handle(int type, Object subject, long arg) {
        switch (type) {
            case DONE -> done((Message) subject, Double.longBitsToDouble(arg));
            case TIMER -> step.timer(subject, arg);
            default -> throw new IllegalStateException("processor " + id + " got unknown event " + type);
        }
    }

    private void done(Message m, double startedAt) {
        busy--;
        stats.out++;
        stats.timeInNode.record(world.now() - startedAt);
        if (model.failureRate() > 0 && rng.nextDouble() < model.failureRate()) {
            stats.failed++;
            if (world.watched(m)) {
                world.hop(m, this, "failed", errors.isEmpty() ? "no error wire" : "to the error wire");
            }
            if (errors.isEmpty()) {
                world.drop(m, this, "processing failed and the error port is not wired");
            } else {
                emitAll(m, errors);
            }
        } else {
            if (world.watched(m)) {
                world.hop(m, this, "processed", model.variant().name().toLowerCase());
            }
            step.process(m);
        }
        while (hasFreeSlot() && !buffer.isEmpty()) {
            begin(buffer.pollFirst());
        }
        for (int i = 0, n = inputs.size(); i < n; i++) {
            inputs.get(i).dispatch();
        }
    }

    /** Passes {@code m} to the outputs, or completes it here when there are none. */
    void emit(Message m) {
        emitOrComplete(m, outputs);
    }

    /** Sends {@code m} along the edges whose key is {@code route}, else {@code default}; unroutable otherwise. */
    void emitRoute(Message m, String route) {
        List<Link> chosen = keyed(route);
        if (chosen.isEmpty() && !route.equals("default")) {
            chosen = keyed("default");
        }
        if (world.watched(m)) {
            world.hop(m, this, "routed", route);
        }
        if (chosen.isEmpty()) {
            world.drop(m, this, "no wire for route '" + route + "' and no default route");
        } else {
            emitAll(m, chosen);
        }
    }

    private List<Link> keyed(String key) {
        List<Link> list = new ArrayList<>(1);
        for (Link l : outputs) {
            if (key.equals(l.key())) {
                list.add(l);
            }
        }
        return list;
    }

    void scheduleTimer(double delay, Object subject, long arg) {
        world.kernel().schedule(delay, this, TIMER, subject, arg);
    }

    @Override
    public boolean canTake(boolean singleActive) {
        return hasFreeSlot() && buffer.isEmpty();
    }

    @Override
    public boolean hasIdle(boolean singleActive) {
        return canTake(singleActive);
    }

    @Override
    public boolean alive() {
        return true;
    }

    @Override
    public boolean autoAck() {
        return true;
    }

    @Override
    public void deliver(Message m, QueueEntity from, boolean singleActive) {
        m.deliveredBy = null;
        stats.in++;
        begin(m);
    }

    @Override
    public long inFlightCount() {
        return busy + buffer.size() + step.held();
    }

    @Override
    public void updateGauges() {
        stats.inFlight = inFlightCount();
        stats.busy = busy;
        stats.idle = isDelay() ? 0 : Math.max(0, model.concurrency() - busy);
    }

    @Override
    public String restartReason(Node changed) {
        Processor p = (Processor) changed;
        if (p.variant() != model.variant()) {
            return "processor '" + id + "' changed from " + model.variant() + " to " + p.variant() + "; that needs a restart";
        }
        return null;
    }

    @Override
    public void reconfigure(Node changed) {
        model = (Processor) changed;
        processing = new DurationSampler(model.processingTime());
        step.reconfigure(model);
        while (hasFreeSlot() && !buffer.isEmpty()) {
            begin(buffer.pollFirst());
        }
        for (QueueEntity q : inputs) {
            q.dispatch();
        }
    }

    @Override
    public String eventName(int type) {
        return switch (type) {
            case DONE -> "done";
            case TIMER -> "timer";
            default -> "event-" + type;
        };
    }
}
