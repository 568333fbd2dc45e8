// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * An Artemis server started in-process for one live run from the flow's broker.xml: its journal,
 * paging, bindings and large messages in the run's temporary directory, which {@link #close}
 * deletes. It is a throwaway local broker: security off, an in-VM acceptor only (no port opened),
 * no JMX, persistence on without waiting for the disk (nothing outlives the run), and no disk-full
 * check (a nearly full shared disk would otherwise block the producers).
 */
final class EmbeddedArtemis implements AutoCloseable {
    /** In-VM server ids of this JVM; far from the small ones tests give their own servers. */
    private static final AtomicInteger IDS = new AtomicInteger(7_000);

    private final EmbeddedActiveMQ server;
    private final Path dir;
    private final String url;

    private EmbeddedArtemis(EmbeddedActiveMQ server, Path dir, String url) {
        this.server = server;
        this.dir = dir;
        this.url = url;
    }

    /**
     * Starts a server from {@code c}, a broker.xml as Artemis read it ({@link ArtemisTopology}),
     * keeping its data under {@code dir}.
     *
     * @throws Exception when the server does not start
     */
    static EmbeddedArtemis start(Configuration c, Path dir) throws Exception {
        int id = IDS.incrementAndGet();
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
        // Small journal files: a run's data is small, and NIO fills each new file to its size first.
        c.setPersistenceEnabled(true).setJournalType(JournalType.NIO).setJournalFileSize(1 << 20)
                .setJournalSyncTransactional(false).setJournalSyncNonTransactional(false)
                .setSecurityEnabled(false).setJMXManagementEnabled(false).setMaxDiskUsage(-1)
                .setPagingDirectory(dir.resolve("paging").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setJournalDirectory(dir.resolve("journal").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(dir.resolve("lock").toString());
        c.setBrokerInstance(dir.toFile());
        // The export's tcp://0.0.0.0:61616 is for an installed broker; this one needs no port.
        c.getAcceptorConfigurations().clear();
        c.addAcceptorConfiguration("in-vm", "vm://" + id);
        embedded.setConfiguration(c);
        try {
            embedded.start();
        } catch (Exception e) {
            embedded.stop();
            throw e;
        }
        return new EmbeddedArtemis(embedded, dir, "vm://" + id);
    }

    /** The server, for tests that act on it from the server's side (failing its connections). */
    org.apache.activemq.artemis.core.server.ActiveMQServer server() {
        return server.getActiveMQServer();
    }

    /** The in-VM URL clients connect to. */
    String url() {
        return url;
    }

    /** Stops the server and deletes its directory, best effort. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // It stops with the JVM anyway; the directory still goes.
        }
        deleteTree(dir);
    }

    /** Deletes {@code dir} and all below it, best effort. */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A temporary directory left behind is the system's to clean; the run's result stands.
        }
    }
}
