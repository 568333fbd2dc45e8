// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading a JSON run report in command-line tests. */
final class ReportNodes {
    private ReportNodes() {
    }

    /** The report's row of node {@code id}; fails the test when there is none. */
    static JsonNode node(JsonNode report, String id) {
        for (JsonNode n : report.path("nodes")) {
            if (n.path("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no node " + id + " in " + report);
    }
}
