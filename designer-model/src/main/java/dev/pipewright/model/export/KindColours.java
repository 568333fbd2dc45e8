// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.export;

import dev.pipewright.model.NodeKind;
import java.util.Objects;

/** The accent colour of each node kind, shared by the canvas and the exported diagrams so they match. */
public final class KindColours {
    private KindColours() {
    }

    /** The kind's accent colour as {@code #rrggbb}. */
    public static String hex(NodeKind kind) {
        return switch (Objects.requireNonNull(kind, "kind")) {
            case SOURCE -> "#3b82f6";
            case QUEUE -> "#0d9488";
            case TOPIC -> "#8b5cf6";
            case PROCESSOR -> "#d97706";
            case CONSUMER -> "#16a34a";
            case DEAD_LETTER_QUEUE -> "#e11d48";
            case MESSAGE_STORE -> "#6366f1";
            case ENDPOINT -> "#64748b";
        };
    }
}
