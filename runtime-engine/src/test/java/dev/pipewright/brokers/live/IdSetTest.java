// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The live account's compact set of message keys. */
class IdSetTest {
    @Test
    void keysOfSourceAndSequenceAreAddedOnce() {
        IdSet ids = new IdSet();
        assertThat(ids.add("work\u0000payment-requests-12")).isTrue();
        assertThat(ids.add("work\u0000payment-requests-12")).isFalse();
        assertThat(ids.contains("work\u0000payment-requests-12")).isTrue();
        assertThat(ids.contains("work\u0000payment-requests-13")).isFalse();
        assertThat(ids.contains("dlq\u0000payment-requests-12")).isFalse();
    }

    @Test
    void keysOfAnotherShapeAreKeptAsText() {
        IdSet ids = new IdSet();
        for (String key : new String[] {"q\u0000no-number-x", "q\u0000src-", "q\u0000src-12345678901", "q\u0000plain"}) {
            assertThat(ids.add(key)).as(key).isTrue();
            assertThat(ids.contains(key)).as(key).isTrue();
            assertThat(ids.add(key)).as(key).isFalse();
        }
        assertThat(ids.contains("q\u0000src-1234567890")).isFalse();
    }

    @Test
    void aMillionMessagesAreAllThere() {
        IdSet ids = new IdSet();
        for (int i = 1; i <= 1_000_000; i++) {
            ids.add("orders\u0000src-" + i);
        }
        assertThat(ids.contains("orders\u0000src-1")).isTrue();
        assertThat(ids.contains("orders\u0000src-1000000")).isTrue();
        assertThat(ids.contains("orders\u0000src-1000001")).isFalse();
    }
}
