// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app's own command line, and what it says when the machine cannot show a window. */
class StartupOptionsTest {
    @Test
    void aFlowFileOrASampleIsOpened() {
        assertThat(StartupOptions.parse(List.of())).isEqualTo(new StartupOptions(null, null));
        assertThat(StartupOptions.parse(List.of("orders.flow.json")))
                .isEqualTo(new StartupOptions(Path.of("orders.flow.json"), null));
        assertThat(StartupOptions.parse(List.of("--sample", "dead-letter-queue")).sampleId()).isEqualTo("dead-letter-queue");
        assertThat(StartupOptions.parse(List.of("--sample=dead-letter-queue")).sampleId()).isEqualTo("dead-letter-queue");
    }

    @Test
    void optionsAfterAFlowFileAreTakenForAForgottenRun() {
        assertThatThrownBy(() -> StartupOptions.parse(List.of("x.flow.json", "--duration", "1m")))
                .isInstanceOf(StartupOptions.UsageException.class)
                .hasMessageContaining("did you mean: pipewright run x.flow.json --duration 1m");
        assertThatThrownBy(() -> StartupOptions.parse(List.of("my orders.flow.json", "--seed", "7")))
                .hasMessageContaining("did you mean: pipewright run 'my orders.flow.json' --seed 7");
    }

    @Test
    void unknownOptionsASecondFileAndAMissingSampleIdAreRefusedInOneSentence() {
        assertThatThrownBy(() -> StartupOptions.parse(List.of("--fullscreen")))
                .hasMessageContaining("does not know the option --fullscreen");
        assertThatThrownBy(() -> StartupOptions.parse(List.of("a.flow.json", "b.flow.json")))
                .hasMessageContaining("one flow file at a time");
        assertThatThrownBy(() -> StartupOptions.parse(List.of("--sample")))
                .hasMessageContaining("--sample needs the id of a sample");
    }

    @Test
    void controlCharactersInArgumentsAreNotEchoed() {
        assertThatThrownBy(() -> StartupOptions.parse(List.of("--\u001b[31mred")))
                .hasMessageNotContaining("\u001b")
                .hasMessageContaining("\\u001b[31mred");
    }

    @Test
    void noDisplayOnLinuxIsSaidBeforeJavaFxStarts() {
        assertThat(DesktopCheck.beforeStart(Map.of(), "Linux", null)).contains(DesktopCheck.NO_DISPLAY);
        assertThat(DesktopCheck.beforeStart(Map.of("DISPLAY", ":0"), "Linux", null)).isEmpty();
        assertThat(DesktopCheck.beforeStart(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null)).isEmpty();
        assertThat(DesktopCheck.beforeStart(Map.of(), "Linux", "Headless")).isEmpty();
        assertThat(DesktopCheck.beforeStart(Map.of(), "Windows 11", null)).isEmpty();
        assertThat(DesktopCheck.NO_DISPLAY).contains("xvfb-run");
    }

    @Test
    void javaFxStartFailuresBecomeOneSentence() {
        RuntimeException noGtk = new RuntimeException("Application launch failed",
                new UnsupportedOperationException("Unable to load glass GTK library."));
        assertThat(DesktopCheck.afterFailure(noGtk, Map.of("DISPLAY", ":0"))).contains(DesktopCheck.NO_GTK);
        assertThat(DesktopCheck.NO_GTK).contains("apt-get install libgtk-3-0");

        UnsupportedOperationException noDisplay = new UnsupportedOperationException("Unable to open DISPLAY");
        assertThat(DesktopCheck.afterFailure(noDisplay, Map.of("DISPLAY", ":7")).orElseThrow())
                .contains("cannot open the display ':7'");
        assertThat(DesktopCheck.afterFailure(new IllegalStateException("something else"), Map.of())).isEmpty();
    }
}
