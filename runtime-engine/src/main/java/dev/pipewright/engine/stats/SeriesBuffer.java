// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.api.SeriesPoint;
import java.util.ArrayList;
import java.util.List;

/** The most recent samples of one node, in a ring of fixed capacity. Engine thread only. */
public final class SeriesBuffer {
    private final SeriesPoint[] ring;
    private int start;
    private int size;

    public SeriesBuffer(int capacity) {
        ring = new SeriesPoint[capacity];
    }

    public void add(SeriesPoint p) {
        if (size < ring.length) {
            ring[(start + size++) % ring.length] = p;
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
        java.util.Arrays.fill(ring, null);
        start = 0;
        size = 0;
    }
}
