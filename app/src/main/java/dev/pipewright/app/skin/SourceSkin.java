// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import static dev.pipewright.app.skin.SummaryText.number;
import static dev.pipewright.app.skin.SummaryText.word;

import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the app shows a source. */
final class SourceSkin implements KindSkin<Source> {
    @Override
    public Class<Source> type() {
        return Source.class;
    }

    @Override
    public String iconLiteral() {
        return "mdi2s-send-outline";
    }

    @Override
    public PaletteGroup paletteGroup() {
        return PaletteGroup.PRODUCE_AND_CONSUME;
    }

    @Override
    public List<String> summary(Source s, Flow flow) {
        if (!s.script().isEmpty()) {
            return List.of(String.format(Locale.ROOT, "script of %,d messages", s.script().size()),
                    s.payloadSize() + " B payload");
        }
        String first = number(s.rate()) + " msg/s " + word(s.arrival().name());
        if (s.arrival() == Source.Arrival.BURSTS) {
            first += " of " + s.burstSize();
        }
        List<String> second = new ArrayList<>();
        if (s.messageLimit() != null) {
            second.add(String.format(Locale.ROOT, "%,d msgs", s.messageLimit()));
        }
        if (!s.routingKeys().isEmpty()) {
            second.add("key " + String.join(", ", s.routingKeys()));
        }
        if (!s.priorityMix().isEmpty()) {
            second.add("priorities");
        }
        if (s.replyQueue() != null) {
            second.add("request/reply");
        }
        if (second.isEmpty()) {
            second.add(s.payloadSize() + " B payload");
        }
        return List.of(first, String.join(" · ", second));
    }

    @Override
    public Map<String, PropertyHelp> properties() {
        return Map.ofEntries(
                Map.entry("rate", new PropertyHelp("Traffic", "Rate (msg/s)", "Messages per second on average.")),
                Map.entry("arrival", new PropertyHelp("Traffic", "Arrival", "How messages are spaced in time: constant, Poisson or bursts.")),
                Map.entry("burstSize", new PropertyHelp("Traffic", "Burst size", "Messages per burst, when arrival is bursts.")),
                Map.entry("messageLimit", new PropertyHelp("Traffic", "Message limit", "Stop after this many messages; empty for no limit.")),
                Map.entry("payloadTemplate", new PropertyHelp("Messages", "Payload template", "A JSON template; ${seq}, ${random(a,b)} and ${oneOf(x,y)} are filled in per message.")),
                Map.entry("payloadSize", new PropertyHelp("Messages", "Payload size (bytes)", "Size of each message body in bytes.")),
                Map.entry("headers", new PropertyHelp("Messages", "Headers", "Headers set on every message, as key=value, key2=value2."
                        + " Under MQTT: mqtt-qos=0, 1 or 2 (1 unless set), mqtt-retain=true, mqtt-message-expiry=SECONDS.")),
                Map.entry("priorityMix", new PropertyHelp("Messages", "Priority mix", "Weight of each priority, e.g. 0=0.8, 9=0.2; empty for all priority 0.")),
                Map.entry("routingKeys", new PropertyHelp("Routing", "Routing keys", "Routing keys used in turn, separated by commas. Under MQTT, the topic names it publishes to.")),
                Map.entry("duplicateRate", new PropertyHelp("Failures", "Duplicate rate", "Probability that a message is published twice (at-least-once producer).")),
                Map.entry("replyQueue", new PropertyHelp("Request/reply", "Reply queue", "Id of the queue replies come back on; empty for none.")),
                Map.entry("replyTimeout", new PropertyHelp("Request/reply", "Reply timeout", "How long a request waits for its reply.")),
                Map.entry("script", new PropertyHelp("Traffic", "Script", "Exactly these messages, at these times, instead of the rate: '1s m1 key=eu priority=5 ttl=2s delay=500ms h.tenant=acme, 2s m2' (time, then an id, key=, priority=, ttl=, delay=, h.HEADER=). The id is also the header 'id', so a consumer can fail one message by it.")),
                Map.entry("confirms", new PropertyHelp("Broker", "Publisher confirms", "Publish with confirms: a publish a full queue refuses (reject-publish, reject-publish-dlx; Artemis FAIL) is nacked, the rest confirmed. The report counts both.")));
    }

    /** A source only sends: no time is spent in it. */
    @Override
    public String timeRowLabel() {
        return null;
    }

    @Override
    public List<FaultOffer> faults() {
        return List.of(FaultOffer.PUBLISH_ONE, FaultOffer.SET_RATE, FaultOffer.FLOOD);
    }
}
