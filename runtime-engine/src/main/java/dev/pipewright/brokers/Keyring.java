// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers;

import dev.pipewright.model.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The desktop's keyring, where a broker password may be kept instead of being typed each time;
 * the app keeps and reads it, and {@code pipewright deploy} reads it, under the same attributes
 * (service {@value #SERVICE}, the broker's name, the address without its login, the user), so a
 * password the app remembered is found by the command line. Headless: no JavaFX.
 * On Linux it is the Secret Service (GNOME Keyring, KWallet) through libsecret's own
 * {@code secret-tool}: the password goes to it on its standard input, never on a command line,
 * and never into Pipewright's files. Where no such tool is installed, or the session has no D-Bus
 * bus to reach the secret service on, the keyring is {@linkplain #available() unavailable} and the
 * password is asked for, or read from the environment, as before.
 */
public final class Keyring {
    /** The service attribute every Pipewright entry carries, so they are found and told apart. */
    public static final String SERVICE = "pipewright";
    /** A password longer than this is no password; a tool that prints more is cut off. */
    static final int MAX_BYTES = 64 * 1024;
    /** A locked keyring may ask its owner to unlock it; longer than that, something is wrong. */
    private static final long TIMEOUT_SECONDS = 30;

    private final Path tool;
    private final Map<String, String> environment;

    private Keyring(Path tool, Map<String, String> environment) {
        this.tool = tool;
        this.environment = Map.copyOf(environment);
    }

    /** The keyring of this desktop session: {@code secret-tool} found on the {@code PATH} of {@code environment}. */
    public static Keyring of(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return none();
        }
        if (!hasSessionBus(environment)) {
            // secret-tool talks to the secret service over the session bus; without one every call would fail.
            return none();
        }
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, "secret-tool");
                if (Files.isExecutable(candidate)) {
                    return new Keyring(candidate, environment);
                }
            } catch (java.nio.file.InvalidPathException e) {
                // A PATH entry that is no path holds no tool.
            }
        }
        return none();
    }

    /** Whether the session has a D-Bus bus: its address is given, or libsecret's default one exists. */
    private static boolean hasSessionBus(Map<String, String> environment) {
        String address = environment.get("DBUS_SESSION_BUS_ADDRESS");
        if (address != null && !address.isBlank()) {
            return true;
        }
        String runtime = environment.get("XDG_RUNTIME_DIR");
        try {
            return runtime != null && !runtime.isBlank() && Files.exists(Path.of(runtime, "bus"));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** A keyring that keeps nothing: the password is asked for or read from the environment. */
    public static Keyring none() {
        return new Keyring(null, Map.of());
    }

    /** Whether passwords can be kept here. */
    public boolean available() {
        return tool != null;
    }

    /**
     * The password kept for {@code user} at {@code address} on {@code broker}, or empty when none is kept
     * (or the keyring is unavailable).
     *
     * @throws KeyringException in one sentence when the keyring does not answer
     */
    public Optional<String> password(String broker, String address, String user) {
        if (tool == null) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(tool.toString(), "lookup"));
        command.addAll(attributes(broker, address, user));
        Result r = run(command, null);
        if (r.exit == 0) {
            return Optional.of(r.out);
        }
        // secret-tool says nothing and exits 1 when no entry matches.
        if (r.exit == 1 && r.err.isBlank()) {
            return Optional.empty();
        }
        throw failure("read the password from", r);
    }

    /**
     * Keeps {@code password} for {@code user} at {@code address} on {@code broker}, replacing one kept before.
     *
     * @throws KeyringException in one sentence when the keyring is unavailable or refuses it
     */
    public void remember(String broker, String address, String user, String password) {
        Objects.requireNonNull(password, "password");
        if (tool == null) {
            throw new KeyringException("there is no keyring on this system to keep the password in; install"
                    + " secret-tool (Debian and Ubuntu: apt install libsecret-tools) or type the password each time");
        }
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        if (secret.length > MAX_BYTES) {
            throw new KeyringException("the password is longer than " + MAX_BYTES + " bytes; it was not kept");
        }
        List<String> command = new ArrayList<>(List.of(tool.toString(), "store",
                "--label=Pipewright: " + broker + " " + user + " at " + address));
        command.addAll(attributes(broker, address, user));
        Result r = run(command, secret);
        if (r.exit != 0) {
            throw failure("keep the password in", r);
        }
    }

    /**
     * Removes the password kept for {@code user} at {@code address} on {@code broker}, if any.
     *
     * @throws KeyringException in one sentence when the keyring does not answer
     */
    public void forget(String broker, String address, String user) {
        if (tool == null) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(tool.toString(), "clear"));
        command.addAll(attributes(broker, address, user));
        Result r = run(command, null);
        if (r.exit != 0 && !r.err.isBlank()) {
            throw failure("remove the password from", r);
        }
    }

    private static List<String> attributes(String broker, String address, String user) {
        // "--" first: a user or address that starts with '-' is an attribute's value, never an option.
        return List.of("--", "service", SERVICE, "broker", broker, "address", address, "user", user);
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(List<String> command, byte[] input) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new KeyringException("could not start " + tool + " (" + e.getMessage() + "); type the password instead");
        }
        try (OutputStream stdin = p.getOutputStream()) {
            if (input != null) {
                stdin.write(input);
            }
        } catch (IOException e) {
            // The tool ended before reading: its exit status and message say why.
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new KeyringException("the keyring did not answer within " + TIMEOUT_SECONDS
                        + " s (is it locked?); type the password instead");
            }
            return new Result(p.exitValue(), read(p.getInputStream()), read(p.getErrorStream()));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KeyringException("reading the keyring was interrupted; type the password instead");
        } catch (IOException e) {
            throw new KeyringException("could not read what " + tool + " answered (" + e.getMessage() + ")");
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        }
    }

    private KeyringException failure(String doing, Result r) {
        String said = r.err.strip().lines().findFirst().orElse("exit status " + r.exit);
        if (said.length() > 300) {
            said = said.substring(0, 300) + "…";
        }
        return new KeyringException("could not " + doing + " the keyring: " + TerminalText.escape(said));
    }

    /** The keyring could not do what was asked; the message is one sentence for a person. */
    public static final class KeyringException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyringException(String message) {
            super(message);
        }
    }
}
