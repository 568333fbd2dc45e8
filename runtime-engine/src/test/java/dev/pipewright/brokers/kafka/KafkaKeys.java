// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/** Record keys for live Kafka tests, chosen by where Kafka's own partitioner puts them (murmur2 of the key's bytes). */
public final class KafkaKeys {
    private KafkaKeys() {
    }

    /** The {@code n}-th key (from 0) of the form {@code key-i} that Kafka's partitioner puts on partition {@code p} of 2. */
    public static String keyOn(int p, int n) {
        int found = 0;
        for (int i = 0; ; i++) {
            String key = "key-" + i;
            if (Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 2 == p && found++ == n) {
                return key;
            }
        }
    }
}
