// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import dev.pipewright.brokers.live.LiveFailure;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.URI;
import java.time.Duration;

/**
 * A NATS server's address, {@code nats://HOST:PORT}, who logs in (anonymous, a user and password,
 * or a token alone), and how a failure there is told. The password or token is never in
 * {@link #toString}.
 */
public final class NatsTarget {
    /** The address of the local server the tests use. */
    public static final String LOCAL = "nats://127.0.0.1:4222";
    /** The environment variable the password (or token) comes from when none is given. */
    public static final String PASSWORD_VARIABLE = "PIPEWRIGHT_NATS_PASSWORD";

    private final String url;
    private final String user;
    private final String password;

    private NatsTarget(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Reads {@code nats://HOST:PORT} with a login: {@code user} and {@code password} (jnats'
     * user info), or, with no user, {@code password} as the server's token; both empty: anonymous.
     *
     * @throws IllegalArgumentException in one sentence when it is not such an address
     */
    public static NatsTarget parse(String text, String user, String password) {
        NatsTarget t = parse(text);
        return new NatsTarget(t.url, user == null ? "" : user.strip(), password == null ? "" : password);
    }

    /**
     * Reads {@code nats://HOST:PORT}.
     *
     * @throws IllegalArgumentException in one sentence when it is not such an address
     */
    public static NatsTarget parse(String text) {
        String t = text == null ? "" : text.strip();
        URI u;
        try {
            u = new URI(t);
        } catch (java.net.URISyntaxException e) {
            u = null;
        }
        if (u == null || !"nats".equals(u.getScheme()) || u.getHost() == null || u.getPort() < 0
                || u.getUserInfo() != null || !(u.getPath() == null || u.getPath().isEmpty())) {
            throw new IllegalArgumentException("'" + t.replaceAll("\\p{Cntrl}", "?") + "' is not a NATS address;"
                    + " give nats://HOST:PORT, such as " + LOCAL);
        }
        return new NatsTarget("nats://" + u.getHost() + ":" + u.getPort(), "", "");
    }

    /**
     * A connection that does not reconnect: a run that loses its server ends, told in one sentence.
     *
     * @throws LiveFailure naming the address when nothing answers there
     */
    Connection connect() throws LiveFailure {
        try {
            QuietListener listener = new QuietListener();
            Options.Builder options = new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(5))
                    .maxReconnects(0).errorListener(listener);
            if (!user.isEmpty()) {
                options.userInfo(user.toCharArray(), password.toCharArray());
            } else if (!password.isEmpty()) {
                options.token(password.toCharArray());
            }
            Connection connection = Nats.connect(options.build());
            listener.connected = true;
            return connection;
        } catch (java.io.IOException e) {
            throw new LiveFailure(describe(e, "connecting"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveFailure(describe(e, "connecting"), e);
        }
    }

    /** One sentence for a failure while {@code doing} something with this server. */
    String describe(Throwable e, String doing) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(e.getMessage()) + " " + root.getMessage();
        String why = message.contains("Authorization Violation")
                ? "the server refused the login; check the user and password (or the token)"
                : root instanceof java.net.ConnectException || message.contains("Unable to connect")
                ? "nothing answers there; start nats-server -js or correct the address"
                : dev.pipewright.model.TerminalText.escape(String.valueOf(root.getMessage()));
        return "NATS server at " + this + ": " + doing + " failed: " + why;
    }

    /**
     * jnats' own logging, but quiet while connecting and for the "408 Request Timeout" of an
     * expired pull request. A refused login or an absent server is told by the {@link LiveFailure}
     * in one sentence, where jnats would log it on standard error too, in several lines, to the
     * command line and the app alike. An instance holding its prefetch keeps requests open that
     * expire when the stream has nothing ({@link NatsPrefetch}), which is no warning for a person.
     */
    private static final class QuietListener extends io.nats.client.impl.ErrorListenerLoggerImpl {
        /** Set once {@code Nats.connect} returned: what goes wrong after that, jnats logs as usual. */
        volatile boolean connected;

        @Override
        public void errorOccurred(Connection conn, String error) {
            if (connected) {
                super.errorOccurred(conn, error);
            }
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            if (connected) {
                super.exceptionOccurred(conn, exp);
            }
        }

        @Override
        public void pullStatusWarning(Connection conn, io.nats.client.JetStreamSubscription sub,
                                      io.nats.client.support.Status status) {
            if (status.getCode() != 408) {
                super.pullStatusWarning(conn, sub, status);
            }
        }
    }

    /** The address, with the user when there is one; never the password or token. */
    @Override
    public String toString() {
        return user.isEmpty() ? url : "nats://" + dev.pipewright.model.TerminalText.escape(user) + "@" + url.substring("nats://".length());
    }
}
