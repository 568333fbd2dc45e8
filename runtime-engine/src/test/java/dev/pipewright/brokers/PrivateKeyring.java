// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A desktop keyring of the test's own: a D-Bus session bus and GNOME Keyring's secret service in
 * a temporary home, so that the tests keep and read passwords for real without touching the
 * user's keyring. Skipped when the tools are not installed, unless PIPEWRIGHT_REQUIRE_BROKERS=1
 * (CI installs them).
 */
public final class PrivateKeyring implements AutoCloseable {
    private final Map<String, String> environment;
    private final long busPid;

    private PrivateKeyring(Map<String, String> environment, long busPid) {
        this.environment = environment;
        this.busPid = busPid;
    }

    /** The environment a {@link Keyring} of this session is made from. */
    public Map<String, String> environment() {
        return environment;
    }

    public static PrivateKeyring start(Path home) throws IOException, InterruptedException {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String tool : List.of("dbus-daemon", "gnome-keyring-daemon", "secret-tool")) {
            if (!onPath(path, tool)) {
                String why = tool + " is not installed (apt install dbus gnome-keyring libsecret-tools)";
                if ("1".equals(System.getenv("PIPEWRIGHT_REQUIRE_BROKERS"))) {
                    fail(why + "; PIPEWRIGHT_REQUIRE_BROKERS=1 makes this a failure");
                }
                Assumptions.abort(why + "; the keyring tests are skipped");
            }
        }
        Map<String, String> env = new HashMap<>();
        env.put("PATH", path);
        env.put("HOME", home.toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("XDG_RUNTIME_DIR", home.toString());
        // --fork returns once the bus listens; it prints its address and process id.
        // The forked bus keeps the pipe open, so two lines are read, not the stream's end.
        Process bus = process(env, "dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1");
        String address;
        String pidLine;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))) {
            address = out.readLine();
            pidLine = out.readLine();
        }
        if (!bus.waitFor(60, TimeUnit.SECONDS) || bus.exitValue() != 0 || address == null || pidLine == null) {
            fail("dbus-daemon did not start: " + address + " " + pidLine);
        }
        env.put("DBUS_SESSION_BUS_ADDRESS", address.strip());
        long pid = Long.parseLong(pidLine.strip());
        // --daemonize returns once the secret service is on the bus; the login keyring is made with this password.
        ProcessBuilder daemon = new ProcessBuilder("gnome-keyring-daemon", "--daemonize", "--unlock", "--components=secrets")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        daemon.environment().clear();
        daemon.environment().putAll(env);
        Process keyring = daemon.start();
        try (OutputStream in = keyring.getOutputStream()) {
            in.write("test-unlock".getBytes(StandardCharsets.UTF_8));
        }
        if (!keyring.waitFor(60, TimeUnit.SECONDS) || keyring.exitValue() != 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            fail("gnome-keyring-daemon did not start");
        }
        return new PrivateKeyring(Map.copyOf(env), pid);
    }

    private static Process process(Map<String, String> env, String... command) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        b.environment().clear();
        b.environment().putAll(env);
        return b.start();
    }

    private static boolean onPath(String path, String tool) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Stops the bus; the secret service, its only client, ends with it. */
    @Override
    public void close() {
        ProcessHandle.of(busPid).ifPresent(ProcessHandle::destroy);
    }
}
