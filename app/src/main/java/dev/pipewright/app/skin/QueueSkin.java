// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import dev.pipewright.model.Flow;
import dev.pipewright.model.Queue;
import java.util.List;

/** How the app shows a queue. */
final class QueueSkin implements KindSkin<Queue> {
    @Override
    public Class<Queue> type() {
        return Queue.class;
    }

    @Override
    public String iconLiteral() {
        return "mdi2t-tray-full";
    }

    @Override
    public PaletteGroup paletteGroup() {
        return PaletteGroup.CHANNELS;
    }

    @Override
    public List<String> summary(Queue q, Flow flow) {
        return QueueSummary.lines(q, flow, null);
    }
}
