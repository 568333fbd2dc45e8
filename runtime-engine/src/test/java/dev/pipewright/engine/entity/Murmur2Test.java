// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** The Kafka profile's key hash against kafka-clients' own {@code Utils.murmur2} (test scope). */
class Murmur2Test {

    @Test
    void knownKeysHashAsKafkaHashesThem() {
        // Values from kafka-clients' UtilsTest (testMurmur2): fixed points of the Java client.
        assertThat(Murmur2.hash("21".getBytes(StandardCharsets.UTF_8))).isEqualTo(-973932308);
        assertThat(Murmur2.hash("foobar".getBytes(StandardCharsets.UTF_8))).isEqualTo(-790332482);
        assertThat(Murmur2.hash("a-little-bit-long-string".getBytes(StandardCharsets.UTF_8))).isEqualTo(-985981536);
        assertThat(Murmur2.hash("a-little-bit-longer-string".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1486304829);
        assertThat(Murmur2.hash("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(-58897971);
        assertThat(Murmur2.hash(new byte[] {'a', 'b', 'c'})).isEqualTo(479470107);
    }

    @Test
    void everyLengthAndByteValueHashesAsTheJavaClientDoes() {
        SplittableRandom random = new SplittableRandom(17);
        for (int length = 0; length < 64; length++) {
            for (int round = 0; round < 50; round++) {
                byte[] data = new byte[length];
                for (int i = 0; i < length; i++) {
                    data[i] = (byte) random.nextInt(256);
                }
                assertThat(Murmur2.hash(data)).isEqualTo(Utils.murmur2(data));
                for (int partitions : new int[] {1, 3, 12, 10_000}) {
                    assertThat(Murmur2.partition(data, partitions))
                            .isEqualTo(Utils.toPositive(Utils.murmur2(data)) % partitions);
                }
            }
        }
    }
}
