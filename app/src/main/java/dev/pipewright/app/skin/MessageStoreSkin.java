// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import dev.pipewright.model.Durations;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import java.util.List;
import java.util.Map;

/** How the app shows a message store. */
final class MessageStoreSkin implements KindSkin<MessageStore> {
    @Override
    public Class<MessageStore> type() {
        return MessageStore.class;
    }

    @Override
    public String iconLiteral() {
        return "mdi2d-database-outline";
    }

    @Override
    public PaletteGroup paletteGroup() {
        return PaletteGroup.PROCESSING;
    }

    @Override
    public List<String> summary(MessageStore m, Flow flow) {
        return List.of("retry every " + Durations.format(m.retryInterval()),
                m.maxAttempts() == null ? "no attempt limit" : "max " + m.maxAttempts() + " attempts");
    }

    @Override
    public Map<String, PropertyHelp> properties() {
        return Map.of(
                "retryInterval", new PropertyHelp("Forwarding", "Retry interval", "Wait between forwarding attempts of one message."),
                "maxAttempts", new PropertyHelp("Forwarding", "Max attempts", "Attempts before a message is given up; empty for no limit."),
                "deactivateOnFailure", new PropertyHelp("Forwarding", "Deactivate on failure", "Stop forwarding altogether after a message is given up."),
                "forwardTime", new PropertyHelp("Forwarding", "Forward time", "Time one forwarding attempt takes, as a distribution."));
    }

    /** A store that gave a message up may stop forwarding altogether. */
    @Override
    public String downState() {
        return "deactivated";
    }
}
