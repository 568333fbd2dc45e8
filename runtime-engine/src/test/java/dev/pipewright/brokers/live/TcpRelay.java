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
 * network failure does, while it still accepts new ones (so the client can reconnect).
 */
public final class TcpRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int brokerPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong toClient = new AtomicLong();

    /** A relay on a free port of 127.0.0.1 to {@code brokerPort} there. */
    public TcpRelay(int brokerPort) throws IOException {
        this.brokerPort = brokerPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
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
                pump(client, broker, null);
                pump(broker, client, toClient);
            } catch (IOException e) {
                // The relay closed, or the broker refused: the client sees its connection fail.
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
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
