// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import java.util.Objects;

/**
 * Where a running broker's management API is and who logs in. The password lives only as long as
 * the request; it is never written to the settings.
 *
 * @param url the management API address, e.g. {@code http://127.0.0.1:15672}, or a broker's address to run on
 * @param caFile the PEM file of the CA certificate an {@code amqps://} address trusts, or empty for the JDK's
 * @param remember whether the typed password is to be kept in the desktop's keyring
 * @param tls whether to connect over TLS where the address does not say (Kafka's bootstrap servers)
 */
public record BrokerLogin(String url, String user, String password, String caFile, boolean remember, boolean tls) {
    public BrokerLogin {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(caFile, "caFile");
    }

    /** A login whose address says whether it is over TLS (or that has none). */
    public BrokerLogin(String url, String user, String password, String caFile, boolean remember) {
        this(url, user, password, caFile, remember, false);
    }

    /** A login whose password is not to be kept. */
    public BrokerLogin(String url, String user, String password, String caFile) {
        this(url, user, password, caFile, false);
    }

    /** A login with no CA file of its own. */
    public BrokerLogin(String url, String user, String password) {
        this(url, user, password, "");
    }

    @Override
    public String toString() {
        return user + " at " + url;
    }
}
