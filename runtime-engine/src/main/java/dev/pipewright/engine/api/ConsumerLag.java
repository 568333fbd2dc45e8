// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import java.util.Arrays;

/**
 * One Kafka consumer group's lag on one topic: per partition, the log end offset minus the group's
 * committed offset (what {@code kafka-consumer-groups.sh --describe} shows as LAG).
 *
 * @param group the consumer node whose instances are the group's members
 * @param perPartition the lag of partition 0, 1, ...
 */
public record ConsumerLag(String group, long[] perPartition) {
    public ConsumerLag {
        perPartition = perPartition.clone();
    }

    /** The lag of partition {@code p}. */
    public long partition(int p) {
        return perPartition[p];
    }

    /** The partitions' count. */
    public int partitions() {
        return perPartition.length;
    }

    /** The group's lag: the sum over its partitions. */
    public long total() {
        long sum = 0;
        for (long l : perPartition) {
            sum += l;
        }
        return sum;
    }

    @Override
    public long[] perPartition() {
        return perPartition.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsumerLag other && group.equals(other.group) && Arrays.equals(perPartition, other.perPartition);
    }

    @Override
    public int hashCode() {
        return group.hashCode() * 31 + Arrays.hashCode(perPartition);
    }

    @Override
    public String toString() {
        return "ConsumerLag[" + group + " " + Arrays.toString(perPartition) + "]";
    }
}
