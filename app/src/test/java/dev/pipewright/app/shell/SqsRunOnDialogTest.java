// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.files.SqsLogin;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The "Run the flow on SQS" dialog as a person fills it in: where the desktop has a keyring it
 * offers "Remember the secret in the keyring", as the RabbitMQ and Artemis login does, and the
 * typed secret is to be kept only when the box is ticked; without a keyring there is no box.
 * Waits poll with a generous time-out.
 */
@ExtendWith(ApplicationExtension.class)
class SqsRunOnDialogTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        DialogOwner.show(stage);
    }

    /** Opens the SQS dialog and waits until it shows. */
    private CompletableFuture<Optional<SqsLogin>> ask(FxRobot robot, boolean keyring) throws Exception {
        return DialogOwner.open(robot, "#sqs-login-dialog", () -> new FxDialogs(stage)
                .askSqsRunOn("http://127.0.0.1:9324", "eu-west-1", "AKIAAPP", keyring));
    }

    @Test
    void withAKeyringTheBoxIsOfferedAndTickingItKeepsTheTypedSecret(FxRobot robot) throws Exception {
        CompletableFuture<Optional<SqsLogin>> answer = ask(robot, true);
        assertThat(robot.lookup("#sqs-remember").tryQuery()).as("the box").isPresent();
        assertThat(robot.lookup(".label").queryAll()).anySatisfy(l -> assertThat(((Label) l).getText())
                .contains("Left empty, it comes from the keyring, else from AWS_SECRET_ACCESS_KEY"));
        robot.clickOn("#sqs-secret").write("s3cret-key");
        robot.clickOn("#sqs-remember");
        robot.clickOn("Connect");

        Optional<SqsLogin> login = DialogOwner.answerOf(answer);
        assertThat(login).hasValueSatisfying(l -> {
            assertThat(l.secretKey()).isEqualTo("s3cret-key");
            assertThat(l.accessKeyId()).isEqualTo("AKIAAPP");
            assertThat(l.remember()).isTrue();
        });
    }

    @Test
    void leftUntickedTheSecretIsNotKept(FxRobot robot) throws Exception {
        CompletableFuture<Optional<SqsLogin>> answer = ask(robot, true);
        robot.clickOn("#sqs-secret").write("s3cret-key");
        robot.clickOn("Connect");
        assertThat(DialogOwner.answerOf(answer)).hasValueSatisfying(l -> assertThat(l.remember()).isFalse());
    }

    @Test
    void withoutAKeyringThereIsNoBox(FxRobot robot) throws Exception {
        CompletableFuture<Optional<SqsLogin>> answer = ask(robot, false);
        assertThat(robot.lookup("#sqs-remember").tryQuery()).isEmpty();
        robot.clickOn("Connect");
        assertThat(DialogOwner.answerOf(answer)).hasValueSatisfying(l -> {
            assertThat(l.remember()).isFalse();
            assertThat(l.secretKey()).isEmpty();
        });
    }
}
