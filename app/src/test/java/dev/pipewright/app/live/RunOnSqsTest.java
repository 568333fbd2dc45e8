// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static dev.pipewright.app.live.RunOnWindow.backToTheSimulator;
import static dev.pipewright.app.live.RunOnWindow.chooseAndWait;
import static dev.pipewright.app.live.RunOnWindow.chooseRealBroker;
import static dev.pipewright.app.live.RunOnWindow.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.files.SqsLogin;
import dev.pipewright.model.Broker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * "Run on" SQS in the main window, as a person uses it: choose Embedded ElasticMQ (on the test
 * class path), press play on a small SQS flow, pause its consumer by hand and see the messages wait
 * in the queue as ElasticMQ counts them, resume and see them all completed; and "SQS at…" asks for
 * the endpoint, region and key id, remembers them and never the secret. Waits poll with a generous time-out.
 */
@ExtendWith(ApplicationExtension.class)
class RunOnSqsTest {
    private final FakeDialogs dialogs = new FakeDialogs();
    @RegisterExtension
    final RunOnWindow ui = new RunOnWindow(dialogs, RunOnWindow.twentyJobs("Twenty jobs", Broker.SQS, q -> q, c -> c));

    @Test
    void embeddedElasticMqRunsTheFlowAndAPausedConsumerLeavesTheMessagesInTheQueue(FxRobot robot) throws Exception {
        chooseRealBroker(robot, "Embedded ElasticMQ");
        // The source starts at rate 0, so nothing is sent before the consumer is paused.
        robot.clickOn("#run-play");
        ui.awaitRun("embedded ElasticMQ");
        waitUntil(() -> ui.live().run().infoProperty().get().startsWith("Connected to embedded ElasticMQ"));
        // ElasticMQ holds all twenty.
        ui.pauseTheConsumerAndSendTwenty(robot);
        ui.addAnInstanceAndResume(robot);
        assertThat(dialogs.errors).isEmpty();
        ui.assertPublishOneIsRefused();
        ui.assertTwentyThrough("jobs");
        backToTheSimulator(robot);
    }

    @Test
    void sqsAtAsksForEndpointRegionAndKeyIdAndRemembersThemWithoutTheSecret(FxRobot robot) throws Exception {
        dialogs.sqsLogins.add(new SqsLogin("http://127.0.0.1:9324", "Mars 1", "AKIAAPP", "s3cret-key"));
        dialogs.sqsLogins.add(new SqsLogin("http://127.0.0.1:9324", "eu-west-1", "AKIAAPP", "s3cret-key"));
        chooseAndWait(robot, "SQS at…", RunOn.Place.SQS);
        assertThat(dialogs.errors).singleElement().asString().startsWith("Run on SQS: ").contains("not an AWS region");
        assertThat(dialogs.sqsAsked).containsExactly("http://127.0.0.1:9324  ", "http://127.0.0.1:9324 Mars 1 AKIAAPP");
        ui.assertRememberedWithout("s3cret-key", Map.of(RunOn.SQS_URL_KEY, "http://127.0.0.1:9324",
                RunOn.SQS_REGION_KEY, "eu-west-1", RunOn.SQS_KEY_ID_KEY, "AKIAAPP"));
    }
}
