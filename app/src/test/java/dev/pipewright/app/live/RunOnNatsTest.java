// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static dev.pipewright.app.live.RunOnWindow.backToTheSimulator;
import static dev.pipewright.app.live.RunOnWindow.chooseAndWait;
import static dev.pipewright.app.live.RunOnWindow.chooseRealBroker;
import static dev.pipewright.app.live.RunOnWindow.freePort;
import static dev.pipewright.app.live.RunOnWindow.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.files.BrokerLogin;
import dev.pipewright.brokers.nats.NatsTarget;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * "Run on" NATS in the main window, as a person uses it, on the local nats-server with JetStream
 * (127.0.0.1:4222; skipped when none answers, failed then under PIPEWRIGHT_REQUIRE_BROKERS=1):
 * choose "NATS at…", give the server URL, press play on a small flow, pause its consumer by hand
 * and see the twenty messages wait in the stream (its durable's pending count, the server's
 * figure), add an instance and resume, and see them all completed; the URL and user are
 * remembered, the password never. Waits poll with a generous time-out.
 */
@ExtendWith(ApplicationExtension.class)
class RunOnNatsTest {
    private final FakeDialogs dialogs = new FakeDialogs();
    @RegisterExtension
    final RunOnWindow ui = new RunOnWindow(dialogs, RunOnWindow.twentyJobs("Twenty messages", Broker.NATS, q -> q,
            c -> c.with("ackMode", Consumer.AckMode.MANUAL)));

    /** Skips (or fails, under PIPEWRIGHT_REQUIRE_BROKERS=1) when no NATS server answers at the local address. */
    private static void needsTheServer() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", 4222), 2_000);
        } catch (java.io.IOException e) {
            String why = "no NATS server at " + NatsTarget.LOCAL + "; start nats-server -js";
            if ("1".equals(System.getenv("PIPEWRIGHT_REQUIRE_BROKERS"))) {
                fail(why);
            }
            assumeTrue(false, why + "; skipped");
        }
    }

    @Test
    void natsAtRunsTheFlowAndAPausedConsumerLeavesTheMessagesPendingInTheStream(FxRobot robot) throws Exception {
        needsTheServer();
        dialogs.login = new BrokerLogin(NatsTarget.LOCAL, "", "");
        chooseRealBroker(robot, "NATS at…");
        // The source starts at rate 0, so nothing is published before the consumer is paused.
        robot.clickOn("#run-play");
        ui.awaitRun("NATS");
        waitUntil(() -> ui.live().run().infoProperty().get()
                .startsWith("Connected to NATS server at " + NatsTarget.LOCAL));
        ui.pauseTheConsumerAndSendTwenty(robot);
        ui.addAnInstanceAndResume(robot);
        waitUntil(() -> ui.live().run().latest().node("jobs").depth() == 0);
        assertThat(dialogs.errors).isEmpty();
        ui.assertTwentyThrough("jobs");
        backToTheSimulator(robot);
    }

    @Test
    void natsAtAsksForTheUrlAndUserAndRemembersThemWithoutThePassword(FxRobot robot) throws Exception {
        dialogs.logins.add(new BrokerLogin("127.0.0.1:4222", "alice", "s3cret-pass"));
        dialogs.logins.add(new BrokerLogin("nats://127.0.0.1:14222", "alice", "s3cret-pass"));
        chooseAndWait(robot, "NATS at…", RunOn.Place.NATS);
        assertThat(dialogs.errors).singleElement().asString().startsWith("Run on NATS: ")
                .contains("is not a NATS address").contains("nats://HOST:PORT");
        assertThat(dialogs.loginsAsked).containsExactly(" at nats://127.0.0.1:4222", "alice at 127.0.0.1:4222");
        assertThat(dialogs.caFilesOffered).containsOnlyNulls();
        ui.assertRememberedWithout("s3cret", Map.of(RunOn.NATS_URL_KEY, "nats://127.0.0.1:14222",
                RunOn.NATS_USER_KEY, "alice"));
    }

    @Test
    void noServerAtTheUrlSaysWhatToDo(FxRobot robot) throws Exception {
        int port = freePort();
        dialogs.login = new BrokerLogin("nats://127.0.0.1:" + port, "", "");
        chooseAndWait(robot, "NATS at…", RunOn.Place.NATS);
        robot.clickOn("#run-play");
        assertThat(ui.awaitNotice("nothing answers there")).contains("nats://127.0.0.1:" + port)
                .contains("nats-server -js").doesNotContain("\n");
    }
}
