// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.MessageEvent;
import dev.pipewright.engine.report.Assertion;
import dev.pipewright.engine.report.Exercise;
import dev.pipewright.engine.report.ExerciseResult;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.io.FlowJson;
import dev.pipewright.model.lesson.Challenge;
import dev.pipewright.model.lesson.Lesson;
import dev.pipewright.model.lesson.LessonFileException;
import dev.pipewright.model.lesson.LessonFiles;
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

    /** The lesson file beside the sample {@code id}, read as the app and {@code check --exercise} read it. */
    static Lesson lesson(String id) {
        try {
            return LessonFiles.read(text(id), id + ".md");
        } catch (LessonFileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The lesson names its own flow and title, and every action and goal names a node of the right kind. */
    static void assertLessonFitsItsFlow(String id) {
        Lesson lesson = lesson(id);
        SampleCatalog.Sample sample = SampleCatalog.byId(id).orElseThrow();
        Flow flow = sample.load();
        assertThat(lesson.title()).isEqualTo(flow.info().name());
        assertThat(lesson.flowFile()).isEqualTo(sample.resource());
        assertThat(lesson.steps()).hasSizeBetween(2, 3);
        assertThat(lesson.check(flow)).as(id + ": step actions that do not fit the flow").isEmpty();
        for (String goal : lesson.challenge().map(Challenge::goals).orElse(List.of())) {
            Assertion a = Assertion.parse(goal);
            assertThat(a.problemIn(flow)).as(id + ": goal " + goal + " names a node of the flow").isEmpty();
        }
    }

    /** The lesson's challenge on {@code flow} saved and read back, as {@code check --exercise} checks it. */
    static ExerciseResult challenge(String id, Flow flow) {
        Flow saved;
        try {
            saved = FlowJson.read(FlowJson.write(flow), id);
        } catch (dev.pipewright.model.io.FlowFileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return check(saved, challenge(id));
    }

    static boolean meets(ExerciseResult result) {
        return result.met();
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

    /** The challenge in the lesson's front matter. */
    static Challenge challenge(String id) {
        return lesson(id).challenge().orElseThrow(() -> new AssertionError("lesson " + id + " has no challenge"));
    }

    /** Runs {@code flow} for the challenge and checks each goal on its report. */
    static ExerciseResult check(Flow flow, Challenge challenge) {
        ExerciseResult result = Exercise.check(challenge, flow, RunLimits.DEFAULTS);
        assertThat(result.problems()).as("problems that kept the challenge from being checked").isEmpty();
        return result;
    }

    /** Whether {@code flow} meets every goal of the challenge. */
    static boolean meets(Flow flow, Challenge challenge) {
        return check(flow, challenge).met();
    }
}
