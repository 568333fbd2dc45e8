// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.api.SeriesPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The most recent samples of one node, in a ring of fixed capacity. The ring grows to its
 * capacity as samples come (a node of a short run keeps only what it has). Engine thread only.
 */
public final class SeriesBuffer {
    private static final int FIRST_LENGTH = 16;

    private final int capacity;
    private SeriesPoint[] ring = new SeriesPoint[0];
    private int start;
    private int size;

    public SeriesBuffer(int capacity) {
        this.capacity = capacity;
    }

    public void add(SeriesPoint p) {
        if (size < capacity) {
            // Until the ring is full the oldest sample is at 0, so growing it keeps the order.
            if (size == ring.length) {
                ring = Arrays.copyOf(ring, Math.min(capacity, Math.max(FIRST_LENGTH, 2 * size)));
            }
            ring[size++] = p;
        } else {
            ring[start] = p;
            start = (start + 1) % ring.length;
        }
    }

    /** The samples, oldest first. */
    public List<SeriesPoint> toList() {
        List<SeriesPoint> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(ring[(start + i) % ring.length]);
        }
        return list;
    }

    public void clear() {
        Arrays.fill(ring, null);
        start = 0;
        size = 0;
    }
}
