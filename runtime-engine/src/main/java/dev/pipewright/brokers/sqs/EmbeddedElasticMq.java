// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.sqs;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * An ElasticMQ (an SQS-compatible server, {@code org.elasticmq:elasticmq-rest-sqs}) started
 * in-process on a free port of 127.0.0.1 for one live run, its queues in memory, stopped after.
 * ElasticMQ is an optional dependency: the command line run from the source tree has it, an
 * installed Pipewright does not ({@link #available()}).
 */
final class EmbeddedElasticMq implements AutoCloseable {
    /** The region and account ElasticMQ puts in its queues' ARNs. */
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";

    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedElasticMq(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Whether ElasticMQ is on the class path. */
    static boolean available() {
        try {
            Class.forName("org.elasticmq.rest.sqs.SQSRestServerBuilder", false, EmbeddedElasticMq.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Starts a server and waits until it listens. */
    static EmbeddedElasticMq start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                .withAWSRegion(REGION).withAWSAccountId(ACCOUNT).start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedElasticMq(server, URI.create("http://127.0.0.1:" + port));
    }

    /** Where it listens: {@code http://127.0.0.1:PORT}. */
    URI endpoint() {
        return endpoint;
    }

    /** Stops the server; its queues go with it. */
    @Override
    public void close() {
        server.stopAndWait();
    }
}
