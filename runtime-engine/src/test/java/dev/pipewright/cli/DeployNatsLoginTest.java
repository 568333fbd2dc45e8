// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.brokers.nats.ScratchNatsServer;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy --nats URL --nats-user USER} on a scratch nats-server asking for a login: the password
 * (or, without a user, the token) comes from {@code PIPEWRIGHT_NATS_PASSWORD}, as the other brokers'
 * do, never from the command line. The command line runs as a process of its own, so the variable is
 * real. A refused login is one sentence naming the address, never the secret.
 */
class DeployNatsLoginTest {
    private static final String VARIABLE = "PIPEWRIGHT_NATS_PASSWORD";
    private static final String SECRET = "nats-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());

    @TempDir
    Path dir;
    private ScratchNatsServer server;
    private Path flow;

    @BeforeEach
    void writeFlow() throws Exception {
        Flow fixed = DeployCommandTest.fixedCount();
        flow = TestFlows.write(dir, "fixed.flow.json", new Flow(fixed.info().withBroker(Broker.NATS), fixed.nodes(),
                fixed.edges()));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private CliRun deploy(Map<String, String> variables, String... login) throws Exception {
        String[] args = new String[] {"deploy", flow.toString(), "--nats", server.url(), "--run", "60s", "--report", "json",
            "--teardown"};
        String[] all = java.util.Arrays.copyOf(args, args.length + login.length);
        System.arraycopy(login, 0, all, args.length, login.length);
        return CliRun.process(Files.createDirectories(dir.resolve("cli")), variables, all);
    }

    private static void completesAll(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(node(report, "orders").path("in").asLong()).isEqualTo(200);
        assertThat(report.path("conservation").path("completed").asLong()).isEqualTo(200);
        assertThat(report.path("conservation").path("holds").asBoolean()).as(report.toString()).isTrue();
        assertThat(run.out() + run.err()).doesNotContain(SECRET);
    }

    private void refusedInOneSentence(CliRun run, String address) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("NATS server at " + address + ": connecting failed: the server refused the login;")
                .contains("check the user and password (or the token)"));
        assertThat(run.out() + run.err()).doesNotContain(SECRET).doesNotContain("Exception");
    }

    @Test
    void aUserLogsInWithThePasswordFromTheEnvironmentAndAWrongOneIsRefusedInOneSentence() throws Exception {
        server = ScratchNatsServer.start(dir, "--user", "alice", "--pass", SECRET);
        completesAll(deploy(Map.of(VARIABLE, SECRET), "--nats-user", "alice"));
        refusedInOneSentence(deploy(Map.of(VARIABLE, SECRET + "-wrong"), "--nats-user", "alice"),
                "nats://alice@127.0.0.1:" + server.port());
        refusedInOneSentence(deploy(Map.of()), server.url()); // no login at all
    }

    @Test
    void withoutAUserThePasswordIsTheServersToken() throws Exception {
        server = ScratchNatsServer.start(dir, "--auth", SECRET);
        completesAll(deploy(Map.of(VARIABLE, SECRET)));
        refusedInOneSentence(deploy(Map.of(VARIABLE, SECRET), "--nats-user", "alice"),
                "nats://alice@127.0.0.1:" + server.port());
    }

    @Test
    void theUserIsForNatsAndThePasswordIsNeverAnOption() {
        CliRun other = CliRun.of("deploy", flow.toString(), "--mqtt", "tcp://127.0.0.1:1", "--nats-user", "alice");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).startsWith("--nats-user: is for a NATS server at --nats;");
        CliRun password = CliRun.of("deploy", flow.toString(), "--nats", "nats://127.0.0.1:1", "--nats-password", SECRET);
        assertThat(password.exitCode()).isEqualTo(2);
        assertThat(password.err()).contains("no option '--nats-password'");
    }
}
