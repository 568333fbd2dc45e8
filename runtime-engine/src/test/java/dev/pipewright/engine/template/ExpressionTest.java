// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ExpressionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void pathsAndComparisonsReadAsBefore() throws Exception {
        JsonNode order = json("{\"amount\": 12, \"kind\": \"gold\", \"items\": [{\"sku\": \"a\"}], \"flag\": true}");

        assertThat(new Expression("$.amount > 10").test(order)).isTrue();
        assertThat(new Expression("  $.amount>=12  ").test(order)).isTrue();
        assertThat(new Expression("$.kind == 'gold'").test(order)).isTrue();
        assertThat(new Expression("$.kind != \"gold\"").test(order)).isFalse();
        assertThat(new Expression("$.flag").test(order)).isTrue();
        assertThat(new Expression("$.items[0].sku == 'a'").test(order)).isTrue();
        assertThat(new Expression("$['kind'] == 'gold'").test(order)).isTrue();
        assertThat(new Expression("$.missing").test(order)).isFalse();
        assertThat(new Expression("$.items[*]").select(order).isArray()).isTrue();
    }

    @Test
    void malformedExpressionsSayWhatIsUnderstood() {
        for (String bad : new String[] {"", "amount > 1", "$.a =", "$.a ==", "$.a = 1", "$.a ! 1", "$.a b"}) {
            assertThatThrownBy(() -> new Expression(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("write a path such as $.amount");
        }
        assertThatThrownBy(() -> new Expression("$.a..b")).hasMessageContaining("cannot read the path at '..b'");
        assertThatThrownBy(() -> new Expression("$.a == fast")).hasMessageContaining("'fast' is not a value");
    }

    @Test
    void aPositionTooLargeForAnArrayIsNamedInsteadOfANumberFormatMessage() {
        assertThatThrownBy(() -> new Expression("$.items[99999999999]"))
                .hasMessage("'$.items[99999999999]': the position [99999999999] is too large; array positions go up to"
                        + " 2147483647");
    }

    @Test
    void controlCharactersInAnExpressionAreEscapedInItsMessage() {
        assertThatThrownBy(() -> new Expression("\u001b[2J$.a"))
                .hasMessageStartingWith("'\\u001b[2J$.a' is not an expression");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void longRunsOfSpacesAreReadInOnePass() {
        // A regular expression with \s* on both sides of an optional part tries every split of the spaces.
        String spaces = " ".repeat(200_000);

        assertThatThrownBy(() -> new Expression("$.a" + spaces + "!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Expression("$.a ==" + spaces + "x" + spaces + "!"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Expression(spaces + "$.a" + spaces + "==" + spaces + "1" + spaces).toString()).isNotEmpty();
    }
}
