// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Why a TLS connection to a broker failed, read from the exception a client threw (its causes
 * hold the JDK's {@code SSLException} and certificate exceptions), and whether a port speaks TLS
 * at all, for a client that spoke plain text to it and heard nothing back.
 */
public enum TlsFailure {
    /** The broker's certificate is signed by no CA this side trusts (or is self-signed and not given). */
    UNTRUSTED,
    /** The certificate is trusted but made out for other host names than the one connected to. */
    OTHER_HOST_NAME,
    /** The TLS handshake failed otherwise, e.g. the port speaks no TLS. */
    NO_HANDSHAKE;

    /** The most causes followed, so a cause cycle cannot loop. */
    private static final int MAX_CAUSES = 32;

    /** What TLS failure {@code e} is, or null when none of its causes is a TLS failure. */
    public static TlsFailure of(Throwable e) {
        boolean ssl = false;
        TlsFailure certificate = null;
        Throwable t = e;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause() == t ? null : t.getCause()) {
            ssl |= t instanceof SSLException;
            if (t instanceof CertificateException || t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException) {
                String m = String.valueOf(t.getMessage());
                boolean otherName = m.contains("subject alternative") || m.contains("No name matching");
                certificate = otherName || certificate == OTHER_HOST_NAME ? OTHER_HOST_NAME : UNTRUSTED;
            }
        }
        return !ssl ? null : certificate != null ? certificate : NO_HANDSHAKE;
    }

    /** What answers at a port a client heard nothing back from: {@link #probe}. */
    public enum PortAnswer {
        /** Nothing: the connection was refused or not made in time. */
        NOTHING,
        /** A TLS server: it answered the handshake with a certificate, trusted or not. */
        TLS,
        /** Something that is no TLS server: it closed the connection on the handshake or kept silent. */
        NO_TLS
    }

    /**
     * What listens at {@code host:port}: whether it answers a TLS handshake, waiting {@code timeoutMs}
     * to connect and again for the handshake's answer.
     */
    public static PortAnswer probe(String host, int port, int timeoutMs) {
        try (Socket plain = new Socket()) {
            try {
                plain.connect(new InetSocketAddress(host, port), timeoutMs);
                plain.setSoTimeout(timeoutMs);
            } catch (IOException e) {
                return PortAnswer.NOTHING;
            }
            try (SSLSocket tls = (SSLSocket) TlsTrust.jdkDefault().getSocketFactory()
                    .createSocket(plain, host, port, false)) {
                tls.startHandshake();
                return PortAnswer.TLS;
            } catch (IOException e) {
                // A certificate refused means a TLS server answered; a handshake cut short or unanswered, none did.
                TlsFailure why = of(e);
                return why == UNTRUSTED || why == OTHER_HOST_NAME ? PortAnswer.TLS : PortAnswer.NO_TLS;
            }
        } catch (IOException | RuntimeException e) {
            return PortAnswer.NOTHING;
        }
    }
}
