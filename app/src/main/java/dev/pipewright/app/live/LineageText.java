// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.api.Hop;
import dev.pipewright.engine.api.Lineage;
import java.util.Optional;

/** A message's lineage as text: one line per hop with its time, node, event, detail and delay. */
public final class LineageText {
    private LineageText() {
    }

    /** Every hop of a traced message with the time since the previous one, or why there is none. */
    public static String of(Optional<Lineage> found) {
        if (found.isEmpty()) {
            return "Its lineage is no longer kept (the engine keeps the latest " + LiveFormat.count(Lineage.CAPACITY)
                    + " traced messages).";
        }
        StringBuilder b = new StringBuilder();
        double previous = Double.NaN;
        for (Hop h : found.get().hops()) {
            String delay = Double.isNaN(previous) ? "" : "  (+" + LiveFormat.seconds(h.time() - previous) + ")";
            b.append(LiveFormat.elapsed(h.time())).append("  ").append(h.nodeId()).append("  ").append(h.event());
            if (h.detail() != null && !h.detail().isEmpty()) {
                b.append("  ").append(h.detail());
            }
            b.append(delay).append('\n');
            previous = h.time();
        }
        return b.toString();
    }
}
