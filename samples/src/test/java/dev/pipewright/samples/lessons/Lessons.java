// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.MessageEvent;
import dev.pipewright.engine.report.Assertion;
import dev.pipewright.engine.report.AssertionResult;
import dev.pipewright.engine.report.Reports;
import dev.pipewright.engine.report.RunReport;
import dev.pipewright.model.Durations;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.io.FlowJson;
import dev.pipewright.samples.SampleCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the lesson tests share: the sample and its lesson file, the lesson's challenge run as
 * {@code pipewright check --exercise} would run it, and every message event of a run.
 */
final class Lessons {
    private Lessons() {
    }

    /** The shipped flow of the sample {@code id}. */
    static Flow sample(String id) {
        return SampleCatalog.byId(id).orElseThrow(() -> new AssertionError("no sample " + id)).load();
    }

    /** A node of the flow, of the given record type. */
    static <T extends Node> T node(Flow flow, String id, Class<T> type) {
        return type.cast(flow.node(id).orElseThrow(() -> new AssertionError("no node " + id)));
    }

    /** The flow with one node changed as a learner would change it in the properties. */
    static <T extends Node> Flow edit(Flow flow, String id, Class<T> type, UnaryOperator<T> change) {
        return flow.replaceNode(change.apply(node(flow, id, type)));
    }

    /** The flow with one node property changed, named as in flow files. */
    static Flow with(Flow flow, String id, String property, Object value) {
        return flow.replaceNode(flow.node(id).orElseThrow().with(property, value));
    }

    /** The lesson file beside the sample {@code id}: its front matter and body. */
    record Lesson(JsonNode front, String body) {
        /** The challenge's goals, as written ({@code --assert} syntax). */
        List<String> goals() {
            List<String> goals = new ArrayList<>();
            front.path("challenge").path("goals").forEach(g -> goals.add(g.asText()));
            return goals;
        }

        /** Virtual seconds the challenge runs for. */
        double runSeconds() {
            return dev.pipewright.model.Durations.parse(front.path("challenge").path("run").asText()).toNanos() / 1e9;
        }

        long seed() {
            return front.path("challenge").path("seed").asLong(42);
        }

        /** The "try this" actions, each split into words. */
        List<List<String>> actions() {
            List<List<String>> actions = new ArrayList<>();
            front.path("try").forEach(step -> {
                if (step.hasNonNull("action")) {
                    actions.add(List.of(step.get("action").asText().trim().split(" +")));
                }
            });
            return actions;
        }
    }

    /** Reads the lesson file {@code id.md} from the class path. */
    static Lesson lesson(String id) {
        String path = "/dev/pipewright/samples/" + id + ".md";
        String text;
        try (InputStream in = Lessons.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("no lesson " + path);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] parts = text.split("(?m)^---\\s*$", 3);
        assertThat(parts).as("front matter between --- lines in " + path).hasSize(3);
        try {
            return new Lesson(new YAMLMapper().readTree(parts[1]), parts[2]);
        } catch (IOException e) {
            throw new AssertionError("front matter of " + path + ": " + e.getMessage(), e);
        }
    }

    /** The lesson names its own flow and title, and every action names a node of the right kind. */
    static void assertLessonFitsItsFlow(String id) {
        Lesson lesson = lesson(id);
        SampleCatalog.Sample sample = SampleCatalog.byId(id).orElseThrow();
        Flow flow = sample.load();
        assertThat(lesson.front().path("title").asText()).isEqualTo(flow.info().name());
        assertThat(lesson.front().path("flow").asText()).isEqualTo(sample.resource());
        assertThat(lesson.front().path("try").size()).isBetween(2, 3);
        for (List<String> action : lesson.actions()) {
            Node node = flow.node(action.get(1)).orElseThrow(() -> new AssertionError(id + ": action " + action
                    + " names no node of the flow"));
            NodeKind expected = switch (action.getFirst()) {
                case "rate", "flood", "publish" -> NodeKind.SOURCE;
                case "endpoint-down", "endpoint-up" -> NodeKind.ENDPOINT;
                default -> NodeKind.CONSUMER;
            };
            assertThat(node.kind()).as(id + ": " + action).isEqualTo(expected);
        }
        for (String goal : lesson.goals()) {
            Assertion a = Assertion.parse(goal);
            assertThat(flow.node(a.node())).as(id + ": goal " + goal + " names a node of the flow").isPresent();
        }
    }

