// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * The kinds that may take messages off a queue: consumers and processors. Load estimates and
 * pattern advice read a queue's readers through this, so they need not test for each kind.
 */
public sealed interface QueueReader permits Consumer, Processor {
    String id();

    String name();

    /** Messages it handles at once: a consumer's instances, a processor's concurrency. */
    int parallelism();

    /** Time it takes to handle one message. */
    Distribution processingTime();

    /** Messages per second it handles when always busy; infinite when handling takes no time. */
    default double capacityPerSecond() {
        double mean = processingTime().meanSeconds();
        return mean <= 0 ? Double.POSITIVE_INFINITY : parallelism() / mean;
    }
}
