// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * {@link TlsFailure} read from exception chains shaped as the JDK throws them (the live cases are
 * KafkaTlsLiveTest's), and the probe of a port where nothing listens.
 */
class TlsFailureTest {
    private static Throwable handshake(Throwable cause) {
        return new RuntimeException("SSL handshake failed", new SSLHandshakeException("handshake", cause));
    }

    @Test
    void aCertificateNoCaSignedIsUntrusted() {
        // sun.security.validator.ValidatorException is a CertificateException.
        assertThat(TlsFailure.of(handshake(new CertificateException("PKIX path building failed"))))
                .isEqualTo(TlsFailure.UNTRUSTED);
    }

    @Test
    void aCertificateForOtherNamesIsAnotherHostName() {
        assertThat(TlsFailure.of(handshake(new CertificateException("No subject alternative names matching IP address"
                + " 127.0.0.1 found")))).isEqualTo(TlsFailure.OTHER_HOST_NAME);
        assertThat(TlsFailure.of(handshake(new CertificateException("No name matching localhost found"))))
                .isEqualTo(TlsFailure.OTHER_HOST_NAME);
    }

    @Test
    void aHandshakeCutShortIsNoHandshakeAndNoSslExceptionIsNoTlsFailure() {
        assertThat(TlsFailure.of(handshake(new IOException("Remote host terminated the handshake"))))
                .isEqualTo(TlsFailure.NO_HANDSHAKE);
        assertThat(TlsFailure.of(new IOException("Connection refused"))).isNull();
        // A certificate exception outside any TLS handshake is not a TLS failure either.
        assertThat(TlsFailure.of(new RuntimeException(new CertificateException("x")))).isNull();
    }

    @Test
    void aPortWhereNothingListensAnswersNothing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(TlsFailure.probe("127.0.0.1", port, 2_000)).isEqualTo(TlsFailure.PortAnswer.NOTHING);
    }
}
