// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullRequestOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One consumer instance's prefetch on a pull consumer: it keeps pull requests open for as many
 * messages as it may hold beyond those it holds, so the server delivers up to {@code prefetch}
 * messages to it as they come, each unacknowledged (its {@code ack_wait} running) while it waits in
 * the client, as the NATS profile gives each instance its prefetch of {@code max_ack_pending}.
 *
 * <p>jnats' {@code fetch(n, wait)} returns only when n messages came or the wait is over, so the
 * requests are kept here: each asks for some messages and expires after {@link #REQUEST_EXPIRY};
 * the server fills the oldest first, so a message received counts against the oldest open one, and
 * an expired one gives its remaining messages back. Not thread-safe: one instance's thread only.
 * A retired instance takes in what its open requests still bring, then gives back (naks) all it
 * has not started ({@link #giveBack}); a crashed one does not, so the server delivers those again
 * when their {@code ack_wait} ends.
 */
final class NatsPrefetch {
    /** How long a pull request stays open; another is sent when it is gone. */
    static final Duration REQUEST_EXPIRY = Duration.ofSeconds(1);
    /** A request's expiry is counted this much early, so the server never fills one we gave up. */
    private static final long MARGIN_NANOS = 50_000_000L;

    private final JetStreamSubscription sub;
    private final int prefetch;
    private final Deque<Message> held = new ArrayDeque<>();
    /** Open requests, oldest first: {remaining messages, expiry as a nanoTime}. */
    private final Deque<long[]> open = new ArrayDeque<>();

    NatsPrefetch(JetStreamSubscription sub, int prefetch) {
        this.sub = sub;
        this.prefetch = Math.max(1, prefetch);
    }

    /**
     * The next message this instance holds, waiting up to {@code wait} when it holds none; null
     * when none came. Asks the server for more first, up to the prefetch, unless {@code ask} is
     * false (a paused instance working through what it held at the pause).
     */
    Message next(Duration wait, boolean ask) throws InterruptedException {
        // What reached the client first: a request that filled and then expired before it was read
        // must not count as unfilled, or the instance would ask for more than its prefetch.
        takeWhatCame();
        long now = System.nanoTime();
        while (!open.isEmpty() && open.peekFirst()[1] - MARGIN_NANOS <= now) {
            open.pollFirst();
        }
        long credit = 0;
        for (long[] r : open) {
            credit += r[0];
        }
        long want = prefetch - held.size() - credit;
        if (ask && want > 0) {
            sub.pull(PullRequestOptions.builder((int) want).expiresIn(REQUEST_EXPIRY).build());
            open.addLast(new long[] {want, now + REQUEST_EXPIRY.toNanos()});
        }
        takeWhatCame();
        if (held.isEmpty()) {
            Message m = sub.nextMessage(wait);
            if (m != null) {
                take(m);
            }
        }
        return held.pollFirst();
    }

    /**
     * How many messages this instance holds and has not started, those that reached the client
     * already included (taken in first, without waiting).
     */
    int held() throws InterruptedException {
        takeWhatCame();
        return held.size();
    }

    /**
     * Takes in what still comes for the open requests, asking for nothing more, waiting up to
     * {@code wait} for it: a retired instance waits so until {@link #giveBack} cannot send a
     * message back into a request of its own (each such delivery spends one of {@code max_deliver}).
     *
     * @return whether a request may still bring a message
     */
    boolean awaitRequestsEnd(Duration wait) throws InterruptedException {
        // Counted late here, so a message the server sent just before a request ended still arrives.
        long now = System.nanoTime();
        while (!open.isEmpty() && open.peekFirst()[1] + MARGIN_NANOS <= now) {
            open.pollFirst();
        }
        takeWhatCame();
        if (open.isEmpty()) {
            return false;
        }
        Message m = sub.nextMessage(wait);
        if (m != null) {
            take(m);
        }
        return true;
    }

    /**
     * Naks what this instance holds and has not started, so the server has it for another at once
     * rather than after {@code ack_wait}: a retired instance, or the run's end. A crashed one gives
     * nothing back.
     */
    void giveBack() {
        while (!held.isEmpty()) {
            try {
                held.pollFirst().nak();
            } catch (RuntimeException e) {
                held.clear();
                return; // the connection is going; ack_wait gives them back
            }
        }
    }

    /** What came already, without waiting: a message in the client's queue is held by this instance. */
    private void takeWhatCame() throws InterruptedException {
        while (sub.getPendingMessageCount() > 0) {
            Message m = sub.nextMessage(Duration.ofMillis(1));
            if (m == null) {
                break;
            }
            take(m);
        }
    }

    private void take(Message m) {
        if (!m.isJetStream()) {
            return; // a status the client did not consume itself
        }
        held.addLast(m);
        long[] oldest = open.peekFirst();
        if (oldest != null && --oldest[0] <= 0) {
            open.pollFirst();
        }
    }
}
