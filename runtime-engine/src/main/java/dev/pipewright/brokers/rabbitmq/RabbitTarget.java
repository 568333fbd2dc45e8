// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import dev.pipewright.brokers.live.LiveFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The RabbitMQ a live run uses: an {@code amqp://user:password@host:port/vhost} URI, or a
 * comma-separated list of {@code host:port} for a cluster (user guest, virtual host "/"). The
 * password may come from {@code PIPEWRIGHT_RABBITMQ_PASSWORD} instead of the URI. {@link #toString()}
 * and every message show the address with the password masked.
 */
public final class RabbitTarget {
    /** The environment variable a password may come from. */
    public static final String PASSWORD_VARIABLE = "PIPEWRIGHT_RABBITMQ_PASSWORD";
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    /** How long a live run waits for a lost connection to come back before it fails. */
    public static final java.time.Duration RECOVERY_BOUND = java.time.Duration.ofSeconds(30);
    /** How long the library waits between two attempts to recover a lost connection. */
    private static final long RECOVERY_INTERVAL_MS = 500;

    private final ConnectionFactory factory;
    private final Address[] addresses;
    private final String shown;
    private final String password;

    private RabbitTarget(ConnectionFactory factory, Address[] addresses, String shown, String password) {
        this.factory = factory;
        this.addresses = addresses;
        this.shown = shown;
        this.password = password;
    }

    /**
     * Reads {@code spec}; {@code environmentPassword} (may be null) is used when the URI holds none.
     *
     * @throws IllegalArgumentException in one sentence, the password masked, when {@code spec} is not a URI or address list
     */
    public static RabbitTarget parse(String spec, String environmentPassword) {
        Objects.requireNonNull(spec, "spec");
        String text = spec.strip();
        ConnectionFactory f = new ConnectionFactory();
        f.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        f.setHandshakeTimeout(CONNECT_TIMEOUT_MS);
        f.setAutomaticRecoveryEnabled(false);
        if (text.contains("://")) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (Exception e) {
                throw new IllegalArgumentException("'" + maskUri(text) + "' is not a URI; write e.g."
                        + " amqp://guest@127.0.0.1:5672/%2F");
            }
            boolean hasPassword = uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":");
            try {
                f.setUri(text);
            } catch (Exception e) {
                throw new IllegalArgumentException("'" + maskUri(text) + "' is not an AMQP URI (" + masked(
                        String.valueOf(e.getMessage()), f.getPassword()) + "); write e.g. amqp://guest@127.0.0.1:5672/%2F");
            }
            if (!hasPassword && environmentPassword != null && !environmentPassword.isEmpty()) {
                f.setPassword(environmentPassword);
            }
            Address a = new Address(f.getHost(), f.getPort());
            String shownUri = uri.getScheme() + "://" + f.getUsername() + ":****@" + f.getHost() + ":" + f.getPort()
                    + "/" + vhostSegment(f.getVirtualHost());
            return new RabbitTarget(f, new Address[] {a}, shownUri, f.getPassword());
        }
        if (text.isEmpty() || text.contains("@")) {
            throw new IllegalArgumentException("'" + (text.contains("@") ? "****" : text) + "' is neither an AMQP URI"
                    + " nor a list of host:port; write e.g. amqp://guest@127.0.0.1:5672/%2F or rabbit1:5672,rabbit2:5672");
        }
        Address[] list;
        try {
            list = Address.parseAddresses(text);
            for (Address a : list) {
                if (a.getHost().isBlank() || a.getPort() > 65_535) {
                    throw new IllegalArgumentException("bad address");
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a list of host:port; write e.g. rabbit1:5672,rabbit2:5672");
        }
        if (environmentPassword != null && !environmentPassword.isEmpty()) {
            f.setPassword(environmentPassword);
        }
        String shownList = Arrays.stream(list).map(a -> a.getHost() + ":" + (a.getPort() < 0 ? 5672 : a.getPort()))
                .collect(Collectors.joining(","));
        return new RabbitTarget(f, list, "amqp://" + f.getUsername() + ":****@" + shownList + "/%2F", f.getPassword());
    }

    /** The virtual host. */
    public String vhost() {
        return f().getVirtualHost();
    }

    private ConnectionFactory f() {
        return factory;
    }

    /**
     * A new connection named {@code name}.
     *
     * @throws LiveFailure when the broker is not there, refuses the login or the virtual host
     */
    public Connection connect(String name) throws LiveFailure {
        return connect(factory, name);
    }

    private Connection connect(ConnectionFactory factory, String name) throws LiveFailure {
        try {
            return factory.newConnection(addresses, name);
        } catch (AuthenticationFailureException e) {
            throw new LiveFailure("RabbitMQ at " + shown + " refused the login of user '" + factory.getUsername()
                    + "'; check the user and password (or " + PASSWORD_VARIABLE + ")", e);
        } catch (PossibleAuthenticationFailureException e) {
            throw new LiveFailure("RabbitMQ at " + shown + " closed the connection during login: the login of user '"
                    + factory.getUsername() + "' was refused or it may not use virtual host '" + vhost()
                    + "'; check the user, password and permissions", e);
        } catch (IOException | TimeoutException e) {
            throw new LiveFailure(describe(e, "connecting"), e);
        }
    }

    /**
     * A new connection named {@code name} that the library recovers when it is lost: it connects
     * again, declares again the exchanges, queues and bindings declared on it and registers its
     * consumers again.
     *
     * @throws LiveFailure when the broker is not there, refuses the login or the virtual host
     */
    public Connection connectRecovering(String name) throws LiveFailure {
        ConnectionFactory recovering = factory.clone();
        recovering.setAutomaticRecoveryEnabled(true);
        recovering.setTopologyRecoveryEnabled(true);
        recovering.setNetworkRecoveryInterval(RECOVERY_INTERVAL_MS);
        return connect(recovering, name);
    }

    /** One sentence for a failure while {@code doing} something with this broker. */
    String describe(Throwable e, String doing) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof ShutdownSignalException) {
                break;
            }
            root = root.getCause();
        }
        String why;
        if (root instanceof ConnectException) {
            why = "nothing answers there (connection refused); start RabbitMQ or correct the address";
        } else if (root instanceof UnknownHostException) {
            why = "the host is unknown; correct the address";
        } else if (root instanceof SocketTimeoutException || root instanceof TimeoutException
                || root instanceof NoRouteToHostException) {
            why = "it did not answer in time; check that the broker runs and the port is open";
        } else if (root instanceof ShutdownSignalException s) {
            Object reason = s.getReason();
            String text = reason instanceof com.rabbitmq.client.Method m ? replyText(m) : String.valueOf(s.getMessage());
            why = "the broker refused it: " + text
                    + (text.contains("ACCESS_REFUSED") ? "; give the user the permission it needs" : "");
        } else {
            why = String.valueOf(root.getMessage());
        }
        return "RabbitMQ at " + shown + ": " + doing + " failed: " + masked(why, password);
    }

    private static String replyText(com.rabbitmq.client.Method m) {
        if (m instanceof com.rabbitmq.client.AMQP.Channel.Close c) {
            return c.getReplyText();
        }
        if (m instanceof com.rabbitmq.client.AMQP.Connection.Close c) {
            return c.getReplyText();
        }
        return m.protocolMethodName();
    }

    private static String masked(String text, String password) {
        return password == null || password.isEmpty() ? text : text.replace(password, "****");
    }

    private static String maskUri(String text) {
        return text.replaceAll("(://[^:/@]*):[^@/]*@", "$1:****@").replaceAll("\\p{Cntrl}", "?");
    }

    private static String vhostSegment(String vhost) {
        return "/".equals(vhost) ? "%2F" : java.net.URLEncoder.encode(vhost, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return shown;
    }
}
