// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import java.util.Objects;

/**
 * Where a running broker's management API is and who logs in. The password lives only as long as
 * the request; it is never written to the settings.
 *
 * @param url the management API address, e.g. {@code http://127.0.0.1:15672}
 */
public record BrokerLogin(String url, String user, String password) {
    public BrokerLogin {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return user + " at " + url;
    }
}
