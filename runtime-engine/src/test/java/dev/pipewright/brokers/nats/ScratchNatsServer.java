// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipewright.brokers.live.Await;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A nats-server of a test's own: JetStream in a folder of the test's, on a free port of 127.0.0.1,
 * with the login options the test gives ({@code --user}/{@code --pass}, {@code --auth}), stopped on
 * close. The test is skipped where no nats-server is installed.
 */
public final class ScratchNatsServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private ScratchNatsServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts nats-server with JetStream in {@code dir} and {@code auth} (its login options), and waits until it listens. */
    public static ScratchNatsServer start(Path dir, String... auth) throws Exception {
        Path binary = List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server").stream()
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(binary != null, "no nats-server installed; skipped");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port),
                "-js", "-sd", dir.toString()));
        command.addAll(List.of(auth));
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        Await.until("nats-server listening on " + port, () -> {
            try {
                new Socket("127.0.0.1", port).close();
                return true;
            } catch (java.io.IOException e) {
                return !server.isAlive();
            }
        }, () -> "not yet");
        assertThat(server.isAlive()).as("nats-server started").isTrue();
        return new ScratchNatsServer(server, port);
    }

    /** Its address, {@code nats://127.0.0.1:PORT}. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Its port. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
