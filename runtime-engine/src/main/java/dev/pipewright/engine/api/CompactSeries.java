// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of a node's samples kept as {@link SeriesBlock}s, which a {@link NodeStats}
 * holds as it is (any other list it copies). Samples are decoded when read, a block at a time;
 * snapshots taken one after another share their blocks, so holding a snapshot costs a few bytes a
 * sample, not a {@code SeriesPoint} object each. Safe to read from any thread.
 */
public final class CompactSeries extends AbstractList<SeriesPoint> implements RandomAccess {
    private static final CompactSeries EMPTY = new CompactSeries(new SeriesBlock[0], 0, 0);

    private final SeriesBlock[] blocks;
    private final int skip;
    private final int size;
    /** The block read last, decoded; a record, so a thread that sees it sees its points. */
    private Decoded lastRead;

    private record Decoded(int block, SeriesPoint[] points) {
    }

    private CompactSeries(SeriesBlock[] blocks, int skip, int size) {
        this.blocks = blocks;
        this.skip = skip;
        this.size = size;
    }

    /** The list with no samples. */
    public static CompactSeries empty() {
        return EMPTY;
    }

    /**
     * The samples of {@code blocks} in order, less the first {@code skip} of the first block:
     * every block but the last must hold as many samples as the first.
     */
    public static CompactSeries of(List<SeriesBlock> blocks, int skip) {
        if (blocks.isEmpty()) {
            if (skip != 0) {
                throw new IllegalArgumentException("no samples to skip " + skip + " of");
            }
            return EMPTY;
        }
        int stride = blocks.getFirst().size();
        int total = 0;
        for (int i = 0; i < blocks.size(); i++) {
            int n = blocks.get(i).size();
            if (i < blocks.size() - 1 ? n != stride : n > stride) {
                throw new IllegalArgumentException("series block " + i + " holds " + n + " samples where the first holds "
                        + stride + "; only the last may hold fewer");
            }
            total += n;
        }
        if (skip < 0 || skip > stride || skip > total) {
            throw new IllegalArgumentException("cannot skip " + skip + " samples of a first block of " + stride);
        }
        return new CompactSeries(blocks.toArray(SeriesBlock[]::new), skip, total - skip);
    }

    @Override
    public SeriesPoint get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("sample " + index + " of " + size);
        }
        int at = index + skip;
        int stride = blocks[0].size();
        int block = at / stride;
        Decoded d = lastRead;
        if (d == null || d.block() != block) {
            d = new Decoded(block, blocks[block].decode());
            lastRead = d;
        }
        return d.points()[at - block * stride];
    }

    @Override
    public int size() {
        return size;
    }
}
