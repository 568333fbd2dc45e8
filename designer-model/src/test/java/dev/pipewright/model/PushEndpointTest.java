// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A queue's Pub/Sub push endpoint: an https:// address, or none for a pull subscription. */
class PushEndpointTest {
    private static Queue queue() {
        return Queue.of("q", "hooks", Position.ORIGIN);
    }

    @Test
    void anHttpsAddressIsKeptAndABlankOneMeansPull() {
        Queue push = (Queue) queue().with("pushEndpoint", "https://hooks.example.com/in");
        assertThat(push.pushEndpoint()).isEqualTo("https://hooks.example.com/in");
        assertThat(PubSubLimits.push(push)).isTrue();
        Queue blank = (Queue) queue().with("pushEndpoint", "  ");
        assertThat(blank.pushEndpoint()).isNull();
        assertThat(PubSubLimits.push(blank)).isFalse();
    }

    @Test
    void anAddressPubSubWouldRefuseIsRefusedSayingWhy() {
        assertThatThrownBy(() -> queue().with("pushEndpoint", "http://hooks.example.com/in"))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("must be an https:// address without spaces, as Pub/Sub pushes only to HTTPS");
        assertThatThrownBy(() -> queue().with("pushEndpoint", "https://a.example.com/x y"))
                .isInstanceOf(InvalidPropertyException.class);
        assertThatThrownBy(() -> queue().with("pushEndpoint", "https://"))
                .isInstanceOf(InvalidPropertyException.class);
    }

    @Test
    void aStrangersAddressNeverPutsControlCharactersOrItsWholeLengthInTheMessage() {
        assertThatThrownBy(() -> queue().with("pushEndpoint", "https://a.example.com/\u001b[2J"))
                .isInstanceOf(InvalidPropertyException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
        String huge = "https://a.example.com/" + "x".repeat(5_000);
        assertThatThrownBy(() -> queue().with("pushEndpoint", huge))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("at most 2048 characters (was 5022)");
    }
}
