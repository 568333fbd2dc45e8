// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

/**
 * Kafka's key hash: the 32-bit murmur2 of {@code org.apache.kafka.common.utils.Utils.murmur2}
 * (seed {@code 0x9747b28c}), and the default partitioner's choice of partition for a keyed record,
 * {@code toPositive(murmur2(keyBytes)) % numPartitions} ({@code BuiltInPartitioner.partitionForKey}).
 * Written to match the Java client bit for bit; {@code Murmur2Test} checks it against kafka-clients.
 */
public final class Murmur2 {
    private Murmur2() {
    }

    /** The murmur2 hash of {@code data}, as Kafka computes it. */
    public static int hash(byte[] data) {
        int length = data.length;
        int seed = 0x9747b28c;
        final int m = 0x5bd1e995;
        final int r = 24;
        int h = seed ^ length;
        int length4 = length / 4;
        for (int i = 0; i < length4; i++) {
            final int i4 = i * 4;
            int k = (data[i4] & 0xff) + ((data[i4 + 1] & 0xff) << 8) + ((data[i4 + 2] & 0xff) << 16)
                    + ((data[i4 + 3] & 0xff) << 24);
            k *= m;
            k ^= k >>> r;
            k *= m;
            h *= m;
            h ^= k;
        }
        // The bytes left over, as Kafka's switch with its fall-through does.
        int left = length % 4;
        int at = length & ~3;
        if (left == 3) {
            h ^= (data[at + 2] & 0xff) << 16;
        }
        if (left >= 2) {
            h ^= (data[at + 1] & 0xff) << 8;
        }
        if (left >= 1) {
            h ^= data[at] & 0xff;
            h *= m;
        }
        h ^= h >>> 13;
        h *= m;
        h ^= h >>> 15;
        return h;
    }

    /** The partition Kafka's producer picks for a record with key {@code key} among {@code partitions}. */
    public static int partition(byte[] key, int partitions) {
        return (hash(key) & 0x7fffffff) % partitions;
    }
}
