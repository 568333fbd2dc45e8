// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway certificate authority made with the JDK's {@code keytool} in a test's directory: its
 * certificate as PEM ({@link #caPem}), for a client to trust, and a server key with a certificate
 * the CA signed ({@link #serverKeystore}), for a listener to show.
 */
public final class TestCa {
    /** The password of every store this makes (PKCS12 keeps one password for the store and its keys). */
    public static final String PASSWORD = "changeit";
    private final Path dir;

    private TestCa(Path dir) {
        this.dir = dir;
    }

    /** Makes a CA in {@code dir}: a key pair whose certificate may sign others ({@code BasicConstraints} CA). */
    public static TestCa in(Path dir) throws IOException, InterruptedException {
        TestCa ca = new TestCa(dir);
        ca.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Pipewright test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.caStore());
        ca.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.caStore(), "-file", ca.caPem().toString());
        return ca;
    }

    /** The CA's certificate, PEM. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /**
     * A PKCS12 store holding a key for {@code name} and its chain: a certificate for the names
     * {@code san} (keytool's SAN form, e.g. {@code ip:127.0.0.1,dns:localhost}) signed by this CA, then the
     * CA's certificate.
     */
    public Path serverKeystore(String name, String san) throws IOException, InterruptedException {
        String store = dir.resolve(name + ".p12").toString();
        String request = dir.resolve(name + ".csr").toString();
        String signed = dir.resolve(name + ".pem").toString();
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", store);
        keytool("-certreq", "-alias", name, "-keystore", store, "-file", request);
        keytool("-gencert", "-alias", "ca", "-keystore", caStore(), "-infile", request, "-outfile", signed, "-rfc",
                "-ext", "SAN=" + san, "-validity", "2");
        // The CA first, so the signed certificate's reply is accepted as a chain ending in a trusted certificate.
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", store, "-file", caPem().toString());
        keytool("-importcert", "-alias", name, "-keystore", store, "-file", signed);
        return Path.of(store);
    }

    private String caStore() {
        return dir.resolve("ca.p12").toString();
    }

    /** Runs {@code keytool} on PKCS12 stores of {@link #PASSWORD}. */
    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        keytoolAsGiven(all.toArray(String[]::new));
    }

    /** Runs the JDK's {@code keytool} with {@code args}; fails with what it said when it fails. */
    public static void keytoolAsGiven(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + said);
        }
    }
}