    /** The lesson's challenge on {@code flow}: each goal's result, as the exercise check reports it. */
    static List<AssertionResult> challenge(String id, Flow flow) {
        Lesson lesson = lesson(id);
        assertThat(lesson.goals()).as(id + " has a challenge").isNotEmpty();
        // Through the file format, as a learner's saved flow reaches the check.
        Flow saved;
        try {
            saved = FlowJson.read(FlowJson.write(flow), id);
        } catch (dev.pipewright.model.io.FlowFileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        Simulation sim = Simulation.create(saved, lesson.seed());
        sim.runUntil(lesson.runSeconds());
        var report = Reports.from(saved, sim.snapshot(), "virtual", lesson.seed());
        return lesson.goals().stream().map(g -> Assertion.parse(g).check(report)).toList();
    }

    static boolean meets(List<AssertionResult> results) {
        return results.stream().allMatch(AssertionResult::passed);
    }

    /** Every message event of a run to {@code seconds}. */
    static List<MessageEvent> events(Flow flow, long seed, double seconds) {
        Simulation sim = Simulation.create(flow, seed);
        List<MessageEvent> events = new ArrayList<>();
        sim.setMessageEvents(events::add);
        sim.runUntil(seconds);
        return events;
    }

    /** How many events named {@code event} at {@code node} each message had. */
    static Map<Long, Integer> countPerMessage(List<MessageEvent> events, String event, String node) {
        Map<Long, Integer> counts = new HashMap<>();
        for (MessageEvent e : events) {
            if (e.event().equals(event) && e.node().equals(node)) {
                counts.merge(e.message(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Time from publish to completion of each message, in seconds, by the source that published it. */
    static final class EndToEnd {
        private final Map<Long, String> source = new HashMap<>();
        private final Map<Long, Double> published = new HashMap<>();
        private final Map<String, List<double[]>> done = new HashMap<>();

        /** Follows every message of {@code sim} from now on. */
        EndToEnd(Simulation sim) {
            sim.setMessageEvents(e -> {
                if (e.event().equals("publish")) {
                    source.put(e.message(), e.node());
                    published.put(e.message(), e.t());
                } else if (e.event().equals("complete") && source.containsKey(e.message())) {
                    double at = published.get(e.message());
                    done.computeIfAbsent(source.get(e.message()), k -> new ArrayList<>()).add(new double[] {at, e.t() - at});
                }
            });
        }

        /** The sorted times of the messages {@code sourceId} published from {@code from} to {@code until} seconds. */
        List<Double> of(String sourceId, double from, double until) {
            return done.getOrDefault(sourceId, List.of()).stream().filter(d -> d[0] >= from && d[0] < until)
                    .map(d -> d[1]).sorted().toList();
        }

        List<Double> of(String sourceId) {
            return of(sourceId, 0, Double.MAX_VALUE);
        }

        /** A run of {@code seconds} of {@code flow} with seed 42, followed. */
        static EndToEnd run(Flow flow, double seconds) {
            Simulation sim = Simulation.create(flow, 42);
            EndToEnd e2e = new EndToEnd(sim);
            sim.runUntil(seconds);
            return e2e;
        }
    }

    /** The 99th percentile of sorted values. */
    static double p99(List<Double> sorted) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** The sample's flow, as the catalog loads it. */
    static Flow flow(String id) {
        return sample(id);
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
