// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distinctive password, of a scratch user on a scratch virtual host, given in the URI and in
 * {@code PIPEWRIGHT_RABBITMQ_PASSWORD} to {@code pipewright deploy} (text and JSON reports, a
 * failing login, a refused permission) and to {@code export}: it appears in nothing a run prints
 * or writes. The command line runs as a separate process, so the environment variable is real.
 */
class PasswordLeakTest {
    /** Distinctive, so a match is no accident; no character a URI would need escaped. */
    private static final String PASSWORD = "Pw-leak-7f3Qz9";

    @TempDir
    Path dir;

    private RabbitAdmin admin;
    private String vhost;
    private String user;
    private final List<String> printed = new ArrayList<>();

    @BeforeEach
    void scratch() throws Exception {
        admin = RabbitAdmin.connectOrSkip();
        vhost = admin.scratchVhost();
        user = admin.scratchUser(PASSWORD, vhost, ".*", ".*", ".*");
    }

    @AfterEach
    void clean() throws Exception {
        if (admin != null) {
            admin.deleteScratch();
        }
    }

    /** What the process printed on stdout and stderr, with its exit code; stdout also goes to {@code report}. */
    private int cli(Map<String, String> env, Path report, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PipewrightCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(report.toFile()).redirectError(dir.resolve(report.getFileName() + ".err").toFile());
        pb.environment().remove("PIPEWRIGHT_RABBITMQ_PASSWORD");
        pb.environment().putAll(env);
        int code = pb.start().waitFor();
        printed.add(Files.readString(report) + Files.readString(dir.resolve(report.getFileName() + ".err")));
        return code;
    }

    private String uri(String password) {
        return "amqp://" + user + (password == null ? "" : ":" + password) + "@127.0.0.1:5672/" + RabbitAdmin.segment(vhost);
    }

    @Test
    void thePasswordAppearsInNothingARunPrintsOrWrites() throws Exception {
        Path flow = TestFlows.write(dir, "fixed.flow.json", DeployCommandTest.fixedCount());
        Map<String, String> viaEnvironment = Map.of("PIPEWRIGHT_RABBITMQ_PASSWORD", PASSWORD);

        assertThat(cli(Map.of(), dir.resolve("text.txt"), "deploy", flow.toString(), "--rabbitmq", uri(PASSWORD),
                "--report", "text", "--teardown")).as(printed.getLast()).isZero();
        assertThat(cli(viaEnvironment, dir.resolve("report.json"), "deploy", flow.toString(), "--rabbitmq", uri(null),
                "--report", "json", "--teardown")).as(printed.getLast()).isZero();
        assertThat(cli(viaEnvironment, dir.resolve("cluster.txt"), "deploy", flow.toString(), "--rabbitmq",
                "127.0.0.1:5672", "--report", "json")).as("guest on '/' with the variable's password: refused")
                .isEqualTo(2);
        assertThat(cli(Map.of(), dir.resolve("wrong.txt"), "deploy", flow.toString(), "--rabbitmq",
                uri(PASSWORD + "-wrong"))).as(printed.getLast()).isEqualTo(2);
        assertThat(cli(Map.of(), dir.resolve("bad-uri.txt"), "deploy", flow.toString(), "--rabbitmq",
                "amqp://" + user + ":" + PASSWORD + "@127.0.0.1:notaport/x")).as(printed.getLast()).isEqualTo(2);
        assertThat(cli(viaEnvironment, dir.resolve("export.json"), "export", flow.toString(), "--to", "rabbitmq"))
                .as(printed.getLast()).isZero();

        assertThat(printed).hasSize(6).allSatisfy(text -> assertThat(text).doesNotContain(PASSWORD));
        assertThat(printed.get(0)).contains("conservation:"); // the runs did run
        assertThat(printed.get(3)).contains("refused the login");
        try (Stream<Path> written = Files.walk(dir)) {
            for (Path file : written.filter(Files::isRegularFile).toList()) {
                assertThat(read(file)).as(file.toString()).doesNotContain(PASSWORD);
            }
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
