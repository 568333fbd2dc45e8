// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import static dev.pipewright.app.skin.SummaryText.count;
import static dev.pipewright.app.skin.SummaryText.word;

import dev.pipewright.model.Flow;
import dev.pipewright.model.Topic;
import java.util.List;
import java.util.Map;

/** How the app shows a topic. */
final class TopicSkin implements KindSkin<Topic> {
    @Override
    public Class<Topic> type() {
        return Topic.class;
    }

    @Override
    public String iconLiteral() {
        return "mdi2b-broadcast";
    }

    @Override
    public PaletteGroup paletteGroup() {
        return PaletteGroup.CHANNELS;
    }

    @Override
    public List<String> summary(Topic t, Flow flow) {
        return List.of(word(t.routing().name()) + " routing", count(flow.outgoing(t.id()).size(), "binding"));
    }

    @Override
    public Map<String, PropertyHelp> properties() {
        return Map.of("routing", new PropertyHelp("Routing", "Routing",
                "How bindings match messages: fanout, direct, topic patterns or headers."));
    }

    /** A topic copies at once: no time is spent in it. */
    @Override
    public String timeRowLabel() {
        return null;
    }
}
