// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import dev.pipewright.model.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;

/**
 * Where a Kafka live run goes: the bootstrap servers, {@code host:port[,host:port...]}, as Kafka's
 * {@code bootstrap.servers} takes them. Plain text only: no login, no TLS (what a local or test
 * cluster offers), so no secret is ever in the address.
 *
 * @param bootstrap the servers, as given, without spaces
 */
public record KafkaTarget(String bootstrap) {
    /** How long connecting to the cluster and each admin call may take before the run gives up. */
    static final int TIMEOUT_MS = 5_000;

    public KafkaTarget {
        Objects.requireNonNull(bootstrap, "bootstrap");
    }

    /**
     * Reads {@code --kafka}'s value.
     *
     * @throws IllegalArgumentException in one sentence, for a value that is not host:port pairs
     */
    public static KafkaTarget parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("give the Kafka bootstrap servers as host:port, e.g. 127.0.0.1:9092");
        }
        List<String> servers = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String s = part.strip();
            int colon = s.lastIndexOf(':');
            String port = colon < 0 ? "" : s.substring(colon + 1);
            if (s.contains("://") || colon <= 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65_535
                    || Integer.parseInt(port) == 0 || !s.substring(0, colon).matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
                throw new IllegalArgumentException("'" + TerminalText.escape(s) + "' is not a Kafka bootstrap server:"
                        + " give host:port, e.g. 127.0.0.1:9092 (several separated by commas; no scheme, no login)");
            }
            servers.add(s);
        }
        return new KafkaTarget(String.join(",", servers));
    }

    /** One sentence for what went wrong while {@code doing} (e.g. "creating the topics"), naming the servers. */
    String describe(Throwable e, String doing) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "no Kafka broker answered at " + this + " within " + TIMEOUT_MS / 1000 + " s while " + doing
                    + "; start one there or give --kafka the address of a running one";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String what = cause instanceof KafkaException ? "Kafka at " + this + " refused" : "Kafka at " + this + " failed";
        return what + " " + doing + " (" + TerminalText.escape(message) + ")";
    }

    @Override
    public String toString() {
        return bootstrap;
    }
}
