// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.lessons;

import dev.pipewright.model.Flow;
import dev.pipewright.model.lesson.Lesson;
import dev.pipewright.samples.SampleCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The lessons the app offers: one entry per bundled sample, in the catalogue's (learning) order,
 * with its lesson when the sample has one. Grouped by topic for the lessons panel, the topics in
 * the order their first lesson comes; samples without a lesson yet come last.
 */
public final class LessonLibrary {
    /** The group of the samples that have no lesson yet. */
    public static final String WITHOUT_LESSON = "More samples";

    /**
     * One sample and its lesson.
     *
     * @param sampleId the sample's id
     * @param title the sample's title
     * @param lesson its lesson, or empty when it has none yet
     * @param flow reads the sample's flow
     */
    public record Entry(String sampleId, String title, Optional<Lesson> lesson, Supplier<Flow> flow) {
        public Entry {
            Objects.requireNonNull(sampleId, "sampleId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(lesson, "lesson");
            Objects.requireNonNull(flow, "flow");
        }

        /** The group it is listed under: its lesson's topic, or {@link #WITHOUT_LESSON}. */
        public String group() {
            return lesson.map(l -> l.topic().title()).orElse(WITHOUT_LESSON);
        }
    }

    private final List<Entry> entries;

    private LessonLibrary(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The bundled samples and their lessons. */
    public static LessonLibrary bundled() {
        return new LessonLibrary(SampleCatalog.all().stream()
                .map(s -> new Entry(s.id(), s.title(), s.lesson(), s::load)).toList());
    }

    /** Every entry, in the catalogue's order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The entries by group: topics in the order of their first lesson, then {@link #WITHOUT_LESSON}. */
    public Map<String, List<Entry>> byGroup() {
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        List<Entry> without = new ArrayList<>();
        for (Entry e : entries) {
            if (e.lesson().isPresent()) {
                groups.computeIfAbsent(e.group(), g -> new ArrayList<>()).add(e);
            } else {
                without.add(e);
            }
        }
        if (!without.isEmpty()) {
            groups.put(WITHOUT_LESSON, without);
        }
        return groups;
    }

    /** The entry of a sample. */
    public Optional<Entry> find(String sampleId) {
        return entries.stream().filter(e -> e.sampleId().equals(sampleId)).findFirst();
    }

    /** Where a newcomer starts: the first sample with a lesson, else the first sample. */
    public Optional<Entry> first() {
        return entries.stream().filter(e -> e.lesson().isPresent()).findFirst().or(() -> entries.stream().findFirst());
    }
}
