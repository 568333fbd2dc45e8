// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code --sqs} accepts, which region and credentials it takes, and what it refuses in words. */
class SqsTargetTest {
    private static final Map<String, String> KEYS = Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "very-secret");

    @Test
    void anElasticMqUrlUsesDummyCredentialsUnlessTheEnvironmentHasBothKeys() {
        SqsTarget local = SqsTarget.parse("http://127.0.0.1:9324/", Map.of());
        assertThat(local).hasToString("Amazon SQS at http://127.0.0.1:9324");
        assertThat(local.credentials()).startsWith("dummy credentials");
        assertThat(SqsTarget.parse("http://127.0.0.1:9324", Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")).credentials())
                .startsWith("dummy credentials");
        SqsTarget aws = SqsTarget.parse("https://sqs.eu-west-1.amazonaws.com", KEYS);
        assertThat(aws.credentials()).contains("AWS_ACCESS_KEY_ID").doesNotContain("very-secret", "AKIAEXAMPLE");
        assertThat(aws.toString()).doesNotContain("very-secret");
    }

    @Test
    void theRegionComesFromTheEnvironmentElseTheAwsHostElseUsEast1() {
        assertThat(SqsTarget.parse("https://sqs.eu-west-1.amazonaws.com", Map.of()).region()).isEqualTo("eu-west-1");
        assertThat(SqsTarget.parse("https://sqs.eu-west-1.amazonaws.com", Map.of("AWS_REGION", "ap-south-1")).region())
                .isEqualTo("ap-south-1");
        assertThat(SqsTarget.parse("http://localhost:9324", Map.of()).region()).isEqualTo("us-east-1");
    }

    @Test
    void embeddedIsAnElasticMqStartedForTheRun() {
        SqsTarget t = SqsTarget.parse(" Embedded ", KEYS);
        assertThat(t.embedded()).isTrue();
        assertThat(t).hasToString("embedded ElasticMQ");
    }

    @Test
    void whatIsNotAnEndpointIsRefusedInOneSentenceWithoutItsSecret() {
        assertThatThrownBy(() -> SqsTarget.parse("amqp://127.0.0.1:5672", Map.of()))
                .hasMessageContaining("is not an SQS endpoint URL").hasMessageContaining("embedded");
        assertThatThrownBy(() -> SqsTarget.parse("http://AKIA:very-secret@127.0.0.1:9324", Map.of()))
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY").hasMessageNotContaining("very-secret");
        assertThatThrownBy(() -> SqsTarget.parse("http://127.0.0.1:9324/000000000000/orders", Map.of()))
                .hasMessageContaining("without a queue's path");
        assertThatThrownBy(() -> SqsTarget.parse("http://127.0.0.1:9324/\u001b[2J", Map.of()))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    }

    @Test
    void theAppsLoginGivesTheRegionAndKeysTheSecretFromTheDialogElseTheEnvironment() {
        SqsTarget given = SqsTarget.parse("https://sqs.eu-west-1.amazonaws.com", "eu-central-1", "AKIAAPP", "typed-secret",
                Map.of());
        assertThat(given.region()).isEqualTo("eu-central-1");
        assertThat(given.credentials()).contains("AKIAAPP").doesNotContain("typed-secret");
        assertThat(given.toString()).doesNotContain("typed-secret");
        assertThat(SqsTarget.parse("https://sqs.eu-west-1.amazonaws.com", "", "AKIAAPP", "", KEYS).credentials())
                .contains("AKIAAPP");
        assertThat(SqsTarget.parse("https://sqs.eu-west-1.amazonaws.com", " ", "", "", Map.of()).region())
                .isEqualTo("eu-west-1");
        assertThatThrownBy(() -> SqsTarget.parse("http://127.0.0.1:9324", "", "AKIAAPP", "", Map.of()))
                .hasMessageContaining("needs its secret access key").hasMessageContaining("AWS_SECRET_ACCESS_KEY");
        assertThatThrownBy(() -> SqsTarget.parse("http://127.0.0.1:9324", "Mars 1", "", "", Map.of()))
                .hasMessageContaining("is not an AWS region");
        assertThat(SqsTarget.parse("embedded", "eu-west-1", "AKIAAPP", "", Map.of()).embedded()).isTrue();
    }
}
