// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static dev.pipewright.app.live.RunOnWindow.backToTheSimulator;
import static dev.pipewright.app.live.RunOnWindow.choose;
import static dev.pipewright.app.live.RunOnWindow.chooseAndWait;
import static dev.pipewright.app.live.RunOnWindow.chooseRealBroker;
import static dev.pipewright.app.live.RunOnWindow.fx;
import static dev.pipewright.app.live.RunOnWindow.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.files.BrokerLogin;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * "Run on" in the main window, as a person uses it: choose Embedded Artemis, press play on a small
 * flow with a message limit, and see the broker's counts arrive; what a broker cannot do is disabled.
 * Waits poll with a generous time-out.
 */
@ExtendWith(ApplicationExtension.class)
class RunOnTest {
    private final FakeDialogs dialogs = new FakeDialogs();
    @RegisterExtension
    final RunOnWindow ui = new RunOnWindow(dialogs, flow());

    /** Twenty messages at 40 a second into a queue with one consumer of 5 ms. */
    static Flow flow() {
        Node source = Source.of("src", "orders-in", new Position(80, 200)).with("rate", 40.0)
                .with("arrival", Source.Arrival.CONSTANT).with("messageLimit", 20L);
        Node queue = Queue.of("orders", "orders", new Position(340, 200));
        Node consumer = Consumer.of("workers", "workers", new Position(600, 200))
                .with("processingTime", Distribution.constant(Duration.ofMillis(5)));
        return new Flow(new FlowInfo("Twenty orders", ""), List.of(source, queue, consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "orders"), Edge.of("e2", "orders", Port.OUT, "workers")));
    }

    @Test
    void embeddedArtemisRunsTheFlowAndItsCountsArrive(FxRobot robot) throws Exception {
        chooseRealBroker(robot, "Embedded Artemis");
        robot.clickOn("#run-play");
        waitUntil(() -> {
            Snapshot s = ui.live().run().latest();
            return s != null && s.node("workers").completed() == 20;
        });
        ui.assertTwentyThrough("orders");
        waitUntil(() -> ui.live().run().infoProperty().get().equals("Connected to embedded Artemis"));
        backToTheSimulator(robot);
        assertThat(fx(() -> ui.live().run().latest())).isNull();
    }

    @Test
    void rabbitMqAtAsksForTheAddressAndRemembersItWithoutThePassword(FxRobot robot) throws Exception {
        dialogs.login = new BrokerLogin("amqp://127.0.0.1:5672/%2F", "guest", "s3cret-pw");
        choose(robot, "RabbitMQ at…");
        waitUntil(() -> ui.live().run().infoProperty().get().startsWith("Runs on amqp://guest:****@127.0.0.1:5672"));
        assertThat(dialogs.loginsAsked).hasSize(1);
        ui.assertRememberedWithout("s3cret-pw", Map.of(RunOn.RABBITMQ_URL_KEY, "amqp://127.0.0.1:5672/%2F",
                RunOn.RABBITMQ_USER_KEY, "guest"));
        // Cancelling the question keeps the run where it was.
        dialogs.login = null;
        chooseAndWait(robot, "Artemis at…", RunOn.Place.RABBITMQ);
        assertThat(dialogs.loginsAsked).hasSize(2);
    }
}
