// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderMatchTest {
    @Test
    void aHeaderConditionMatchesTheHeaderWithThatValueOnly() {
        HeaderMatch m = HeaderMatch.parse("  header: kind = poison ");
        assertThat(m).isEqualTo(new HeaderMatch("kind", "poison"));
        assertThat(m.test(Map.of("kind", "poison")::get)).isTrue();
        assertThat(m.test(Map.of("kind", "fine")::get)).isFalse();
        assertThat(m.test(Map.<String, String>of()::get)).isFalse();
    }

    @Test
    void aPayloadConditionOrNoneIsNoHeaderCondition() {
        assertThat(HeaderMatch.parse("$.amount > 100")).isNull();
        assertThat(HeaderMatch.parse(null)).isNull();
    }

    @Test
    void aHeaderConditionWithoutANameOrAnEqualsSignSaysHowItReads() {
        assertThatThrownBy(() -> HeaderMatch.parse("header:kind")).hasMessageContaining("header:NAME=VALUE");
        assertThatThrownBy(() -> HeaderMatch.parse("header:=x")).hasMessageContaining("header:NAME=VALUE");
    }
}
