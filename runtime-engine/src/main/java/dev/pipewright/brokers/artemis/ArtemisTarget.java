// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import dev.pipewright.brokers.live.LiveFailure;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Objects;
import org.apache.activemq.artemis.api.core.ActiveMQConnectionTimedOutException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The Artemis a live run uses: {@code embedded} (a server started in-process for the run, see
 * {@link EmbeddedArtemis}), or a core URL {@code tcp://user@host:port} that
 * {@link ActiveMQConnectionFactory} accepts (its query parameters, e.g. {@code ?sslEnabled=true},
 * are passed on). The password comes from {@value #PASSWORD_VARIABLE} (or, discouraged, the URL);
 * {@link #toString()} and every message show the address with the password masked.
 */
public final class ArtemisTarget {
    /** How often a lost connection is tried again before the run fails. */
    static final int RECONNECT_ATTEMPTS = 50;
    /** How long a live run waits for a lost connection to come back before it fails. */
    static final java.time.Duration RECOVERY_BOUND = java.time.Duration.ofSeconds(30);

    /** The environment variable the password comes from. */
    public static final String PASSWORD_VARIABLE = "PIPEWRIGHT_ARTEMIS_PASSWORD";
    /** What {@code --artemis} says for a server started in-process. */
    public static final String EMBEDDED = "embedded";
    private static final long CALL_TIMEOUT_MS = 5_000;

    private final String url;
    private final String user;
    private final String password;
    private final String shown;

    private ArtemisTarget(String url, String user, String password, String shown) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.shown = shown;
    }

    /**
     * Reads {@code spec}: {@code embedded} or {@code tcp://[user[:password]@]host[:port][?parameters]};
     * {@code environmentPassword} (may be null) is used when the URL holds none.
     *
     * @throws IllegalArgumentException in one sentence, the password masked, when {@code spec} is neither
     */
    public static ArtemisTarget parse(String spec, String environmentPassword) {
        Objects.requireNonNull(spec, "spec");
        String text = spec.strip();
        if (text.equalsIgnoreCase(EMBEDDED)) {
            return new ArtemisTarget(null, null, null, "embedded Artemis");
        }
        String example = "; write e.g. tcp://admin@127.0.0.1:61616 (password in " + PASSWORD_VARIABLE + ") or embedded";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + mask(text) + "' is not an Artemis URL" + example);
        }
        if (!"tcp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank()
                || uri.getPort() > 65_535 || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                && !uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("'" + mask(text) + "' is not an Artemis core URL tcp://host:port" + example);
        }
        String user = null;
        String password = environmentPassword == null || environmentPassword.isEmpty() ? null : environmentPassword;
        String info = uri.getUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            user = colon < 0 ? info : info.substring(0, colon);
            if (colon >= 0) {
                password = info.substring(colon + 1);
            }
        }
        int port = uri.getPort() < 0 ? 61616 : uri.getPort();
        String address = "tcp://" + uri.getHost() + ":" + port;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String shown = "tcp://" + (user == null ? "" : user + (password == null ? "" : ":****") + "@") + uri.getHost() + ":" + port;
        return new ArtemisTarget(address + query, user, password, shown);
    }

    /** True for a server started in-process for the run. */
    public boolean embedded() {
        return url == null;
    }

    /** A started connection and the factory that made it, closed together. */
    record Link(Connection connection, ActiveMQConnectionFactory factory) implements AutoCloseable {
        @Override
        public void close() {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                // Closing is best effort: the broker may be gone already.
            }
            factory.close();
        }
    }

    /**
     * A started connection to the server at {@code serverUrl} (null: this target's; else an
     * embedded server's), with the consumer window {@code consumerWindow} in bytes (-1: the
     * client's default) and blocking sends of durable messages or not.
     *
     * @throws LiveFailure when the server is not there or refuses the login
     */
    Link connect(String serverUrl, int consumerWindow, boolean blockOnDurableSend) throws LiveFailure {
        return connect(serverUrl, consumerWindow, blockOnDurableSend, -1, -1);
    }

    /**
     * As {@link #connect(String, int, boolean)}, with a confirmation window of
     * {@code confirmationWindow} bytes (-1: none): with one, a send given a completion listener
     * does not block, and the listener hears when the server has the message (the server confirms
     * each time it has taken that many bytes of the session's commands); and a producer window of
     * {@code producerWindow} bytes (-1: the client's default, 64 KiB), what a producer may send
     * before the server grants it more.
     *
     * @throws LiveFailure when the server is not there or refuses the login
     */
    Link connect(String serverUrl, int consumerWindow, boolean blockOnDurableSend, int confirmationWindow,
                 int producerWindow) throws LiveFailure {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(serverUrl == null ? url : serverUrl);
        try {
            factory.setCallTimeout(CALL_TIMEOUT_MS);
            // A server that is not there fails at once; a connection lost mid-run is tried again,
            // 200 ms doubling to 2 s between attempts (about 90 s in all), and the sessions carry on.
            factory.setInitialConnectAttempts(1);
            factory.setReconnectAttempts(RECONNECT_ATTEMPTS);
            factory.setRetryInterval(200);
            factory.setRetryIntervalMultiplier(2.0);
            factory.setMaxRetryInterval(2_000);
            factory.setBlockOnDurableSend(blockOnDurableSend);
            factory.setConfirmationWindowSize(confirmationWindow);
            if (producerWindow > 0) {
                factory.setProducerWindowSize(producerWindow);
            }
            if (consumerWindow >= 0) {
                factory.setConsumerWindowSize(consumerWindow);
            }
            Connection c = user == null ? factory.createConnection() : factory.createConnection(user, password);
            c.start();
            return new Link(c, factory);
        } catch (JMSException | RuntimeException e) {
            factory.close();
            throw new LiveFailure(describe(e, "connecting"), e);
        }
    }

    /** The URL of this target's server (null when embedded). */
    String url() {
        return url;
    }

    /** One sentence for a failure while {@code doing} something with this broker. */
    String describe(Throwable e, String doing) {
        String why = null;
        for (Throwable t = e; t != null && why == null; t = t.getCause() == t ? null : t.getCause()) {
            why = reason(t);
        }
        if (why == null) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            why = String.valueOf(root.getMessage());
        }
        return "Artemis at " + shown + ": " + doing + " failed: " + masked(why);
    }

    private String reason(Throwable t) {
        if (t instanceof JMSSecurityException || t instanceof ActiveMQSecurityException) {
            return "the broker refused the login of user '" + (user == null ? "" : user) + "' or a permission it needs;"
                    + " check the user and password (" + PASSWORD_VARIABLE + ") and the user's roles";
        }
        if (t instanceof ConnectException || t instanceof ActiveMQNotConnectedException) {
            return "nothing answers there (connection refused); start Artemis or correct the address";
        }
        if (t instanceof UnknownHostException) {
            return "the host is unknown; correct the address";
        }
        if (t instanceof ActiveMQConnectionTimedOutException || t instanceof java.net.SocketTimeoutException) {
            return "it did not answer in time; check that the broker runs and the port is open";
        }
        if (t instanceof ActiveMQException a && a.getType() == ActiveMQExceptionType.DISCONNECTED) {
            return "the connection was lost; check that the broker still runs";
        }
        return null;
    }

    private String masked(String text) {
        return password == null || password.isEmpty() ? text : text.replace(password, "****");
    }

    private static String mask(String text) {
        return text.replaceAll("(://[^:/@]*):[^@/]*@", "$1:****@").replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public String toString() {
        return shown;
    }
}
