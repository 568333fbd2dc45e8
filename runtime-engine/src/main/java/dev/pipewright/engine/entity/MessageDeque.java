// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import java.util.Arrays;

/**
 * The ready messages of one queue (or one priority level), in delivery order: a ring buffer of
 * references, so a waiting message costs one array slot beyond itself. It stays sorted by
 * {@link Message#queueSeq}: new messages go to the tail, requeued ones back to their old place
 * near the head, as RabbitMQ keeps a requeued message's position.
 */
final class MessageDeque {
    private Message[] ring = new Message[16];
    private int head;
    private int size;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void addLast(Message m) {
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) & (ring.length - 1)] = m;
        size++;
    }

    public Message peekFirst() {
        return size == 0 ? null : ring[head];
    }

    public Message pollFirst() {
        if (size == 0) {
            return null;
        }
        Message m = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        size--;
        return m;
    }

    /** Removes and returns the i-th message from the head, keeping the others' order. */
    public Message removeAt(int i) {
        int mask = ring.length - 1;
        Message m = ring[(head + i) & mask];
        // Shift the i messages before it one slot towards the back, then free the head slot.
        for (int k = i; k > 0; k--) {
            ring[(head + k) & mask] = ring[(head + k - 1) & mask];
        }
        ring[head] = null;
        head = (head + 1) & mask;
        size--;
        return m;
    }

    /** The i-th message from the head. */
    public Message get(int i) {
        return ring[(head + i) & (ring.length - 1)];
    }

    /**
     * Puts {@code m} back where its sequence number belongs. Requeued messages are older than
     * almost everything in the queue, so the search runs from the head and is short.
     */
    public void insertSorted(Message m) {
        if (size == ring.length) {
            grow();
        }
        int mask = ring.length - 1;
        int pos = 0;
        while (pos < size && ring[(head + pos) & mask].queueSeq < m.queueSeq) {
            pos++;
        }
        // Shift the first pos elements one slot towards the front, then place m.
        head = (head - 1) & mask;
        for (int i = 0; i < pos; i++) {
            ring[(head + i) & mask] = ring[(head + i + 1) & mask];
        }
        ring[(head + pos) & mask] = m;
        size++;
    }

    /** Removes the messages {@code test} accepts, keeping the others' order; gives each removed one to {@code removed}, head first. */
    public void removeIf(java.util.function.Predicate<Message> test, java.util.function.Consumer<Message> removed) {
        int mask = ring.length - 1;
        int kept = 0;
        for (int i = 0; i < size; i++) {
            Message m = ring[(head + i) & mask];
            if (test.test(m)) {
                removed.accept(m);
            } else {
                ring[(head + kept) & mask] = m;
                kept++;
            }
        }
        for (int i = kept; i < size; i++) {
            ring[(head + i) & mask] = null;
        }
        size = kept;
    }

    private void grow() {
        Message[] bigger = new Message[ring.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        Arrays.fill(ring, null);
        ring = bigger;
        head = 0;
    }
}
