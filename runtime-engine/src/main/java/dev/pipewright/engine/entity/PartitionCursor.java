// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

/**
 * One consumer group's view of one partition of a Kafka topic: the records from the lowest offset
 * the group may still read again up to the log end, its committed offset and its position.
 *
 * <p>Offsets: {@code base <= committed} and {@code base <= fetched <= end}. Records below
 * {@link #done} were processed (or skipped, dead-lettered or lost) and are kept as uncounted copies,
 * so that a member resuming from an older committed offset reads them again as duplicates; records
 * from {@code done} on are the messages themselves, waiting or (one at a time, so the partition stays
 * in order) with a member. Records below {@code min(committed, fetched)} can never be read again and
 * are let go, so memory holds only what is not yet committed.
 */
final class PartitionCursor {
    final int partition;
    private Message[] ring = new Message[4];
    private int head;
    long base;
    long end;
    long committed;
    long fetched;
    long done;
    /** The record a member holds now, or null. */
    Message inFlight;
    /** The group rebalanced while a record was with a member: go back to the committed offset once it is settled. */
    boolean rewindPending;

    PartitionCursor(int partition) {
        this.partition = partition;
    }

    /** Appends a record at the log end; returns its offset. */
    long append(Message m) {
        int size = (int) (end - base);
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) & (ring.length - 1)] = m;
        return end++;
    }

    /** Puts a record let go back at the front (a member seeks back to retry it): its offset becomes the base. */
    void prepend(Message m, long offset) {
        if (offset != base - 1) {
            throw new IllegalStateException("partition " + partition + " can take back only offset " + (base - 1));
        }
        if (end - base == ring.length) {
            grow();
        }
        head = (head - 1) & (ring.length - 1);
        ring[head] = m;
        base = offset;
    }

    Message get(long offset) {
        return ring[(head + (int) (offset - base)) & (ring.length - 1)];
    }

    void set(long offset, Message m) {
        ring[(head + (int) (offset - base)) & (ring.length - 1)] = m;
    }

    /** Lets go of the records no one can read again. */
    void trim() {
        long keep = Math.min(committed, fetched);
        while (base < keep) {
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            base++;
        }
    }

    /** Whether the group can give a member the record at its position now. */
    boolean hasNext() {
        return inFlight == null && !rewindPending && fetched < end;
    }

    /** Records not yet processed and not with a member: what the conservation law counts as waiting here. */
    long waiting() {
        long open = end - done;
        return inFlight != null && inFlight.queueSeq >= done ? open - 1 : open;
    }

    /** The consumer lag: log end offset minus committed offset. */
    long lag() {
        return end - committed;
    }

    private void grow() {
        int size = (int) (end - base);
        Message[] bigger = new Message[ring.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }
}
