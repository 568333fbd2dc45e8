// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.lesson;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The topics lessons are grouped by, in the order the lessons panel shows them. */
public enum LessonTopic {
    BASICS("Basics"),
    SCALING("Scaling"),
    RELIABILITY("Reliability"),
    ORDERING("Ordering"),
    ROUTING("Routing"),
    FLOW_CONTROL("Flow control"),
    INTEGRATION("Integration");

    private final String title;

    LessonTopic(String title) {
        this.title = title;
    }

    /** The words a lesson file and a person use, e.g. {@code Flow control}. */
    public String title() {
        return title;
    }

    /** The topic written {@code title} in a lesson file (exactly, case included). */
    public static Optional<LessonTopic> fromTitle(String title) {
        return Arrays.stream(values()).filter(t -> t.title.equals(title)).findFirst();
    }

    /** Every topic's title, for a message: {@code Basics, Scaling, ...}. */
    public static String allTitles() {
        return Arrays.stream(values()).map(LessonTopic::title).collect(Collectors.joining(", "));
    }
}
