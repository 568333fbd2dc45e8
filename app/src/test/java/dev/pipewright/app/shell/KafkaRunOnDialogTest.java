// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.files.BrokerLogin;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The "Run the flow on Kafka" dialog as a person fills it in: a "Use TLS" box, offered as it was
 * last left, and a CA certificate file (typed or chosen) that can be filled in only while TLS is
 * ticked and is kept, not cleared, when it is unticked. Waits poll with a generous time-out.
 */
@ExtendWith(ApplicationExtension.class)
class KafkaRunOnDialogTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        DialogOwner.show(stage);
    }

    /** Opens the Kafka dialog and waits until it shows. */
    private CompletableFuture<Optional<BrokerLogin>> ask(FxRobot robot, boolean tls, String caFile) throws Exception {
        return DialogOwner.open(robot, "#broker-login-dialog", () -> new FxDialogs(stage)
                .askKafkaRunOn("127.0.0.1:9093", "alice", tls, caFile, "PIPEWRIGHT_KAFKA_PASSWORD", false));
    }

    @Test
    void tickingUseTlsLetsTheCaFileBeGivenAndTheLoginSaysTls(FxRobot robot) throws Exception {
        CompletableFuture<Optional<BrokerLogin>> answer = ask(robot, false, "");
        CheckBox tls = robot.lookup("#broker-tls").queryAs(CheckBox.class);
        assertThat(tls.isSelected()).isFalse();
        assertThat(robot.lookup("#broker-ca").queryAs(TextField.class).isDisabled()).as("no TLS, no CA file").isTrue();
        assertThat(robot.lookup("#broker-ca-choose").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup(".label").queryAll()).anySatisfy(l -> assertThat(((Label) l).getText())
                .contains("Use TLS connects to the cluster's SSL listener"));
        robot.clickOn("#broker-tls");
        assertThat(robot.lookup("#broker-ca-choose").queryAs(Button.class).isDisabled()).isFalse();
        robot.clickOn("#broker-ca").write("/etc/kafka/ca.pem");
        robot.clickOn("Connect");

        assertThat(DialogOwner.answerOf(answer)).hasValueSatisfying(l -> {
            assertThat(l.tls()).isTrue();
            assertThat(l.caFile()).isEqualTo("/etc/kafka/ca.pem");
            assertThat(l.url()).isEqualTo("127.0.0.1:9093");
            assertThat(l.user()).isEqualTo("alice");
        });
    }

    @Test
    void theLastChoiceIsOfferedAndUntickingKeepsTheCaFileForNextTime(FxRobot robot) throws Exception {
        CompletableFuture<Optional<BrokerLogin>> answer = ask(robot, true, "/etc/kafka/ca.pem");
        assertThat(robot.lookup("#broker-tls").queryAs(CheckBox.class).isSelected()).isTrue();
        assertThat(robot.lookup("#broker-ca").queryAs(TextField.class).isDisabled()).isFalse();
        robot.clickOn("#broker-tls");
        assertThat(robot.lookup("#broker-ca").queryAs(TextField.class).isDisabled()).isTrue();
        robot.clickOn("Connect");
        assertThat(DialogOwner.answerOf(answer)).hasValueSatisfying(l -> {
            assertThat(l.tls()).isFalse();
            assertThat(l.caFile()).isEqualTo("/etc/kafka/ca.pem");
        });
    }

    @Test
    void otherBrokersAreNotOfferedTheBox(FxRobot robot) throws Exception {
        CompletableFuture<Optional<BrokerLogin>> answer = DialogOwner.open(robot, "#broker-login-dialog",
                () -> new FxDialogs(stage)
                        .askRunOn("NATS", "nats://127.0.0.1:4222", "", null, "PIPEWRIGHT_NATS_PASSWORD", false));
        assertThat(robot.lookup("#broker-tls").tryQuery()).isEmpty();
        assertThat(robot.lookup("#broker-ca").tryQuery()).isEmpty();
        assertThat(robot.lookup(".label").queryAll()).anySatisfy(l -> assertThat(((Label) l).getText())
                .contains("Server URL"));
        robot.clickOn("Connect");
        assertThat(DialogOwner.answerOf(answer)).hasValueSatisfying(l -> assertThat(l.tls()).isFalse());
    }
}
