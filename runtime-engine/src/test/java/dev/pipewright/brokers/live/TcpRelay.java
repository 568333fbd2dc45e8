// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay for tests between a client and a broker on 127.0.0.1: what it accepts on its own
 * port it forwards to the broker's, and {@link #dropAll} cuts every connection at once, as a
 * network failure does, while it still accepts new ones (so the client can reconnect); or
 * {@link #cutOnceAt} cuts the one connection that sends a given marker, at that point.
 */
public final class TcpRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int brokerPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong toClient = new AtomicLong();
    private volatile byte[] cutAt;
    private final java.util.concurrent.atomic.AtomicBoolean cut = new java.util.concurrent.atomic.AtomicBoolean();

    /** A relay on a free port of 127.0.0.1 to {@code brokerPort} there. */
    public TcpRelay(int brokerPort) throws IOException {
        this(brokerPort, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /**
     * A relay that ends TLS: clients connect with TLS to a free port of 127.0.0.1, shown the
     * certificate of {@code tls}'s key, and the relay forwards in plain to {@code brokerPort}.
     */
    public static TcpRelay tls(int brokerPort, javax.net.ssl.SSLContext tls) throws IOException {
        return new TcpRelay(brokerPort, tls.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress()));
    }

    private TcpRelay(int brokerPort, ServerSocket server) {
        this.brokerPort = brokerPort;
        this.server = server;
        Thread t = new Thread(this::accept, "tcp-relay-accept");
        t.setDaemon(true);
        t.start();
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** How many client connections it accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Bytes forwarded from the broker to clients so far. */
    public long bytesToClients() {
        return toClient.get();
    }

    /**
     * Cuts, once, the connection whose client next sends {@code marker} (bytes it writes that hold
     * it, across reads too), before those bytes reach the broker: a lost connection at a point the
     * test chooses, such as the publish of a given message id. {@link #cut()} says when it did.
     */
    public void cutOnceAt(String marker) {
        cutOnceAt(marker.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** As {@link #cutOnceAt(String)}, at bytes {@code marker} (a protocol frame's, say). */
    public void cutOnceAt(byte[] marker) {
        cutAt = marker.clone();
    }

    /** Whether the connection {@link #cutOnceAt} asked for was cut. */
    public boolean cut() {
        return cut.get();
    }

    /** Cuts every connection open now. */
    public void dropAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                open.add(client);
                open.add(broker);
                accepted.incrementAndGet();
                pump(client, broker, null, true);
                pump(broker, client, toClient, false);
            } catch (IOException e) {
                // The relay closed, or the broker refused: the client sees its connection fail.
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter, boolean toBroker) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            byte[] tail = new byte[0];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    byte[] marker = cutAt;
                    if (toBroker && marker != null && !cut.get()) {
                        byte[] seen = java.util.Arrays.copyOf(tail, tail.length + n);
                        System.arraycopy(buffer, 0, seen, tail.length, n);
                        if (contains(seen, marker) && cut.compareAndSet(false, true)) {
                            return; // the finally closes both ends: these bytes never reach the broker
                        }
                        tail = java.util.Arrays.copyOfRange(seen, Math.max(0, seen.length - marker.length + 1), seen.length);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    if (counter != null) {
                        counter.addAndGet(n);
                    }
                }
            } catch (IOException e) {
                // Dropped or closed at one end.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static boolean contains(byte[] bytes, byte[] marker) {
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropAll();
    }
}
