// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PayloadTemplateTest {
    /** Whole, choice, fractional and sequence placeholders; the last draws too much to pack. */
    static final String[] TEMPLATES = {
        "{\"orderId\": \"${seq}\", \"amount\": ${random(5,500)}}",
        "{\"s\": \"${oneOf(ACME,GLOBEX,INITECH)}\", \"p\": ${random(-5,35)}, \"one\": ${random(7,7)}, \"k\": \"${oneOf(x)}\"}",
        "{\"id\": ${seq}, \"t\": ${random(0.5,2.5)}}",
        "{\"w\": ${random(-1000000000000000, 1000000000000000)}, \"c\": \"${oneOf(a,b,c)}\"}",
        "{\"a\": ${random(0,1)}, \"b\": ${random(0,1)}}"};

    @Test
    void placeholdersAreFilledInPerMessage() {
        PayloadTemplate t = new PayloadTemplate("{\"id\": ${seq}, \"n\": ${ random(1, 3) }, \"kind\": \"${oneOf(a,b)}\"}");

        var payload = t.next(7, new SplittableRandom(1));

        assertThat(payload.get("id").asLong()).isEqualTo(7);
        assertThat(payload.get("n").asLong()).isBetween(1L, 3L);
        assertThat(payload.get("kind").asText()).isIn("a", "b");
    }

    @Test
    void theTextALiveRunSendsIsThePayloadTheSimulatorMakesWithTheSameDraws() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String template : TEMPLATES) {
            PayloadTemplate t = new PayloadTemplate(template);
            SplittableRandom live = new SplittableRandom(5);
            SplittableRandom simulated = new SplittableRandom(5);
            for (long seq = 1; seq <= 200; seq++) {
                assertThat(json.readTree(t.text(seq, live))).as(template).isEqualTo(t.next(seq, simulated));
            }
            assertThat(live.nextLong()).isEqualTo(simulated.nextLong());
        }
        assertThat(new PayloadTemplate("{\"a\": 1}").text(3, new SplittableRandom(1))).isEqualTo("{\"a\": 1}");
    }

    @Test
    void boundsThatWouldOverflowOrLeaveJsonAreRefusedWhenTheTemplateIsRead() {
        // Whole bounds this far apart made the range overflow ("bound must be positive" at the first message).
        assertThatThrownBy(() -> new PayloadTemplate("{\"n\": ${random(-9223372036854775808, 9223372036854775807)}}"))
                .hasMessageContaining("the bounds must be numbers from -1e15 to 1e15");
        // Infinity is no JSON number ("enable JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS").
        assertThatThrownBy(() -> new PayloadTemplate("{\"n\": ${random(0, 1e999)}}"))
                .hasMessageContaining("the bounds must be numbers from -1e15 to 1e15");
        assertThatThrownBy(() -> new PayloadTemplate("{\"n\": ${random(0, NaN)}}"))
                .hasMessageContaining("the bounds must be numbers");
        PayloadTemplate wide = new PayloadTemplate("{\"n\": ${random(-1000000000000000, 1000000000000000)}}");
        assertThat(wide.next(1, new SplittableRandom(2)).get("n").isIntegralNumber()).isTrue();
    }

    @Test
    void aTemplateThatIsNotJsonSaysWhereInPlainWords() {
        assertThatThrownBy(() -> new PayloadTemplate("{\"n\": NaN}"))
                .hasMessage("once filled in, the template can read '{\"n\": NaN}', which is not JSON (line 1, column 10):"
                        + " 'NaN' is not a number JSON has; write a number such as 0.5");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void spacesInsideAnUnfinishedPlaceholderAreSearchedInOnePass() {
        String template = "{\"a\": \"" + "${seq ".repeat(5) + " ".repeat(100_000) + "\"}";

        assertThat(new PayloadTemplate(template).next(1, new SplittableRandom(3)).get("a").asText()).startsWith("${seq");
    }
}
