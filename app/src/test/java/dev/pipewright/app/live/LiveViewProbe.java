// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.report.RunReport;
import java.util.Optional;
import javafx.scene.control.Dialog;

/**
 * What the tests and the render benchmark read of a {@link LiveView}: its package-private fields,
 * so the view itself carries no methods for tests. Call on the FX thread.
 */
final class LiveViewProbe {
    private LiveViewProbe() {
    }

    /** The run summary dialog last opened, if any. */
    static Optional<Dialog<Void>> summaryDialog(LiveView live) {
        return Optional.ofNullable(live.summary).map(SummaryDialog::dialog);
    }

    /** The report the summary shows now. */
    static Optional<RunReport> summaryReport(LiveView live) {
        return Optional.ofNullable(live.summary).map(SummaryDialog::report);
    }

    /** The text of a node's live pill, or empty when it shows none. */
    static String pillText(LiveView live, String nodeId) {
        NodeBadge b = live.badges.get(nodeId);
        return b == null || b.pillText() == null ? "" : b.pillText();
    }

    /** The rate label of a wire, or empty. */
    static String wireRateText(LiveView live, String edgeId) {
        return live.wireRates.text(edgeId);
    }

    /** Mean milliseconds the live view's own work took a frame, since the last call. */
    static double meanFrameWorkMillis(LiveView live) {
        LiveView.Animator a = live.animator;
        double mean = a.workFrames == 0 ? 0 : a.workNanos / 1e6 / a.workFrames;
        a.workNanos = 0;
        a.workFrames = 0;
        return mean;
    }

    /** The dots moving now. */
    static int dotCount(LiveView live) {
        return live.dots.visibleDots();
    }

    /** Where every dot is (wire and progress), to tell whether anything moved. */
    static String dotState(LiveView live) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < live.field.count(); i++) {
            b.append(live.field.edgeOf(i)).append('@').append(live.field.progressOf(i)).append(';');
        }
        return b.toString();
    }

    /** The health of a queue's badge. */
    static QueueHealth.Level health(LiveView live, String nodeId) {
        NodeBadge b = live.badges.get(nodeId);
        return b == null ? QueueHealth.Level.OK : b.level();
    }
}
