// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.template.PayloadTemplate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A message's templated payload: kept as its draws, made the same as at once. */
class MessagePayloadTest {

    @Test
    void aMessageKeepsItsDrawsAndMakesTheSamePayloadAsMakingItAtOnce() {
        // The last template's two fractional draws take 128 bits: too many to pack, so its tree is made at once.
        for (String template : new String[] {
                "{\"orderId\": \"${seq}\", \"amount\": ${random(5,500)}}",
                "{\"s\": \"${oneOf(ACME,GLOBEX,INITECH)}\", \"p\": ${random(-5,35)}, \"one\": ${random(7,7)}, \"k\": \"${oneOf(x)}\"}",
                "{\"id\": ${seq}, \"t\": ${random(0.5,2.5)}}",
                "{\"w\": ${random(-1000000000000000, 1000000000000000)}, \"c\": \"${oneOf(a,b,c)}\"}",
                "{\"a\": ${random(0,1)}, \"b\": ${random(0,1)}}"}) {
            PayloadTemplate t = new PayloadTemplate(template);
            SplittableRandom kept = new SplittableRandom(11);
            SplittableRandom atOnce = new SplittableRandom(11);
            for (long seq = 1; seq <= 200; seq++) {
                Message m = new Message(seq);
                m.sequence = seq;
                m.fillPayload(t, kept);

                assertThat(m.hasPayload()).isTrue();
                assertThat(m.payload()).as(template).isEqualTo(t.next(seq, atOnce));
                assertThat(m.copy(seq + 1000).payload()).isEqualTo(m.payload());
            }
            // The same draws, in the same order: what a source draws next is unchanged.
            assertThat(kept.nextLong()).isEqualTo(atOnce.nextLong());
        }
    }

    @Test
    void settingAPayloadReplacesTheTemplatedOne() {
        Message m = new Message(1);
        m.sequence = 1;
        m.fillPayload(new PayloadTemplate("{\"id\": ${seq}}"), new SplittableRandom(1));

        m.setPayload(null);

        assertThat(m.hasPayload()).isFalse();
        assertThat(m.payload()).isNull();
    }
}
