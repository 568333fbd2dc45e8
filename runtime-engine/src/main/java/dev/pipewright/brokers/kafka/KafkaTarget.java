// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import dev.pipewright.brokers.TlsFailure;
import dev.pipewright.model.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;

/**
 * Where a Kafka live run goes: the bootstrap servers, {@code host:port[,host:port...]}, as Kafka's
 * {@code bootstrap.servers} takes them, and optionally who logs in with SASL/PLAIN, over plain text
 * ({@code security.protocol} SASL_PLAINTEXT) or over TLS ({@link #overTls}: SASL_SSL, or SSL without
 * a user), trusting a CA's PEM file or the CAs the JDK trusts. No secret is ever in the address:
 * the password is only in the clients' configuration, never in {@link #toString}.
 *
 * @param bootstrap the servers, as given, without spaces
 * @param user the SASL/PLAIN user, or empty for a cluster without login
 * @param password the user's password (empty without a user)
 * @param unanswered what the sentence saying no broker answered tells the person to do, in the words of
 *     where they gave the address (the command line's option, the app's dialog)
 * @param tls whether the clients connect over TLS
 * @param ca with TLS, the PEM file of the CA the brokers' certificates are trusted by; null: the
 *     CAs the JDK trusts
 * @param caCertificates the certificates of {@code ca} as PEM text, read once when the target was
 *     made, so every client of a run trusts the same ones, and a DER file works as well (Kafka's PEM
 *     trust store reads only PEM text); null without {@code ca}
 */
