// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import dev.pipewright.brokers.TlsTrust;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.model.TerminalText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The RabbitMQ a live run uses: an {@code amqp://user:password@host:port/vhost} URI, the same with
 * a comma-separated list of {@code host:port} for a cluster ({@code amqp://user@rabbit1:5672,rabbit2:5672/vhost}),
 * or the bare list (user guest, virtual host "/"). The
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
        return parse(spec, environmentPassword, null);
    }

    /**
     * As {@link #parse(String, String)}; an {@code amqps://} URI connects with TLS, trusting
     * {@code tls} (from {@link TlsTrust#fromPem}) or, when null, the JDK's certificate authorities,
     * and checks that the certificate names the host.
     *
     * @throws IllegalArgumentException also when {@code tls} is given for a connection without TLS
     */
    public static RabbitTarget parse(String spec, String environmentPassword, javax.net.ssl.SSLContext tls) {
        Objects.requireNonNull(spec, "spec");
        String text = spec.strip();
        ConnectionFactory f = new ConnectionFactory();
        f.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        f.setHandshakeTimeout(CONNECT_TIMEOUT_MS);
        f.setAutomaticRecoveryEnabled(false);
        Matcher cluster = CLUSTER_URI.matcher(text);
        if (cluster.matches()) {
            return cluster(cluster, environmentPassword, tls);
        }
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
            if ("amqps".equalsIgnoreCase(uri.getScheme())) {
                // setUri trusts every certificate on amqps; a run trusts only what the user or the JDK trusts.
                f.useSslProtocol(tls != null ? tls : TlsTrust.jdkDefault());
                f.enableHostnameVerification();
            } else if (tls != null) {
                throw noTls(maskUri(text));
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
        if (tls != null) {
            throw noTls(text);
        }
        if (environmentPassword != null && !environmentPassword.isEmpty()) {
            f.setPassword(environmentPassword);
        }
        String shownList = Arrays.stream(list).map(a -> a.getHost() + ":" + (a.getPort() < 0 ? 5672 : a.getPort()))
                .collect(Collectors.joining(","));
        return new RabbitTarget(f, list, "amqp://" + f.getUsername() + ":****@" + shownList + "/%2F", f.getPassword());
    }

    /** The most hosts a cluster address may list. */
    private static final int MAX_ADDRESSES = 100;

    /**
     * {@code amqp[s]://[user[:password]@]host:port,host:port[/vhost][?query]}: a cluster with a
     * login and virtual host, which a plain URI cannot hold (its authority is one host). Possessive
     * quantifiers: a long spec cannot make the match backtrack.
     */
    private static final Pattern CLUSTER_URI = Pattern.compile(
            "(amqps?)://(?:([^@/?]*+)@)?([^@/?,]++(?:,[^@/?,]++)++)(/[^?]*+)?(\\?.*+)?", Pattern.CASE_INSENSITIVE);

    /** The cluster URI {@code m}: the first host read as a URI for the login, TLS and vhost; the list as its addresses. */
    private static RabbitTarget cluster(Matcher m, String environmentPassword, javax.net.ssl.SSLContext tls) {
        String scheme = m.group(1).toLowerCase(java.util.Locale.ROOT);
        String login = m.group(2) == null ? "" : m.group(2) + "@";
        String vhost = m.group(4) == null ? "" : m.group(4);
        String query = m.group(5) == null ? "" : m.group(5);
        String[] hosts = m.group(3).split(",", MAX_ADDRESSES + 1);
        if (hosts.length > MAX_ADDRESSES) {
            throw new IllegalArgumentException("a cluster address takes at most " + MAX_ADDRESSES + " hosts; give a few of"
                    + " its nodes, the client finds the rest of the queues through them");
        }
        RabbitTarget first = parse(scheme + "://" + login + hosts[0].strip() + vhost + query, environmentPassword, tls);
        int defaultPort = scheme.equals("amqps") ? 5671 : 5672;
        Address[] list = new Address[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            // Each host read as the first was, so a bad one is told in the same words.
            RabbitTarget one = parse(scheme + "://" + hosts[i].strip(), null, tls);
            if (one.f().getPort() > 65_535 || hosts[i].isBlank()) {
                throw new IllegalArgumentException("'" + TerminalText.escape(hosts[i].strip().length() > 60
                        ? hosts[i].strip().substring(0, 57) + "..." : hosts[i].strip()) + "' in the cluster address is not"
                        + " host:port; write e.g. amqp://guest@rabbit1:5672,rabbit2:5672/%2F");
            }
            list[i] = new Address(one.f().getHost(), one.f().getPort() < 0 ? defaultPort : one.f().getPort());
        }
        String shownList = Arrays.stream(list).map(a -> a.getHost() + ":" + a.getPort()).collect(Collectors.joining(","));
        return new RabbitTarget(first.factory, list, scheme + "://" + first.f().getUsername() + ":****@" + shownList
                + "/" + vhostSegment(first.vhost()), first.password);
    }

    private static IllegalArgumentException noTls(String shown) {
        return new IllegalArgumentException("a CA certificate is for a TLS connection, and '" + shown + "' is none;"
                + " write amqps://host:5671/... (RabbitMQ's TLS port is usually 5671)");
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

    /**
     * One sentence for a failure while {@code doing} something with this broker; a refused
     * permission ({@link NeedsPermission} in the causes) says which one and how to grant it.
     */
    String describe(Throwable e, String doing) {
        String refused = refusal(e);
        if (refused != null) {
            return masked(refused, password);
        }
        String tls = tlsFailure(e);
        if (tls != null) {
            return "RabbitMQ at " + shown + ": " + doing + " failed: " + tls;
        }
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

    // RabbitMQ's reply texts: "access to queue 'q' in vhost 'v' refused for user 'u'" (3.12 and later
    // put the permission first: "configure access to ..."), and "access to vhost 'v' refused for user 'u'".
    private static final Pattern RESOURCE_REFUSED = Pattern.compile(
            "(?:(configure|write|read) )?access to (queue|exchange) '(.*?)' in vhost '(.*?)' refused for user '(.*?)'");
    private static final Pattern VHOST_REFUSED = Pattern.compile("access to vhost '(.*?)' refused for user '(.*?)'");

    /** The sentence for a refused permission in {@code e}, or null when it is no such refusal. */
    private String refusal(Throwable e) {
        NeedsPermission needs = null;
        ShutdownSignalException signal = null;
        for (Throwable t = e; t != null && signal == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NeedsPermission n && needs == null) {
                needs = n;
            }
            if (t instanceof ShutdownSignalException s) {
                signal = s;
            }
        }
        if (signal == null) {
            return null;
        }
        String text = signal.getReason() instanceof com.rabbitmq.client.Method m ? replyText(m)
                : String.valueOf(signal.getMessage());
        Matcher resource = RESOURCE_REFUSED.matcher(text);
        if (resource.find()) {
            String permission = resource.group(1) != null ? resource.group(1) : needs != null ? needs.permission : null;
            String verb = needs != null ? needs.verb : "use";
            String vhost = resource.group(4);
            String user = resource.group(5);
            return "RabbitMQ at " + shown + " refused to " + verb + " " + resource.group(2) + " '" + resource.group(3)
                    + "': user '" + user + "' has no " + (permission != null ? permission + " permission" : "permission")
                    + " on virtual host '" + vhost + "'; grant it with " + grant(vhost, user);
        }
        Matcher vhost = VHOST_REFUSED.matcher(text);
        if (vhost.find()) {
            return "RabbitMQ at " + shown + " refused user '" + vhost.group(2) + "' the virtual host '" + vhost.group(1)
                    + "': the user has no permissions there; grant them with " + grant(vhost.group(1), vhost.group(2));
        }
        return null;
    }

    /** What went wrong with TLS in {@code e}, or null when it is no TLS failure. */
    private String tlsFailure(Throwable e) {
        dev.pipewright.brokers.TlsFailure why = dev.pipewright.brokers.TlsFailure.of(e);
        if (why == null) {
            return null;
        }
        String host = addresses[0].getHost();
        return switch (why) {
            case OTHER_HOST_NAME -> "the certificate of " + host + " is made out for another host name; connect by a"
                    + " name the certificate holds";
            case UNTRUSTED -> "the certificate of " + host + " is not trusted; give its CA certificate with --tls-ca"
                    + " FILE (PEM)";
            case NO_HANDSHAKE -> "no TLS connection could be made (" + sslMessage(e) + "); check that the port is the"
                    + " broker's TLS port (usually 5671), or use amqp:// for a port without TLS";
        };
    }

    /** The message of the first {@code SSLException} among {@code e}'s causes. */
    private static String sslMessage(Throwable e) {
        Throwable t = e;
        for (int i = 0; t != null && i < 32; i++, t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return t.getMessage();
            }
        }
        return String.valueOf(e.getMessage());
    }

    /** The command that grants {@code user} every permission on {@code vhost}. */
    private static String grant(String vhost, String user) {
        return "rabbitmqctl set_permissions -p " + shellWord(vhost) + " " + shellWord(user) + " '.*' '.*' '.*'"
                + " (configure, write, read)";
    }

    private static String shellWord(String s) {
        return s.matches("[A-Za-z0-9._/-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
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
