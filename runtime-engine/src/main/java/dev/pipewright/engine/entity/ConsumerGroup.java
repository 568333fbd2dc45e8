// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import java.util.Arrays;
import java.util.BitSet;

/**
 * One consumer group of a Kafka topic: the consumer node wired to it, whose instances are the
 * group's members, with the group's cursor on every partition and which member owns each.
 *
 * <p>Partitions are shared out as Kafka's {@code RangeAssignor} does (the consumer's default
 * {@code partition.assignment.strategy} lists it first): members in order, each a run of
 * {@code partitions / members} partitions, the first {@code partitions % members} one more; members
 * beyond the partition count own none and stay idle.
 */
final class ConsumerGroup {
    /** The consumer node; null for a topic no consumer reads. */
    final Subscriber subscriber;
    /** The link to it, for the edge counters; null for a reply listener or no consumer. */
    final Link link;
    final PartitionCursor[] cursors;
    /** The member owning each partition, -1 for none (no member, or during a rebalance). */
    final int[] owner;
    /** Partitions whose record at the position can be given out now (see {@link PartitionCursor#hasNext()}). */
    final IndexSet ready = new IndexSet();
    /**
     * A rebalance was asked for (a join, a leave, a session's end) and waits for the members' next
     * heartbeat; they read on meanwhile.
     */
    boolean preparing;
    /** The eager rebalance's stop-the-world: every member has given up its partitions. */
    boolean rebalancing;
    int generation;
    /** When the members' heartbeats count from: the group's last assignment. */
    double heartbeatsFrom;
    /** The members of the group's current assignment; a crashed one is taken out at once. */
    final BitSet assigned = new BitSet();
    /** Crashed members whose session has not timed out yet: a rebalance cannot end before they are gone. */
    int deadSessions;

    ConsumerGroup(Subscriber subscriber, Link link, int partitions) {
        this.subscriber = subscriber;
        this.link = link;
        this.cursors = new PartitionCursor[partitions];
        for (int p = 0; p < partitions; p++) {
            cursors[p] = new PartitionCursor(p);
        }
        this.owner = new int[partitions];
        Arrays.fill(owner, -1);
    }

    /** The group's id as the report names it: the consumer node's. */
    String id() {
        return subscriber instanceof Entity e ? e.nodeId() : "";
    }

    /** True when the group's members commit every 5 s ({@code enable.auto.commit}); false: after each record. */
    boolean autoCommit() {
        return subscriber instanceof ConsumerEntity c && c.autoAck();
    }

    /** True when members report back when a record is processed (consumers); others are done with a record once given it. */
    boolean tracksProcessing() {
        return subscriber instanceof ConsumerEntity;
    }

    int members() {
        return subscriber == null ? 0 : subscriber instanceof ConsumerEntity c ? c.instanceCount() : 1;
    }

    boolean up(int member) {
        return subscriber instanceof ConsumerEntity c ? c.instanceUp(member) : subscriber != null && subscriber.alive();
    }

    boolean canTake(int member) {
        return subscriber instanceof ConsumerEntity c ? c.canTakeOn(member) : subscriber.canTake(false);
    }

    void deliver(Message m, QueueEntity from, int member) {
        if (subscriber instanceof ConsumerEntity c) {
            c.deliverTo(m, from, member);
        } else {
            subscriber.deliver(m, from, false);
        }
    }

    /** Whether a member of the current assignment is still up: one who must rejoin for a rebalance to end. */
    boolean hasAssignedMemberUp() {
        for (int m = assigned.nextSetBit(0); m >= 0; m = assigned.nextSetBit(m + 1)) {
            if (up(m)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any member is up: a group with none is empty, and nothing rebalances. */
    boolean anyUp() {
        for (int m = 0, n = members(); m < n; m++) {
            if (up(m)) {
                return true;
            }
        }
        return false;
    }

    /** Shares the partitions among the members up now, as the range assignor does. */
    void assign() {
        int n = members();
        int[] up = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (up(i)) {
                up[count++] = i;
            }
        }
        Arrays.fill(owner, -1);
        assigned.clear();
        for (int k = 0; k < count; k++) {
            assigned.set(up[k]);
        }
        if (count > 0) {
            int each = cursors.length / count;
            int extra = cursors.length % count;
            for (int k = 0; k < count; k++) {
                int start = each * k + Math.min(k, extra);
                int length = each + (k < extra ? 1 : 0);
                for (int p = start; p < start + length; p++) {
                    owner[p] = up[k];
                }
            }
        }
        for (PartitionCursor c : cursors) {
            refresh(c);
        }
    }

    /** Puts the cursor's partition in or out of {@link #ready} after its state changed. */
    void refresh(PartitionCursor c) {
        ready.set(c.partition, !rebalancing && owner[c.partition] >= 0 && c.hasNext());
    }
}
