// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.api.CompactSeries;
import dev.pipewright.engine.api.SeriesBlock;
import dev.pipewright.engine.api.SeriesPoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent samples of one node, at most a fixed number, encoded in
 * {@link SeriesBlock}s (a few bytes a sample instead of an object). Full blocks are immutable and
 * shared by every snapshot that holds them; the oldest block is dropped once all its samples are
 * older than the newest {@code capacity}. Engine thread only.
 */
public final class SeriesBuffer {
    private final int capacity;
    private final ArrayDeque<SeriesBlock> full = new ArrayDeque<>();
    private final SeriesBlock.Writer current;
    /** Samples of the oldest full block that are no longer among the newest {@code capacity}. */
    private int skip;
    private int size;
    /** What {@link #toList()} answered last, while no sample came since. */
    private CompactSeries view = CompactSeries.empty();

    public SeriesBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a time series keeps at least one sample (was " + capacity + ")");
        }
        this.capacity = capacity;
        // Blocks no longer than the capacity, so the samples to drop are always in a full block.
        this.current = new SeriesBlock.Writer(Math.min(SeriesBlock.SAMPLES, capacity));
    }

    public void add(SeriesPoint p) {
        current.add(p);
        if (current.isFull()) {
            full.addLast(current.toBlock());
            current.clear();
        }
        if (size < capacity) {
            size++;
        } else if (++skip == full.getFirst().size()) {
            full.removeFirst();
            skip = 0;
        }
        view = null;
    }

    /** The samples, oldest first: an immutable list that later samples do not change. */
    public List<SeriesPoint> toList() {
        if (view == null) {
            List<SeriesBlock> blocks = new ArrayList<>(full.size() + 1);
            blocks.addAll(full);
            if (current.size() > 0) {
                blocks.add(current.toBlock());
            }
            view = CompactSeries.of(blocks, skip);
        }
        return view;
    }

    public void clear() {
        full.clear();
        current.clear();
        skip = 0;
        size = 0;
        view = CompactSeries.empty();
    }
}
