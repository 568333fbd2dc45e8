// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import dev.pipewright.brokers.live.LiveEndpoints;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.live.LiveLedger;
import dev.pipewright.brokers.live.LiveMessages;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.brokers.live.ProcessorStage;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Topic;
import dev.pipewright.model.config.artemis.ArtemisBrokerXml;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The processors of a live run on Artemis: per processor and input queue, {@code concurrency}
 * threads (a delay processor's concurrency too), each with its own transacted session that takes
 * one message, holds it for the processing time, runs it through the {@link ProcessorStage} and
 * sends what comes out in the same transaction: the commit takes the input and publishes the
 * outputs at once, and a crash or a lost connection before it rolls both back, so the input comes
 * again (at-least-once) and nothing is lost.
 *
 * <p>An aggregator or a resequencer runs on one thread and one session (its held inputs and the
 * output they go into must be in one transaction, which a JMS session is): the transaction stays
 * open while it holds inputs and commits once it holds none, so a complete group's inputs commit
 * with its aggregate. What it releases while other inputs are still held waits in the transaction
 * with them; at the end of a run an uncommitted transaction goes back to its queue. One fed by a
 * source or a consumer holds its inputs in that client's memory ({@link ProcessorStage#holdsInClient}):
 * a thread of its own sends what its timeouts release.
 *
 * <p>What a processor passes to an endpoint or a message store is played in this client ({@link
 * LiveEndpoints}), handed over just before the transaction that took its input commits, once per
 * input: a delivery again after a lost commit does not reach the endpoint twice, and is not lost to
 * it when an idempotent receiver takes the second delivery for a duplicate. A crash of the client
 * loses what its endpoints and stores hold, as their memory is this client's.
 */
final class ArtemisProcessorClients {
    private static final long POLL_MS = 20;

    /** Connects a link for the processors (a consumer window, blocking durable sends); the run closes it. */
    @FunctionalInterface
    interface Connect {
        ArtemisTarget.Link link(int consumerWindow, boolean blockOnDurableSend) throws LiveFailure;
    }

    private final Flow flow;
    private final ArtemisTopology topology;
    private final LiveLedger ledger;
    private final ProcessorStage stage;
    private final LiveEndpoints endpoints;
    private final BooleanSupplier stopping;
    private final Consumer<Exception> failed;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean paused;

    /**
     * The threads of every processor of {@code flow} that reads a queue on the broker, not started;
     * {@code paused} at first or not; what goes to an endpoint or a message store goes to {@code endpoints}.
     */
    ArtemisProcessorClients(Flow flow, ArtemisTopology topology, LiveLedger ledger, long seed, Connect connect,
                            BooleanSupplier stopping, Consumer<Exception> failed, boolean paused, LiveEndpoints endpoints)
            throws LiveFailure, JMSException {
        this.flow = flow;
        this.topology = topology;
        this.ledger = ledger;
        this.stage = new ProcessorStage(flow, ledger, seed);
        this.endpoints = endpoints;
        this.stopping = stopping;
        this.failed = failed;
        this.paused = paused;
        ArtemisTarget.Link link = null;
        for (Node n : flow.nodes()) {
            if (!(n instanceof Processor p)) {
                continue;
            }
            for (String queueId : ledger.queuesInto(p.id())) {
                if (link == null) {
                    link = connect.link(0, true); // no buffering: a message waits in its queue until a thread asks
                }
                int slots = ProcessorStage.holds(p) ? 1 : Math.max(1, p.concurrency());
                for (int i = 0; i < slots; i++) {
                    Session session = link.connection().createSession(true, Session.SESSION_TRANSACTED);
                    String from = topology.queue(ledger.queueName(queueId)).consumeFrom();
                    Thread t = new Thread(() -> consume(p, queueId, from, session), "pipewright-live-" + p.id() + "-" + i);
                    t.setDaemon(true);
                    threads.add(t);
                }
            }
            if (ProcessorStage.holdsInClient(flow, p) && p.timeout() != null && !p.timeout().isZero()) {
                if (link == null) {
                    link = connect.link(0, true);
                }
                Session session = link.connection().createSession(true, Session.SESSION_TRANSACTED);
                Thread t = new Thread(() -> expireInClient(p, session), "pipewright-live-" + p.id() + "-timeouts");
                t.setDaemon(true);
                threads.add(t);
            }
        }
    }

    /**
     * Sends, on {@code session} in one transaction each time, what the timeouts of aggregator or
     * resequencer {@code p} released, which holds its inputs in the memory of the client feeding
     * it (a source's, a consumer's), until the run stops; what a lost connection rolled back is
     * lost with that memory, dropped at the processor.
     */
    private void expireInClient(Processor p, Session session) {
        NodeTally me = ledger.tally(p.id());
        Map<String, MessageProducer> producers = new HashMap<>();
        try {
            while (!stopping.getAsBoolean()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
                ProcessorStage.Result r = paused ? null : stage.expire(p.id(), System.nanoTime());
                if (r == null || r.outputs().isEmpty() && r.local().isEmpty()) {
                    continue;
                }
                me.busy.incrementAndGet();
                try {
                    send(p, session, r, null, null, null, Message.DEFAULT_PRIORITY, producers);
                    endpoints.fromProcessor(p.id(), List.of(), r.local(), null);
                    session.commit();
                    r.outputs().forEach(o -> ledger.forwarded(p.id(), o.edge().to()));
                } catch (JMSException | RuntimeException e) {
                    ArtemisLiveRun.rollBackAfterLostConnection(session, e);
                    me.dropped.addAndGet(r.outputs().size());
                } finally {
                    me.busy.decrementAndGet();
                }
            }
        } catch (Exception e) {
            if (!stopping.getAsBoolean()) {
                failed.accept(e);
            }
        } finally {
            ArtemisLiveRun.closeQuietly(session);
        }
    }

    /** The threads, for the run to start and join. */
    List<Thread> threads() {
        return Collections.unmodifiableList(threads);
    }

    /** Makes the processors stop taking messages (finishing what they hold), or take them again. */
    void setPaused(boolean pause) {
        paused = pause;
    }

    private void consume(Processor p, String queueId, String from, Session session) {
        NodeTally me = ledger.tally(p.id());
        Map<String, MessageProducer> producers = new HashMap<>();
        Pending pending = ProcessorStage.holds(p) ? new Pending() : null;
        MessageConsumer mc = null;
        try {
            while (!stopping.getAsBoolean()) {
                if (paused) {
                    if (mc != null) {
                        mc.close();
                        mc = null;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
                    continue;
                }
                if (mc == null) {
                    mc = session.createConsumer(session.createQueue(from));
                }
                Message m;
                try {
                    m = mc.receive(POLL_MS);
                } catch (JMSException | RuntimeException e) {
                    if (!ArtemisLiveRun.lostConnection(e)) {
                        throw e;
                    }
                    if (pending != null) {
                        pending.abandon(p, queueId); // the server rolled the transaction back
                    }
                    continue; // the client reconnects
                }
                if (m == null) {
                    if (pending != null) {
                        // What a timeout released: the processors after it in this client hold it first, as for a message.
                        ProcessorStage.Result r = stage.expire(p.id(), System.nanoTime());
                        if (r.outputs().isEmpty() && r.settles().isEmpty() || !waitFor(r.laterSeconds())) {
                            continue;
                        }
                        send(p, session, r, null, null, null, m, producers);
                        pending.add(r);
                        pending.commitIfNothingHeld(p, queueId, session);
                    }
                    continue;
                }
                me.busy.incrementAndGet();
                try {
                    if (pending != null) {
                        handleHeld(p, queueId, session, m, producers, pending);
                    } else {
                        handle(p, queueId, session, m, producers);
                    }
                } finally {
                    me.busy.decrementAndGet();
                }
            }
        } catch (Exception e) {
            if (!stopping.getAsBoolean()) {
                failed.accept(e);
            }
        } finally {
            ArtemisLiveRun.closeQuietly(session); // rolls back what it holds: the message goes back to its queue
        }
    }

    /**
     * Processor {@code p} takes message {@code m} from {@code queueId}: counted delivered, held for
     * the processing time, and read as the stage takes it; null when the run ended meanwhile
     * (closing the session rolls it back, and the ledger counts what is in hand so).
     */
    private Taken take(Processor p, String queueId, Message m) throws JMSException {
        long now = System.nanoTime();
        String messageId = m.getStringProperty(ArtemisLiveRun.ID_PROPERTY) != null
                ? m.getStringProperty(ArtemisLiveRun.ID_PROPERTY) : m.getJMSMessageID();
        // The account tells a source's duplicate and a message sent back by a retrying dead-letter queue apart from the original.
        String id = LiveMessages.ledgerId(messageId, m.getObjectProperty(ArtemisLiveRun.COPY_PROPERTY),
                m.getObjectProperty(ArtemisRetrier.RETRY_PROPERTY), m.getObjectProperty(LiveMessages.LEG_HEADER));
        Long t0 = m.propertyExists(ArtemisLiveRun.TIME_PROPERTY) ? m.getLongProperty(ArtemisLiveRun.TIME_PROPERTY) : null;
        int attempt = ledger.delivered(queueId, p.id(), id, t0, now);
        if (!waitFor(stage.holdSeconds(p.id()))) {
            ledger.processed(p.id(), now, System.nanoTime());
            return null;
        }
        Body body = Body.of(m);
        return new Taken(id, t0, attempt, now, body, item(messageId, body, m));
    }

    /** A message's body: its text, or its bytes (null for the other kind). */
    record Body(String text, byte[] bytes) {
        static Body of(Message m) throws JMSException {
            return new Body(m instanceof TextMessage t ? t.getText() : null, m instanceof BytesMessage b ? ArtemisProcessorClients.bytes(b) : null);
        }
    }

    /** Message {@code m} with body {@code body} as the stage takes it, counted by {@code messageId}. */
    static ProcessorStage.Item item(String messageId, Body body, Message m) throws JMSException {
        Map<String, Object> headers = properties(m);
        Object key = headers.get(ArtemisBrokerXml.ROUTING_KEY_PROPERTY);
        return new ProcessorStage.Item(messageId, body.text(), body.text() != null ? body.text().length()
                : body.bytes() == null ? 0 : body.bytes().length, headers, key == null ? null : key.toString());
    }

    /** A message a processor took: its ledger id, publish time, which delivery, when it came, its body and item. */
    private record Taken(String id, Long t0, int attempt, long started, Body body, ProcessorStage.Item item) {
    }

    private void handle(Processor p, String queueId, Session session, Message m, Map<String, MessageProducer> producers)
            throws JMSException {
        Taken in = take(p, queueId, m);
        if (in == null) {
            return;
        }
        String id = in.id();
        int attempt = in.attempt();
        ProcessorStage.Result r = stage.process(p.id(), in.item());
        boolean alive = waitFor(r.laterSeconds());
        ledger.processed(p.id(), in.started(), System.nanoTime());
        if (!alive) {
            return;
        }
        send(p, session, r, in.item(), in.body().text(), in.body().bytes(), m, producers);
        endpoints.fromProcessor(p.id(), List.of(id), r.local(), in.t0());
        try {
            session.commit();
        } catch (JMSException | RuntimeException e) {
            ArtemisLiveRun.rollBackAfterLostConnection(session, e);
            ledger.abandoned(p.id(), queueId, id, attempt);
            return;
        }
        for (ProcessorStage.Output o : r.outputs()) {
            ledger.forwarded(p.id(), o.edge().to());
        }
        ledger.acknowledged(p.id(), queueId, id, in.t0(), System.nanoTime());
    }

    /**
     * Sends {@code r}'s outputs in {@code session}'s transaction; an output that is input
     * {@code item} itself (null: none) goes on with its {@code text} or {@code bytes}, at the
     * priority of message {@code m} (null: the default).
     */
    private void send(Processor p, Session session, ProcessorStage.Result r, ProcessorStage.Item item, String text,
                      byte[] bytes, Message m, Map<String, MessageProducer> producers) throws JMSException {
        send(p, session, r, item, text, bytes, m == null ? Message.DEFAULT_PRIORITY : m.getJMSPriority(), producers);
    }

    private void send(Processor p, Session session, ProcessorStage.Result r, ProcessorStage.Item item, String text,
                      byte[] bytes, int priority, Map<String, MessageProducer> producers) throws JMSException {
        for (ProcessorStage.Output o : r.outputs()) {
            Node to = flow.node(o.edge().to()).orElseThrow();
            MessageProducer producer = producers.get(to.id());
            if (producer == null) {
                producer = session.createProducer(to instanceof Topic t ? session.createTopic(t.name())
                        : session.createQueue(ledger.queueName(to.id())));
                producer.setDisableMessageID(true);
                producer.setDisableMessageTimestamp(true);
                producers.put(to.id(), producer);
            }
            boolean same = item != null && o.item() == item;
            Message out = message(session, o, same ? text : null, same ? bytes : null, p);
            if (to instanceof Topic) {
                String k = o.edge().key() != null ? o.edge().key() : o.item().routingKey();
                if (k != null && !k.isEmpty()) {
                    out.setStringProperty(ArtemisBrokerXml.ROUTING_KEY_PROPERTY, k);
                }
            }
            producer.send(out, DeliveryMode.PERSISTENT, priority, Message.DEFAULT_TIME_TO_LIVE);
        }
    }

    /**
     * Message {@code in} of source {@code s}, wired straight to processor {@code processorId}: run
     * through the stage in the source's client and what comes out sent on the source's
     * {@code session} at {@code priority} (with {@code producers}, the source's own, kept between
     * calls), counted at the processor once the send returns.
     */
    void fromSource(Session session, dev.pipewright.model.Source s, String processorId, ProcessorStage.Item in, int priority,
                    Map<String, MessageProducer> producers) throws JMSException {
        Processor p = (Processor) flow.node(processorId).orElseThrow();
        ProcessorStage.Result r = stage.fromSource(s.id(), processorId, in);
        send(p, session, r, in, in.body(), null, priority, producers);
        for (ProcessorStage.Output o : r.outputs()) {
            ledger.forwarded(processorId, o.edge().to());
        }
        endpoints.fromProcessor(processorId, List.of(), r.local(), null);
    }

    /**
     * Message {@code in} with body {@code body}, which a consumer finished, run through processor
     * {@code processorId} in the consumer's client: what comes out is sent on the consumer's
     * {@code session} at {@code priority}, in the transaction that acknowledges the input (a
     * rollback takes both back). The caller counts the outputs at the processor once it committed.
     * For a delivery again of an input whose transaction did not commit, {@code earlier} (else
     * null) is what the processor made of it then, sent again rather than run a second time.
     */
    ProcessorStage.Result fromConsumer(Session session, String processorId, ProcessorStage.Item in, Body body, int priority,
                                       ProcessorStage.Result earlier) throws JMSException {
        Processor p = (Processor) flow.node(processorId).orElseThrow();
        ProcessorStage.Result r = earlier != null ? earlier : stage.fromConsumer(processorId, in);
        Map<String, MessageProducer> producers = new HashMap<>();
        try {
            send(p, session, r, in, body.text(), body.bytes(), priority, producers);
        } finally {
            for (MessageProducer producer : producers.values()) {
                producer.close(); // what it sent stays in the transaction
            }
        }
        return r;
    }

    /**
     * An aggregator or a resequencer takes message {@code m}: as {@link #handle}, except that the
     * outputs and the inputs they settle wait in the transaction until the processor holds nothing.
     */
    private void handleHeld(Processor p, String queueId, Session session, Message m, Map<String, MessageProducer> producers,
                            Pending pending) throws JMSException {
        Taken in = take(p, queueId, m);
        if (in == null) {
            return;
        }
        ProcessorStage.Result r = stage.process(p.id(), in.item(), new ProcessorStage.Receipt(in.id(), in.t0(), in.attempt(),
                0), in.started());
        boolean alive = waitFor(r.laterSeconds());
        ledger.processed(p.id(), in.started(), System.nanoTime());
        if (!alive) {
            return;
        }
        send(p, session, r, in.item(), in.body().text(), in.body().bytes(), m, producers);
        pending.add(r);
        pending.commitIfNothingHeld(p, queueId, session);
    }

    /** What one held-inputs processor's open transaction holds: outputs sent, inputs to settle, once it commits. */
    private final class Pending {
        private final List<ProcessorStage.Output> outputs = new ArrayList<>();
        private final List<ProcessorStage.Receipt> settles = new ArrayList<>();
        private final List<ProcessorStage.Output> local = new ArrayList<>();

        void add(ProcessorStage.Result r) {
            outputs.addAll(r.outputs());
            settles.addAll(r.settles());
            local.addAll(r.local());
        }

        /** Commits when the processor holds nothing (its held inputs are in the transaction too). */
        void commitIfNothingHeld(Processor p, String queueId, Session session) throws JMSException {
            if (outputs.isEmpty() && settles.isEmpty() && local.isEmpty() || stage.held(p.id()) > 0) {
                return;
            }
            endpoints.fromProcessor(p.id(), settles.stream().map(ProcessorStage.Receipt::ledgerId).toList(), local,
                    settles.isEmpty() ? null : settles.getFirst().t0());
            try {
                session.commit();
            } catch (JMSException | RuntimeException e) {
                ArtemisLiveRun.rollBackAfterLostConnection(session, e);
                abandon(p, queueId);
                return;
            }
            for (ProcessorStage.Output o : outputs) {
                ledger.forwarded(p.id(), o.edge().to());
            }
            for (ProcessorStage.Receipt settled : settles) {
                ledger.acknowledged(p.id(), queueId, settled.ledgerId(), settled.t0(), System.nanoTime());
            }
            outputs.clear();
            settles.clear();
            local.clear();
        }

        /** The transaction rolled back: every input in it comes again, those the stage holds too. */
        void abandon(Processor p, String queueId) {
            List<ProcessorStage.Receipt> back = new ArrayList<>(settles);
            back.addAll(stage.forget(p.id()));
            for (ProcessorStage.Receipt r : back) {
                ledger.abandoned(p.id(), queueId, r.ledgerId(), r.attempt());
            }
            outputs.clear();
            settles.clear();
            local.clear();
        }
    }

    /**
     * The message to send for output {@code o}: the input's text or bytes when it passes on
     * unchanged, else the part's; its properties, its id, and a duplicate id of its own (the
     * input's would make the server drop it as a duplicate).
     */
    private static Message message(Session session, ProcessorStage.Output o, String sameText, byte[] sameBytes,
                                   Processor p) throws JMSException {
        ProcessorStage.Item item = o.item();
        Message out;
        String text = sameText != null ? sameText : item.body();
        if (sameBytes != null) {
            BytesMessage b = session.createBytesMessage();
            b.writeBytes(sameBytes);
            out = b;
        } else if (text != null) {
            out = session.createTextMessage(text);
        } else {
            BytesMessage b = session.createBytesMessage();
            b.writeBytes(new byte[item.size()]);
            out = b;
        }
        for (Map.Entry<String, Object> h : item.headers().entrySet()) {
            String name = h.getKey();
            if (!name.startsWith("JMS") && !name.startsWith("_AMQ") && !name.startsWith("__AMQ")
                    && !name.equals(ArtemisBrokerXml.ROUTING_KEY_PROPERTY)) {
                out.setObjectProperty(name, h.getValue());
            }
        }
        out.setStringProperty(ArtemisLiveRun.ID_PROPERTY, item.id());
        // Unique per copy and per retry too, or the server would take a duplicate's output for the original's.
        out.setStringProperty(org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID.toString(),
                LiveMessages.ledgerId(item.id(), item.headers().get(ArtemisLiveRun.COPY_PROPERTY),
                        item.headers().get(ArtemisRetrier.RETRY_PROPERTY), item.headers().get(LiveMessages.LEG_HEADER))
                        + "@" + p.id() + "#" + o.index());
        return out;
    }

    /** Waits {@code seconds} on this thread, as work would; false when the run stopped meanwhile. */
    private boolean waitFor(double seconds) {
        long until = System.nanoTime() + Math.round(seconds * 1e9);
        long wait;
        while ((wait = until - System.nanoTime()) > 0 && !stopping.getAsBoolean()) {
            LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(POLL_MS)));
        }
        return !stopping.getAsBoolean();
    }

    private static byte[] bytes(BytesMessage b) throws JMSException {
        byte[] out = new byte[(int) Math.min(Integer.MAX_VALUE, b.getBodyLength())];
        b.reset();
        b.readBytes(out);
        return out;
    }

    /** The message's properties whose values JMS can set again (strings, numbers, booleans). */
    private static Map<String, Object> properties(Message m) throws JMSException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var names = m.getPropertyNames(); names.hasMoreElements(); ) {
            String name = String.valueOf(names.nextElement());
            Object v = m.getObjectProperty(name);
            if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                out.put(name, v);
            }
        }
        return out;
    }
}
