// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipewright deploy} as a user who lacks a permission on the virtual host (a scratch user
 * and virtual host made through the management API, removed after): one sentence naming the
 * address, the user, the permission and how to grant it; never a stack trace.
 */
class RabbitPermissionsTest {
    private static final String PASSWORD = "pw-perm-Xy7";

    @TempDir
    Path dir;

    private RabbitAdmin admin;
    private String vhost;

    @BeforeEach
    void scratch() throws Exception {
        admin = RabbitAdmin.connectOrSkip();
        vhost = admin.scratchVhost();
    }

    @AfterEach
    void clean() throws Exception {
        if (admin != null) {
            admin.deleteScratch();
        }
    }

    private CliRun deployAs(String user) throws Exception {
        Path flow = TestFlows.write(dir, "fixed.flow.json", DeployCommandTest.fixedCount());
        return CliRun.of("deploy", flow.toString(), "--rabbitmq", "amqp://" + user + ":" + PASSWORD + "@127.0.0.1:5672/"
                + RabbitAdmin.segment(vhost), "--run", "60s");
    }

    private static void assertOneSentence(CliRun run, String... parts) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        String said = run.err().lines().filter(line -> !line.contains(": info: ")).reduce("", (a, b) -> a + b + "\n");
        assertThat(said.strip().lines()).as(run.err()).hasSize(1);
        assertThat(said).contains("127.0.0.1:5672").contains(parts).doesNotContain(PASSWORD)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void noConfigurePermissionIsOneSentenceSayingHowToGrantIt() throws Exception {
        String user = admin.scratchUser(PASSWORD, vhost, "", ".*", ".*");
        assertOneSentence(deployAs(user), "refused to declare", "user '" + user + "' has no configure permission on"
                + " virtual host '" + vhost + "'", "rabbitmqctl set_permissions -p " + vhost + " " + user);
    }

    @Test
    void noWritePermissionIsOneSentenceSayingHowToGrantIt() throws Exception {
        String user = admin.scratchUser(PASSWORD, vhost, ".*", "", ".*");
        assertOneSentence(deployAs(user), "user '" + user + "' has no write permission on virtual host '" + vhost + "'",
                "rabbitmqctl set_permissions -p " + vhost + " " + user);
    }

    @Test
    void noReadPermissionIsOneSentenceSayingHowToGrantIt() throws Exception {
        String user = admin.scratchUser(PASSWORD, vhost, ".*", ".*", "");
        assertOneSentence(deployAs(user), "user '" + user + "' has no read permission on virtual host '" + vhost + "'",
                "rabbitmqctl set_permissions -p " + vhost + " " + user);
    }

    @Test
    void noPermissionAtAllOnTheVirtualHostIsOneSentence() throws Exception {
        String user = admin.scratchUser(PASSWORD, vhost, null, null, null);
        assertOneSentence(deployAs(user), "user '" + user + "'", "virtual host '" + vhost + "'",
                "rabbitmqctl set_permissions -p " + vhost + " " + user);
    }
}