public record KafkaTarget(String bootstrap, String user, String password, String unanswered, boolean tls,
                          java.nio.file.Path ca, String caCertificates) {
    /** The environment variable a password comes from when none is given with a user. */
    public static final String PASSWORD_VARIABLE = "PIPEWRIGHT_KAFKA_PASSWORD";
    /** How long connecting to the cluster and each admin call may take before the run gives up. */
    static final int TIMEOUT_MS = 5_000;
    /** What to do when no broker answers, unless the caller says it in its own words. */
    static final String START_ONE = "start one there or give the address of a running one";
    /** What to do about a broker certificate no trusted CA signed, in the command line's and the app's words. */
    static final String GIVE_CA = "give the PEM file of the CA certificate that signed it (--tls-ca FILE;"
            + " in the app, the CA certificate of Kafka at\u2026)";
    /** What to do when the port speaks TLS and the clients did not. */
    static final String USE_TLS = "connect over TLS (--kafka-tls; in the app, Use TLS in Kafka at\u2026)";
    /** How a TLS connection that could not be made is said, before the address. */
    private static final String NO_TLS_AT = "no TLS connection could be made to Kafka at ";
    /** What to do about a port that answers no TLS handshake. */
    private static final String NOT_TLS_PORT = "check that the port is one of the brokers' TLS listeners, or connect"
            + " without TLS";
    /** How long the check whether a silent port speaks TLS may wait to connect, and again for the handshake. */
    private static final int PROBE_MS = 3_000;

    public KafkaTarget {
        Objects.requireNonNull(bootstrap, "bootstrap");
        user = user == null ? "" : user.strip();
        password = user.isEmpty() || password == null ? "" : password;
        unanswered = unanswered == null || unanswered.isBlank() ? START_ONE : unanswered.strip();
        ca = tls ? ca : null;
        caCertificates = ca == null ? null : caCertificates;
    }

    /** A target over plain text, saying {@code unanswered} when no broker answers. */
    public KafkaTarget(String bootstrap, String user, String password, String unanswered) {
        this(bootstrap, user, password, unanswered, false, null, null);
    }

    /** A target with a login, saying {@value #START_ONE} when no broker answers. */
    public KafkaTarget(String bootstrap, String user, String password) {
        this(bootstrap, user, password, START_ONE);
    }

    /** A target without login. */
    public KafkaTarget(String bootstrap) {
        this(bootstrap, "", "");
    }

    /**
     * Reads the bootstrap servers as {@link #parse(String)} does, with a SASL/PLAIN login when
     * {@code user} is not empty.
     *
     * @throws IllegalArgumentException in one sentence, for servers that are not host:port pairs or
     *     a user or password with a control character
     */
    public static KafkaTarget parse(String text, String user, String password) {
        KafkaTarget servers = parse(text);
        String u = user == null ? "" : user.strip();
        if (u.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the Kafka user name has a control character; type it again");
        }
        if (password != null && password.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the Kafka password has a control character; type it again");
        }
        return new KafkaTarget(servers.bootstrap(), u, password);
    }

    /**
     * This target, saying {@code whatToDo} (e.g. "start one there or give --kafka the address of a
     * running one") after "no Kafka broker answered at ... while ...".
     */
    public KafkaTarget whenUnanswered(String whatToDo) {
        return new KafkaTarget(bootstrap, user, password, whatToDo, tls, ca, caCertificates);
    }

    /**
     * This target over TLS (SASL_SSL with a user, SSL without), trusting the certificates the PEM
     * file {@code caFile} holds, or with null the CAs the JDK trusts (as RabbitMQ's amqps:// does:
     * {@link dev.pipewright.brokers.TlsTrust}); the brokers' host names are verified.
     *
     * @throws IllegalArgumentException in one sentence naming the file when it cannot be read or holds no certificate
     */
    public KafkaTarget overTls(java.nio.file.Path caFile) {
        // Read now, so a bad file is said at once and the clients made later in the run need not read it.
        String certificates = caFile == null ? null
                : dev.pipewright.brokers.TlsTrust.pem(dev.pipewright.brokers.TlsTrust.certificates(caFile));
        return new KafkaTarget(bootstrap, user, password, unanswered, true,
                caFile == null ? null : caFile.toAbsolutePath(), certificates);
    }

    /**
     * What every client of a run is configured with: the bootstrap servers and, with a user,
     * SASL/PLAIN ({@code PlainLoginModule} with the user and password quoted), over TLS when
     * {@link #tls} (a PEM trust store of {@link #caCertificates} when a CA is given; Kafka's default,
     * the JDK's, without).
     */
    java.util.Properties clientConfig() {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", bootstrap);
        if (tls) {
            p.put("security.protocol", user.isEmpty() ? "SSL" : "SASL_SSL");
            if (caCertificates != null) {
                p.put("ssl.truststore.type", "PEM");
                p.put("ssl.truststore.certificates", caCertificates);
            }
        }
        if (!user.isEmpty()) {
            p.put("security.protocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT");
            p.put("sasl.mechanism", "PLAIN");
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                    + jaasQuoted(user) + "\" password=\"" + jaasQuoted(password) + "\";");
        }
        return p;
    }

    /** {@code text} inside a JAAS double-quoted value: backslashes and quotes escaped. */
    private static String jaasQuoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
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

    /**
     * The bootstrap servers {@code typed} as the keyring keys a Kafka login ("Kafka at..." in the app,
     * {@code deploy --kafka-user}): each server stripped, its host lower-cased (host names are not
     * case-sensitive), duplicates dropped and the rest sorted, since {@code bootstrap.servers} is a set
     * of contact points, any one of which leads the client to the whole cluster; so {@code
     * "B:9092, a:9092"} and {@code "a:9092,b:9092"} find the same entry. A value that is not
     * host:port pairs is keyed as typed, stripped.
     */
    public static String keyringAddress(String typed) {
        try {
            return java.util.Arrays.stream(parse(typed).bootstrap().split(","))
                    .map(s -> s.substring(0, s.lastIndexOf(':')).toLowerCase(java.util.Locale.ROOT)
                            + s.substring(s.lastIndexOf(':')))
                    .distinct().sorted().collect(java.util.stream.Collectors.joining(","));
        } catch (IllegalArgumentException e) {
            return typed == null ? "" : typed.strip();
        }
    }

    /**
     * The password {@code keyring} keeps for {@code user} at the servers {@code typed}: under
     * {@link #keyringAddress}, else under the servers as typed (how entries were kept before).
     *
     * @throws dev.pipewright.brokers.Keyring.KeyringException when the keyring does not answer
     */
    public static java.util.Optional<String> keptPassword(dev.pipewright.brokers.Keyring keyring, String typed,
                                                          String user) {
        java.util.Optional<String> kept = keyring.password("Kafka", keyringAddress(typed), user);
        return kept.isPresent() || keyringAddress(typed).equals(typed.strip()) ? kept
                : keyring.password("Kafka", typed.strip(), user);
    }

    /** One sentence for what went wrong while {@code doing} (e.g. "creating the topics"), naming the servers. */
    String describe(Throwable e, String doing) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            // A client speaking plain text to a TLS listener, or TLS to a plain one, hears nothing back (each
            // side drops what it cannot read), as where no broker is; a TLS handshake of our own tells them apart.
            TlsFailure.PortAnswer answer = probeFirstServer();
            if (!tls && answer == TlsFailure.PortAnswer.TLS) {
                return "Kafka at " + this + " speaks only TLS: nothing answered in plain text within "
                        + TIMEOUT_MS / 1000 + " s while " + doing + "; " + USE_TLS;
            }
            if (tls && answer == TlsFailure.PortAnswer.NO_TLS) {
                return NO_TLS_AT + this + " within " + TIMEOUT_MS / 1000 + " s while " + doing + "; " + NOT_TLS_PORT;
            }
            return "no Kafka broker answered at " + this + " within " + TIMEOUT_MS / 1000 + " s while " + doing
                    + "; " + unanswered;
        }
        TlsFailure tlsFailure = tls ? TlsFailure.of(cause) : null;
        if (tlsFailure == TlsFailure.UNTRUSTED) {
            return "Kafka at " + this + " showed a TLS certificate that is not trusted while " + doing + "; " + GIVE_CA;
        }
        if (tlsFailure == TlsFailure.OTHER_HOST_NAME) {
            return "Kafka at " + this + " showed a TLS certificate made out for another host name than the one"
                    + " connected to while " + doing + "; connect by a name the certificate holds";
        }
        if (tlsFailure == TlsFailure.NO_HANDSHAKE) {
            return NO_TLS_AT + this + " while " + doing + "; " + NOT_TLS_PORT;
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String what = cause instanceof KafkaException ? "Kafka at " + this + " refused" : "Kafka at " + this + " failed";
        return what + " " + doing + " (" + TerminalText.escape(message) + ")";
    }

    /** What answers at the first bootstrap server ({@link TlsFailure#probe}); nothing, for servers not host:port. */
    private TlsFailure.PortAnswer probeFirstServer() {
        String first = bootstrap.split(",", 2)[0];
        int colon = first.lastIndexOf(':');
        String port = colon < 0 ? "" : first.substring(colon + 1);
        if (colon <= 0 || !port.matches("\\d{1,5}")) {
            return TlsFailure.PortAnswer.NOTHING;
        }
        // An IPv6 address is written in brackets in bootstrap.servers, without them in a socket address.
        String host = first.substring(0, colon).replace("[", "").replace("]", "");
        return TlsFailure.probe(host, Integer.parseInt(port), PROBE_MS);
    }

    /** The servers, with the user when there is one; never the password. */
    @Override
    public String toString() {
        return user.isEmpty() ? bootstrap : user + "@" + bootstrap;
    }
}
