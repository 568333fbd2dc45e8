// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SQS's send batches as the live source fills them and the simulator counts them (SqsBatchSendTest proves the live side). */
class SqsSendBatchTest {

    /** The calls of a burst filled message by message with {@link SqsSendBatch#joins}, as SqsSource fills them. */
    private static long filled(int messages, int bytes) {
        long calls = 0;
        int entries = 0;
        int batchBytes = 0;
        for (int i = 0; i < messages; i++) {
            if (!SqsSendBatch.joins(entries, batchBytes, bytes)) {
                calls++;
                entries = 0;
                batchBytes = 0;
            }
            entries++;
            batchBytes += bytes;
        }
        return calls;
    }

    @Test
    void aBurstGoesInBatchesOfTenOrAsManyBodiesAsFit() {
        // SqsBatchSendTest's answers on ElasticMQ: 25 small messages are 10, 10 and 5; five of 100 KiB are 2, 2 and 1.
        assertThat(SqsSendBatch.calls(25, 100)).isEqualTo(3);
        assertThat(SqsSendBatch.calls(5, 100 * 1024)).isEqualTo(3);
        assertThat(SqsSendBatch.calls(1, 1)).isEqualTo(1);
        assertThat(SqsSendBatch.calls(10, SqsSendBatch.MAX_SIZED_BODY)).isEqualTo(10);
        for (int bytes : new int[] {1, 100, 23_142, 23_143, 100_000, 115_712, 115_713, SqsSendBatch.MAX_SIZED_BODY}) {
            for (int n = 1; n <= 35; n++) {
                assertThat(SqsSendBatch.calls(n, bytes)).as("%d messages of %d bytes", n, bytes).isEqualTo(filled(n, bytes));
            }
        }
    }

    @Test
    void aBodyIsOneByteAtLeastAndTheSizedMostAtMost() {
        assertThat(SqsSendBatch.bodyBytes(0)).isEqualTo(1);
        assertThat(SqsSendBatch.bodyBytes(512)).isEqualTo(512);
        assertThat(SqsSendBatch.bodyBytes(Integer.MAX_VALUE)).isEqualTo(SqsSendBatch.MAX_SIZED_BODY);
    }
}
