// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import dev.pipewright.brokers.live.DeadLetterRetries;
import dev.pipewright.brokers.live.LiveLedger;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Retry with delay on Artemis ({@link DeadLetterRetries}): a client takes each message off the
 * retrying dead-letter queue in a transaction and either sends it back to its origin queue as a
 * scheduled delivery after the delay (JMS delivery delay, which Artemis carries out as scheduled
 * delivery, which needs nothing on the server), counting the times in {@value #RETRY_PROPERTY}, or
 * moves it to the parking queue, which the broker.xml export holds.
 */
final class ArtemisRetrier {
    /** The property counting how often a message was sent back to its origin. */
    static final String RETRY_PROPERTY = "pwRetry";
    private static final long POLL_MS = 20;

    private final DeadLetterRetries.Plan plan;
    private final LiveLedger ledger;
    private final String dlq;
    private final String origin;
    private final String parked;

    ArtemisRetrier(DeadLetterRetries.Plan plan, LiveLedger ledger) {
        this.plan = plan;
        this.ledger = ledger;
        this.dlq = ledger.queueName(plan.dlq().id());
        this.origin = ledger.queueName(plan.originId());
        this.parked = dlq == null ? null : DeadLetterRetries.parkedName(dlq);
    }

    /** The retrying dead-letter queue's node id. */
    String dlqId() {
        return plan.dlq().id();
    }

    /**
     * Whether both ends of the plan and its parking queue are in the export: the export writes the
     * parking address and queue ({@link dev.pipewright.model.config.RetryTopology}), and the run
     * creates only the export.
     */
    boolean runs(ArtemisTopology topology) {
        return dlq != null && origin != null && topology.queue(parked) != null;
    }

    /** Tells the ledger of the parking queue. */
    void register() {
        ledger.parkQueue(plan.dlq().id(), plan.originId(), parked, null);
    }

    /**
     * A thread, not started, that moves the dead-letter queue's messages on a transacted session of
     * its own until {@code stopping}; what fails it tells {@code failed}.
     */
    Thread thread(Session session, String consumeFrom, BooleanSupplier stopping, Consumer<Exception> failed)
            throws JMSException {
        MessageConsumer mc = session.createConsumer(session.createQueue(consumeFrom));
        MessageProducer back = session.createProducer(session.createQueue(origin));
        back.setDeliveryDelay(plan.dlq().retryAfter().toMillis());
        MessageProducer park = session.createProducer(session.createQueue(parked));
        var busy = ledger.tally(plan.dlq().id()).busy;
        Thread t = new Thread(() -> {
            try {
                while (!stopping.getAsBoolean()) {
                    Message m;
                    try {
                        m = mc.receive(POLL_MS);
                    } catch (JMSException | RuntimeException e) {
                        if (!ArtemisLiveRun.lostConnection(e)) {
                            throw e;
                        }
                        continue;
                    }
                    if (m == null) {
                        continue;
                    }
                    busy.incrementAndGet();
                    try {
                        int sentBack = m.propertyExists(RETRY_PROPERTY) ? m.getIntProperty(RETRY_PROPERTY) : 0;
                        String id = String.valueOf(m.getStringProperty(ArtemisLiveRun.ID_PROPERTY));
                        boolean again = plan.sendsBack(sentBack);
                        Message copy = copy(session, m);
                        if (again) {
                            copy.setIntProperty(RETRY_PROPERTY, sentBack + 1);
                            back.send(copy, DeliveryMode.PERSISTENT, m.getJMSPriority(), Message.DEFAULT_TIME_TO_LIVE);
                        } else {
                            park.send(copy, DeliveryMode.PERSISTENT, m.getJMSPriority(), Message.DEFAULT_TIME_TO_LIVE);
                        }
                        session.commit();
                        if (again) {
                            ledger.retried(plan.dlq().id(), id);
                        } else {
                            ledger.parked(plan.dlq().id(), id);
                        }
                    } finally {
                        busy.decrementAndGet();
                    }
                }
            } catch (Exception e) {
                if (!stopping.getAsBoolean()) {
                    failed.accept(e);
                }
            } finally {
                ArtemisLiveRun.closeQuietly(session); // rolls back what it holds: the message stays in the dead-letter queue
            }
        }, "pipewright-live-" + plan.dlq().id() + "-retrier");
        t.setDaemon(true);
        return t;
    }

    /**
     * A new message with {@code m}'s body and user properties, not the server's own ({@code _AMQ_...}:
     * the duplicate id among them, with which the origin would refuse it as a duplicate).
     */
    static Message copy(Session session, Message m, String... except) throws JMSException {
        Message r;
        if (m instanceof TextMessage t) {
            r = session.createTextMessage(t.getText());
        } else {
            BytesMessage out = session.createBytesMessage();
            if (m instanceof BytesMessage b) {
                byte[] body = new byte[(int) b.getBodyLength()];
                b.reset();
                b.readBytes(body);
                out.writeBytes(body);
            }
            r = out;
        }
        java.util.Enumeration<?> names = m.getPropertyNames(); // a raw Enumeration in the JMS API
        while (names.hasMoreElements()) {
            String n = (String) names.nextElement();
            if (!n.startsWith("_AMQ") && !n.startsWith("JMS") && !java.util.Arrays.asList(except).contains(n)) {
                r.setObjectProperty(n, m.getObjectProperty(n));
            }
        }
        return r;
    }
}
