// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.report.Assertion;
import dev.pipewright.engine.report.AssertionResult;
import dev.pipewright.engine.report.Reports;
import dev.pipewright.engine.report.RunReport;
import dev.pipewright.model.Durations;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.samples.SampleCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the lesson tests share: a sample's flow and lesson text from the class path, its nodes by
 * id, and its challenge run as the app and {@code check --exercise} run it (the flow for the
 * challenge's virtual time with its seed, the goals checked on the run's report).
 */
final class Lessons {
    private Lessons() {
    }

    /** The sample's flow, as the catalog loads it. */
    static Flow flow(String id) {
        return SampleCatalog.byId(id).orElseThrow().load();
    }

    /** The node {@code nodeId} of {@code flow}, as its record type. */
    static <T extends Node> T node(Flow flow, String nodeId, Class<T> type) {
        return type.cast(flow.node(nodeId).orElseThrow());
    }

    /** The text of the lesson beside the sample's flow ({@code NAME.md}). */
    static String text(String id) {
        String resource = SampleCatalog.byId(id).orElseThrow().resourcePath().replace(".flow.json", ".md");
        try (InputStream in = Lessons.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no lesson " + resource + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lesson's text with every run of white space made one space, to look for its figures. */
    static String prose(String id) {
        return text(id).replaceAll("\\s+", " ");
    }

    /** A lesson's challenge: how long and with which seed the learner's flow runs, and its goals. */
    record Challenge(double runSeconds, long seed, List<String> goals) {
    }

    /** The challenge in the lesson's front matter. */
    static Challenge challenge(String id) {
        String text = text(id);
        int start = text.indexOf("---\n");
        int end = text.indexOf("\n---\n", start + 4);
        try {
            JsonNode front = new ObjectMapper(new YAMLFactory()).readTree(text.substring(start + 4, end));
            JsonNode c = front.path("challenge");
            if (c.isMissingNode()) {
                throw new IllegalStateException("lesson " + id + " has no challenge");
            }
            List<String> goals = new ArrayList<>();
            c.path("goals").forEach(g -> goals.add(g.asText()));
            double run = Durations.parse(c.path("run").asText()).toNanos() / 1e9;
            return new Challenge(run, c.path("seed").asLong(42), goals);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code flow} for the challenge and checks each goal on its report. */
    static List<AssertionResult> check(Flow flow, Challenge challenge) {
        Simulation sim = Simulation.create(flow, challenge.seed());
        sim.runUntil(challenge.runSeconds());
        RunReport report = Reports.from(flow, sim.snapshot(), "virtual", challenge.seed());
        return challenge.goals().stream().map(g -> Assertion.parse(g).check(report)).toList();
    }

    /** Whether {@code flow} meets every goal of the challenge. */
    static boolean meets(Flow flow, Challenge challenge) {
        return check(flow, challenge).stream().allMatch(AssertionResult::passed);
    }
}
