// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.pipewright.brokers.live.LiveFailure;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The sources' own connection to RabbitMQ, opened again when it is lost. The library's automatic
 * recovery is not used here: a source must know that its channel is new, to publish again what the
 * old one had not had confirmed ({@link SourcePublisher}), so it asks for a channel here after a
 * failure. Thread-safe: every source of a run shares one link.
 */
final class PublisherLink implements AutoCloseable {
    private static final long FIRST_RETRY_NANOS = 200_000_000L;
    private static final long LAST_RETRY_NANOS = 2_000_000_000L;

    private final RabbitTarget target;
    private final String name;
    private final AtomicInteger losses = new AtomicInteger();
    private Connection connection;
    private boolean closed;

    /** Opens the link's first connection, named {@code name}. */
    PublisherLink(RabbitTarget target, String name) throws LiveFailure {
        this.target = target;
        this.name = name;
        this.connection = target.connect(name);
    }

    /**
     * A new channel (in confirm mode when asked), on the connection, or, when that was lost, on a new
     * one opened with retries for up to {@link RabbitTarget#RECOVERY_BOUND}.
     *
     * @throws IOException when no connection could be opened in time, the run stops or the link is closed
     */
    synchronized Channel channel(boolean confirms, BooleanSupplier stop) throws IOException {
        long giveUp = System.nanoTime() + RabbitTarget.RECOVERY_BOUND.toNanos();
        long retry = FIRST_RETRY_NANOS;
        while (true) {
            if (closed) {
                throw new IOException("the sources' connection is closed");
            }
            try {
                if (!connection.isOpen()) {
                    Connection next = target.connect(name);
                    connection = next;
                    losses.incrementAndGet();
                }
                Channel ch = connection.createChannel();
                if (confirms) {
                    ch.confirmSelect();
                }
                return ch;
            } catch (LiveFailure | IOException | RuntimeException e) {
                if (stop.getAsBoolean() || System.nanoTime() + retry > giveUp) {
                    throw new IOException("the sources' connection could not be opened again", e);
                }
                LockSupport.parkNanos(retry);
                retry = Math.min(retry * 2, LAST_RETRY_NANOS);
            }
        }
    }

    /** How often the connection was lost and opened again. */
    int losses() {
        return losses.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (connection.isOpen()) {
                connection.close(5_000);
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: the broker may be gone already.
        }
    }
}
