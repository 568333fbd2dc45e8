// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.BrokerLogin;
import dev.pipewright.app.files.Samples;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.model.Node;
import dev.pipewright.model.check.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File > Import and File > Export of broker configuration, as a person uses them. */
@ExtendWith(ApplicationExtension.class)
class ConfigTransferTest {
    /** Two virtual hosts; "orders" has a queue argument Pipewright does not model. */
    private static final String DEFINITIONS = """
            {"rabbit_version": "3.10.8",
             "vhosts": [{"name": "/"}, {"name": "orders"}],
             "queues": [
               {"name": "jobs", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {}},
               {"name": "payments", "vhost": "orders", "durable": true, "auto_delete": false,
                "arguments": {"x-queue-type": "quorum", "x-max-length-bytes": 1048576}},
               {"name": "invoices", "vhost": "orders", "durable": true, "auto_delete": false, "arguments": {}}],
             "exchanges": [
               {"name": "billing", "vhost": "orders", "type": "fanout", "durable": true, "auto_delete": false,
                "internal": false, "arguments": {}}],
             "bindings": [
               {"source": "billing", "vhost": "orders", "destination": "payments", "destination_type": "queue",
                "routing_key": "", "arguments": {}},
               {"source": "billing", "vhost": "orders", "destination": "invoices", "destination_type": "queue",
                "routing_key": "", "arguments": {}}]}
            """;

    private Path dir;
    private MainWindow window;
    private final FakeDialogs dialogs = new FakeDialogs();
    private final FakeFileDialogs files = new FakeFileDialogs();

    @Start
    void start(Stage stage) throws IOException {
        dir = Files.createTempDirectory("pipewright-config");
        window = new MainWindow(stage, new AppHome(dir.resolve("home")), dialogs, files);
        stage.setWidth(1400);
        stage.setHeight(860);
        window.show(null);
    }

    /** Chooses a File menu item, as a click on it does (menus' pop-ups are not a test's business). */
    private void menu(FxRobot robot, String submenu, String item) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        Menu file = bar.getMenus().stream().filter(m -> m.getText().equals("File")).findFirst().orElseThrow();
        Menu sub = file.getItems().stream().filter(i -> i instanceof Menu && submenu.equals(i.getText()))
                .map(Menu.class::cast).findFirst().orElseThrow();
        MenuItem chosen = sub.getItems().stream().filter(i -> item.equals(i.getText())).findFirst().orElseThrow();
        assertThat(chosen.isDisable()).as(item + " is enabled").isFalse();
        robot.interact(chosen::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> names() {
        return window.state().flow().nodes().stream().map(Node::name).toList();
    }

    @Test
    void importingDefinitionsAsksForTheVirtualHostAndListsWhatItCouldNotModel(FxRobot robot) throws IOException {
        files.toImport = Files.writeString(dir.resolve("definitions.json"), DEFINITIONS);
        dialogs.choice = "orders";

        robot.push(KeyCode.CONTROL, KeyCode.I);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.choicesOffered).containsExactly(List.of("/", "orders"));
        assertThat(names()).contains("billing", "payments", "invoices").doesNotContain("jobs");
        assertThat(window.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("x-max-length-bytes"));
        assertThat(window.state().modifiedProperty().get() || window.documents().path() == null).isTrue();

        // The notes belong to the imported flow: a new flow has none.
        robot.push(KeyCode.CONTROL, KeyCode.N);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.findings()).extracting(Finding::message).noneSatisfy(m -> assertThat(m).contains("x-max-length-bytes"));
    }

    @Test
    void aFileThatIsNotDefinitionsIsRefusedInOneSentenceNamingIt(FxRobot robot) throws IOException {
        files.toImport = Files.writeString(dir.resolve("broken.json"), "{\"queues\": [");

        robot.push(KeyCode.CONTROL, KeyCode.I);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.errors).singleElement().satisfies(e -> assertThat(e).contains("broken.json:1:13", "incomplete"));
        assertThat(window.state().flow().nodes()).isEmpty();
    }

    @Test
    void exportingShowsThePreviewThenSavesWhereAsked(FxRobot robot) throws IOException {
        robot.interact(() -> window.documents().openUntitled(Samples.find("dead-letter-queue").orElseThrow().flow().get(),
                "Dead-letter queue"));
        Path target = dir.resolve("definitions.json");
        files.toExport = target;

        menu(robot, "Export", "Export RabbitMQ Definitions…");

        assertThat(dialogs.previews).singleElement().satisfies(text -> assertThat(text).contains("\"queues\""));
        assertThat(Files.readString(target)).isEqualTo(dialogs.previews.getFirst());

        // Cancelled at the preview: nothing is written.
        dialogs.saveExport = false;
        files.toExport = dir.resolve("not-written.xml");
        menu(robot, "Export", "Export Artemis broker.xml…");
        assertThat(dialogs.previews).hasSize(2);
        assertThat(dialogs.previews.get(1)).contains("<addresses>");
        assertThat(dir.resolve("not-written.xml")).doesNotExist();
    }

    @Test
    void exportingAPubSubScriptSavesTheGcloudCommands(FxRobot robot) throws IOException {
        robot.interact(() -> window.documents().openUntitled(Samples.find("pubsub-ordering").orElseThrow().flow().get(),
                "Google Pub/Sub ordering keys"));
        Path target = dir.resolve("ordering-pubsub.sh");
        files.toExport = target;

        menu(robot, "Export", "Export Google Pub/Sub Script…");

        assertThat(dialogs.previews).singleElement().satisfies(text -> assertThat(text).startsWith("#!/bin/sh\n")
                .contains("gcloud pubsub subscriptions create 'ledger'", "--enable-message-ordering"));
        assertThat(Files.readString(target)).isEqualTo(dialogs.previews.getFirst());
    }

    @Test
    void aBrokerThatIsNotThereIsOneSentenceNamingItsAddress(FxRobot robot) throws Exception {
        dialogs.login = new BrokerLogin("http://127.0.0.1:1", "guest", "guest");

        menu(robot, "Import", "Import from a Running RabbitMQ…");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !dialogs.errors.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.errors).singleElement().satisfies(e -> assertThat(e).contains("http://127.0.0.1:1"));
        assertThat(dialogs.loginsAsked).containsExactly("guest at http://127.0.0.1:15672");
    }
}
