// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.Keyring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code deploy --nats}'s password comes from, in the app's order: the keyring's for the
 * address and user as the app's "NATS at…" keeps it (broker NATS, the address as typed, the user,
 * empty for a token), else {@code PIPEWRIGHT_NATS_PASSWORD}'s, else none. The keyring is a stand-in
 * {@code secret-tool} that answers one lookup per entry, so no secret service is needed.
 */
class DeployNatsPasswordTest {
    private static final String URL = "nats://nats.example:4222";

    @TempDir
    Path dir;

    /** A keyring keeping "kept-alice" for alice at {@link #URL} and "kept-token" for no user there. */
    private Keyring keyring() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tool = bin.resolve("secret-tool");
        Files.writeString(tool, """
                #!/bin/sh
                # lookup -- service pipewright broker B address A user U
                [ "$1|$4|$6|$8|${10}" = "lookup|pipewright|NATS|%1$s|alice" ] && { printf 'kept-alice'; exit 0; }
                [ "$1|$4|$6|$8|${10}" = "lookup|pipewright|NATS|%1$s|" ] && { printf 'kept-token'; exit 0; }
                exit 1
                """.formatted(URL));
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return Keyring.of(Map.of("PATH", bin.toString(), "DBUS_SESSION_BUS_ADDRESS", "unix:path=" + dir.resolve("bus")));
    }

    @Test
    void theKeyringsPasswordForTheAddressAndUserComesBeforeTheEnvironmentsAndNoUserMeansTheToken() throws Exception {
        Keyring keyring = keyring();
        assertThat(keyring.available()).isTrue();
        Map<String, String> env = Map.of("PIPEWRIGHT_NATS_PASSWORD", "from-environment");
        StringWriter err = new StringWriter();
        PrintWriter errs = new PrintWriter(err, true);

        assertThat(DeployPassword.nats(" " + URL + " ", " alice ", keyring, env::get, errs)).isEqualTo("kept-alice");
        assertThat(DeployPassword.nats(URL, null, keyring, env::get, errs)).as("the token").isEqualTo("kept-token");
        assertThat(DeployPassword.nats(URL, "bob", keyring, env::get, errs)).isEqualTo("from-environment");
        assertThat(DeployPassword.nats("nats://other:4222", null, keyring, env::get, errs)).isEqualTo("from-environment");
        assertThat(DeployPassword.nats("nats://other:4222", "alice", keyring, name -> null, errs))
                .as("nothing anywhere: anonymous").isEmpty();
        assertThat(DeployPassword.nats(URL, "alice", Keyring.none(), env::get, errs)).isEqualTo("from-environment");
        assertThat(err.toString()).isEmpty();
    }
}
