// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.lesson;

import dev.pipewright.model.Durations;
import java.time.Duration;

/** A challenge's run time in words a learner reads: {@code 60 s}, {@code 90 s}, {@code 5 min}. */
public final class RunTime {
    private RunTime() {
    }

    /** Whole seconds up to ten minutes, whole minutes after; anything finer as {@link Durations#format}. */
    public static String words(Duration run) {
        long nanos = run.toNanos();
        if (nanos % 1_000_000_000L != 0) {
            return Durations.format(run);
        }
        long seconds = run.toSeconds();
        if (seconds <= 600 || seconds % 60 != 0) {
            return seconds + " s";
        }
        return seconds / 60 + " min";
    }
}
