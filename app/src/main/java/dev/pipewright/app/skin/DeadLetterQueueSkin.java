// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Durations;
import dev.pipewright.model.Flow;
import java.util.List;
import java.util.Map;

/** How the app shows a dead-letter queue. */
final class DeadLetterQueueSkin implements KindSkin<DeadLetterQueue> {
    @Override
    public Class<DeadLetterQueue> type() {
        return DeadLetterQueue.class;
    }

    @Override
    public String iconLiteral() {
        return "mdi2t-tray-alert";
    }

    @Override
    public PaletteGroup paletteGroup() {
        return PaletteGroup.CHANNELS;
    }

    @Override
    public List<String> summary(DeadLetterQueue d, Flow flow) {
        String retry = d.retryAfter() == null ? null : "retry after " + Durations.format(d.retryAfter())
                + (d.maxRetries() == null ? "" : " × " + d.maxRetries());
        return QueueSummary.lines(d, flow, retry);
    }

    @Override
    public Map<String, PropertyHelp> properties() {
        return Map.of(
                "retryAfter", new PropertyHelp("Retry", "Retry after", "Delay before a message is sent back to the queue it came from; empty for no retry."),
                "maxRetries", new PropertyHelp("Retry", "Max retries", "How many times a message is sent back; empty for no limit."));
    }

    /** A dead-letter queue is meant to collect: only its fullness warns, not its growth. */
    @Override
    public boolean warnsOnGrowth() {
        return false;
    }
}
