// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import dev.pipewright.brokers.live.NodeTally;
import jakarta.jms.CompletionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The confirmed sends of one source on Artemis: each send goes without waiting for the server (a
 * JMS {@link CompletionListener} on a connection with a confirmation window), and the server's
 * confirmation counts it confirmed, or nacked when the server refused it for a full address
 * (policy FAIL). What keeps the guarantees of a blocking send:
 * <ul>
 *   <li>At most {@value #MAX_UNCONFIRMED} sends wait for their confirmation at once (the source
 *       waits for room), nor more than {@value #MAX_KEPT_CHARS} characters of their payload texts,
 *       so a server that stops confirming cannot fill the memory; what is kept per send is its
 *       sequence number, route, priority, publish time and payload text, not the message.</li>
 *   <li>After the connection was lost and the client connected it again (the connection's failover
 *       count moved), or when a send or its confirmation failed for the loss, every send still
 *       unconfirmed is sent again, as a new message with the same duplicate id
 *       ({@code _AMQ_DUPL_ID}): the server keeps one copy whether the first reached it or not
 *       (Artemis's own replay of its resend cache, on a session it reattaches, carries the same
 *       id). The first confirmation of a send counts; a later one, of a copy, does not.</li>
 * </ul>
 * Called from the source's own thread ({@link #send}, {@link #drain}); confirmations come on the
 * client's threads.
 */
final class ConfirmedSends {
    /** Confirmed sends of one source that may wait for the server at once, as a RabbitMQ source's publishes. */
    static final int MAX_UNCONFIRMED = 10_000;
    /** Payload characters kept for sends waiting for their confirmation (32 MB), beyond the first. */
    static final long MAX_KEPT_CHARS = 16L << 20;
    private static final long WAIT_MS = 20;

    /** Sends one message of the source for {@code p}, with {@code p} as its completion listener. */
    @FunctionalInterface
    interface Sender {
        void send(Pending p) throws JMSException;
    }

    /** One send waiting for its confirmation: what is needed to make the message again. */
    final class Pending implements CompletionListener {
        final long seq;
        final int route;
        final int priority;
        final long t0;
        /** The payload text, the same for each route and each copy; null for an opaque body. */
        final String text;
        private final long key;

        private Pending(long key, long seq, int route, int priority, long t0, String text) {
            this.key = key;
            this.text = text;
            this.seq = seq;
            this.route = route;
            this.priority = priority;
            this.t0 = t0;
        }

        @Override
        public void onCompletion(Message message) {
            settle(this, false);
        }

        @Override
        public void onException(Message message, Exception e) {
            if (ArtemisLiveRun.addressFull(e)) {
                settle(this, true);
            } else if (ArtemisLiveRun.lostConnection(e)) {
                lost = true; // the source thread sends it again
            } else {
                failed = e;
            }
        }
    }

    private final Sender sender;
    private final NodeTally tally;
    private final IntSupplier failovers;
    private final BooleanSupplier stopping;
    private final long boundNanos;
    private final Map<Long, Pending> unconfirmed = new LinkedHashMap<>();
    private long nextKey;
    private long keptChars;
    private int failoversSeen;
    private volatile boolean lost;
    private volatile Exception failed;

    /**
     * Sends through {@code sender}, counting into {@code tally}; {@code failovers} is how often the
     * connection of the sends was lost and connected again, {@code stopping} whether the run ends.
     */
    ConfirmedSends(Sender sender, NodeTally tally, IntSupplier failovers, BooleanSupplier stopping) {
        this(sender, tally, failovers, stopping, ArtemisTarget.RECOVERY_BOUND);
    }

    /** As the other constructor, waiting up to {@code bound} (not {@link ArtemisTarget#RECOVERY_BOUND}) for the connection. */
    ConfirmedSends(Sender sender, NodeTally tally, IntSupplier failovers, BooleanSupplier stopping, Duration bound) {
        this.boundNanos = bound.toNanos();
        this.sender = Objects.requireNonNull(sender, "sender");
        this.tally = Objects.requireNonNull(tally, "tally");
        this.failovers = Objects.requireNonNull(failovers, "failovers");
        this.stopping = Objects.requireNonNull(stopping, "stopping");
        this.failoversSeen = failovers.getAsInt();
    }

    /**
     * Sends message {@code seq} with payload {@code text} (null: opaque) on route {@code route}
     * once there is room among the sends waiting for their confirmation; a send a lost connection
     * interrupted goes again, with every other unconfirmed one, for up to
     * {@link ArtemisTarget#RECOVERY_BOUND}.
     *
     * @throws JMSException when the server refused the send for another reason than a full
     *     address, or the connection did not come back in time
     */
    void send(long seq, int route, int priority, long t0, String text) throws JMSException, InterruptedException {
        int chars = text == null ? 0 : text.length();
        Pending p = null;
        while (p == null) {
            checkFailed();
            if (resendDue()) {
                resendAll();
            }
            synchronized (unconfirmed) {
                boolean room = unconfirmed.size() < MAX_UNCONFIRMED && keptChars + chars <= MAX_KEPT_CHARS;
                if (room || unconfirmed.isEmpty()) {
                    p = new Pending(nextKey++, seq, route, priority, t0, text);
                    unconfirmed.put(p.key, p);
                    keptChars += chars;
                } else if (stopping.getAsBoolean()) {
                    return; // the run ends while the server has not confirmed the window: this one is not sent
                } else {
                    unconfirmed.wait(WAIT_MS);
                }
            }
        }
        tally.published.incrementAndGet();
        try {
            sender.send(p);
        } catch (JMSException | RuntimeException e) {
            if (ArtemisLiveRun.addressFull(e)) {
                settle(p, true); // a full address with policy FAIL refused it: the broker's nack
            } else if (!stopping.getAsBoolean() && ArtemisLiveRun.lostConnection(e)) {
                resendAll(); // p is among them
            } else {
                throw e;
            }
        }
    }

    /**
     * At the end: waits until the server confirmed or refused every send, sending again what a
     * lost connection left unconfirmed, for up to {@link ArtemisTarget#RECOVERY_BOUND} without a
     * confirmation. True when none is left unconfirmed.
     */
    boolean drain() throws JMSException, InterruptedException {
        long giveUp = System.nanoTime() + boundNanos;
        int left = Integer.MAX_VALUE;
        while (System.nanoTime() < giveUp) {
            checkFailed();
            if (resendDue()) {
                resendAll();
            }
            synchronized (unconfirmed) {
                if (unconfirmed.isEmpty()) {
                    return true;
                }
                if (unconfirmed.size() < left) {
                    left = unconfirmed.size();
                    giveUp = System.nanoTime() + boundNanos;
                }
                unconfirmed.wait(WAIT_MS);
            }
        }
        return false;
    }

    /** How many sends wait for their confirmation now. */
    int unconfirmed() {
        synchronized (unconfirmed) {
            return unconfirmed.size();
        }
    }

    private void settle(Pending p, boolean refused) {
        synchronized (unconfirmed) {
            if (unconfirmed.remove(p.key) != p) {
                return; // a copy sent again after a loss, confirmed already
            }
            keptChars -= p.text == null ? 0 : p.text.length();
            (refused ? tally.nacked : tally.confirmed).incrementAndGet();
            unconfirmed.notifyAll();
        }
    }

    /** True when a loss left sends unconfirmed that must go again. */
    private boolean resendDue() {
        return lost || failovers.getAsInt() != failoversSeen;
    }

    /**
     * Sends every unconfirmed message again, oldest first, while the connection comes back: a send
     * that fails for the loss starts them over, for up to {@link ArtemisTarget#RECOVERY_BOUND}.
     */
    private void resendAll() throws JMSException {
        long giveUp = System.nanoTime() + boundNanos;
        while (true) {
            lost = false;
            failoversSeen = failovers.getAsInt();
            List<Pending> again;
            synchronized (unconfirmed) {
                again = new ArrayList<>(unconfirmed.values());
            }
            try {
                for (Pending p : again) {
                    try {
                        sender.send(p);
                    } catch (JMSException | RuntimeException e) {
                        if (!ArtemisLiveRun.addressFull(e)) {
                            throw e;
                        }
                        settle(p, true);
                    }
                }
                return;
            } catch (JMSException | RuntimeException e) {
                if (stopping.getAsBoolean() || !ArtemisLiveRun.lostConnection(e) || System.nanoTime() > giveUp) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(WAIT_MS)); // the client reconnects meanwhile
            }
        }
    }

    private void checkFailed() throws JMSException {
        Exception e = failed;
        if (e != null) {
            JMSException j = new JMSException("the server refused a send: " + e.getMessage());
            j.setLinkedException(e);
            j.initCause(e);
            throw j;
        }
    }
}
