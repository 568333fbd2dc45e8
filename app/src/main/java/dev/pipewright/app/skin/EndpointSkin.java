// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import static dev.pipewright.app.skin.SummaryText.count;

import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import java.util.List;
import java.util.Map;

/** How the app shows an endpoint. */
final class EndpointSkin implements KindSkin<Endpoint> {
    @Override
    public Class<Endpoint> type() {
        return Endpoint.class;
    }

    @Override
    public String iconLiteral() {
        return "mdi2s-server-network";
    }

    @Override
    public PaletteGroup paletteGroup() {
        return PaletteGroup.PRODUCE_AND_CONSUME;
    }

    @Override
    public List<String> summary(Endpoint e, Flow flow) {
        return List.of(e.concurrency() + " × " + e.processingTime(),
                e.downWindows().isEmpty() ? "always up" : count(e.downWindows().size(), "down window"));
    }

    @Override
    public Map<String, PropertyHelp> properties() {
        return Map.of(
                "concurrency", new PropertyHelp("Processing", "Concurrency", "Messages handled at once."),
                "downWindows", new PropertyHelp("Availability", "Down windows", "Periods from the start of the run when it is down: '10s to 20s, 1m to 2m'."));
    }

    @Override
    public boolean showsInstances() {
        return true;
    }

    @Override
    public String downState() {
        return "down";
    }

    @Override
    public boolean badgeSaysDown() {
        return true;
    }

    @Override
    public List<FaultOffer> faults() {
        return List.of(FaultOffer.ENDPOINT_DOWN_OR_UP);
    }
}
