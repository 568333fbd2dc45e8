// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import java.util.Objects;

/**
 * Where a flow runs on Amazon SQS or ElasticMQ and who signs the requests. The secret key lives
 * only as long as the run's client; it is never written to the settings and never shown.
 *
 * @param url the SQS endpoint URL, e.g. {@code http://127.0.0.1:9324} or {@code https://sqs.eu-west-1.amazonaws.com}
 * @param region the AWS region, or empty for the one the endpoint names (else us-east-1)
 * @param accessKeyId the access key id, or empty for the environment's keys (or ElasticMQ's dummy pair)
 * @param secretKey the secret access key, or empty for the keyring's, else {@code AWS_SECRET_ACCESS_KEY}
 * @param remember whether the typed secret key is to be kept in the desktop's keyring
 */
public record SqsLogin(String url, String region, String accessKeyId, String secretKey, boolean remember) {
    public SqsLogin {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretKey, "secretKey");
    }

    /** A login whose secret key is not to be kept. */
    public SqsLogin(String url, String region, String accessKeyId, String secretKey) {
        this(url, region, accessKeyId, secretKey, false);
    }

    @Override
    public String toString() {
        return accessKeyId + " at " + url + (region.isEmpty() ? "" : " in " + region);
    }
}
