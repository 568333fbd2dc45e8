// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Flow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every check of a flow: the {@link Validator}'s errors, the {@link Lint}'s advice and, for the
 * flow's broker profile, its {@link Portability} findings.
 */
public final class FlowChecks {
    private FlowChecks() {
    }

    /** Validator and lint findings, errors first, then warnings, then infos; flow order within each. */
    public static List<Finding> all(Flow flow) {
        List<Finding> all = new ArrayList<>(Validator.validate(flow));
        all.addAll(Lint.lint(flow));
        all.addAll(Portability.findings(flow, flow.info().broker()));
        all.sort(Comparator.comparing(Finding::severity));
        return List.copyOf(all);
    }

    /** True when any finding blocks a run. */
    public static boolean hasErrors(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
