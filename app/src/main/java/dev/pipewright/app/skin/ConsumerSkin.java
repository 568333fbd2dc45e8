// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import static dev.pipewright.app.skin.SummaryText.number;
import static dev.pipewright.app.skin.SummaryText.word;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import java.util.List;
import java.util.Map;

/** How the app shows a consumer. */
final class ConsumerSkin implements KindSkin<Consumer> {
    @Override
    public Class<Consumer> type() {
        return Consumer.class;
    }

    @Override
    public String iconLiteral() {
        return "mdi2a-account-group-outline";
    }

    @Override
    public PaletteGroup paletteGroup() {
        return PaletteGroup.PRODUCE_AND_CONSUME;
    }

    @Override
    public List<String> summary(Consumer c, Flow flow) {
        String first = c.instances() + " × " + c.processingTime();
        String second = "prefetch " + c.prefetch();
        if (c.failureRate() > 0) {
            second += " · fail " + number(c.failureRate() * 100) + "% → " + word(c.onFailure().name());
        }
        return List.of(first, second);
    }

    @Override
    public Map<String, PropertyHelp> properties() {
        return Map.of(
                "instances", new PropertyHelp("Processing", "Instances", "Consumer instances, each handling one message at a time."),
                "prefetch", new PropertyHelp("Delivery", "Prefetch", "Unacknowledged messages one instance may hold (0 for no limit)."),
                "onFailure", new PropertyHelp("Failures", "On failure", "What a failure does with the message: requeue, reject or dead-letter."),
                "ackMode", new PropertyHelp("Delivery", "Ack mode", "When the broker counts a message as done: on delivery (auto) or after processing (manual)."),
                "crashes", new PropertyHelp("Failures", "Crashes", "Scheduled crashes: '30s #0 for 10s' crashes instance 0 at 30s for 10s."),
                "replies", new PropertyHelp("Request/reply", "Sends replies", "Sends a reply to each message's reply-to queue."),
                "failFirstAttempts", new PropertyHelp("Failures", "Fail first attempts",
                        "Attempts 1..N of each message fail, then it succeeds (3 with N = 2). Counts laps of a dead-letter retry loop too. Empty for none."),
                "failWhen", new PropertyHelp("Failures", "Fail when",
                        "Messages matching this always fail: header:NAME=VALUE, or a JSONPath condition on the payload such as $.amount > 100. Empty for none."));
    }

    @Override
    public boolean showsInstances() {
        return true;
    }

    @Override
    public boolean showsPips() {
        return true;
    }

    @Override
    public List<FaultOffer> faults() {
        return List.of(FaultOffer.CRASH, FaultOffer.RESTORE, FaultOffer.PAUSE, FaultOffer.ADD_INSTANCE,
                FaultOffer.REMOVE_INSTANCE);
    }
}
