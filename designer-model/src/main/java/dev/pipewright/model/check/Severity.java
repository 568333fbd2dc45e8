// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import java.util.Locale;

/** How much a finding matters. Errors block a run; warnings and infos are advice. */
public enum Severity {
    /** The flow cannot run as designed. */
    ERROR,
    /** The flow runs, but probably not as intended (a queue that grows without bound, a lost message). */
    WARNING,
    /** Worth knowing (a queue close to its capacity). */
    INFO;

    /** The word for people and reports: error, warning, info. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
