// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import static dev.pipewright.app.skin.SummaryText.count;
import static dev.pipewright.app.skin.SummaryText.word;

import dev.pipewright.model.Durations;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Processor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the app shows a processor. */
final class ProcessorSkin implements KindSkin<Processor> {
    @Override
    public Class<Processor> type() {
        return Processor.class;
    }

    @Override
    public String iconLiteral() {
        return "mdi2c-cog-outline";
    }

    @Override
    public PaletteGroup paletteGroup() {
        return PaletteGroup.PROCESSING;
    }

    @Override
    public List<String> summary(Processor p, Flow flow) {
        String first = word(p.variant().name());
        String second = switch (p.variant()) {
            case CONTENT_ROUTER -> count(p.routes().size(), "route");
            case AGGREGATOR -> "batch of " + p.batchSize();
            case DELAY -> "hold " + Durations.format(p.delay());
            case IDEMPOTENT_RECEIVER -> String.format(Locale.ROOT, "window %,d", p.window());
            default -> p.concurrency() + " × " + p.processingTime();
        };
        return List.of(first, second);
    }

    @Override
    public Map<String, PropertyHelp> properties() {
        return Map.of(
                "variant", new PropertyHelp("Processing", "Variant", "What the processor does."),
                "expression", new PropertyHelp("Processing", "Expression", "JSONPath: the filter's condition, the splitter's array, the correlation, sequence or dedupe key."),
                "routes", new PropertyHelp("Routing", "Routes", "Content router: route=JSONPath condition, tried in order."),
                "batchSize", new PropertyHelp("Processing", "Batch size", "Aggregator: messages per batch."),
                "timeout", new PropertyHelp("Processing", "Timeout", "Aggregator: completion timeout; resequencer: longest wait for a gap."),
                "window", new PropertyHelp("Processing", "Window", "Idempotent receiver: keys remembered; resequencer: capacity."),
                "delay", new PropertyHelp("Processing", "Delay", "Delay processor: how long each message is held."));
    }

    @Override
    public boolean showsInstances() {
        return true;
    }
}
