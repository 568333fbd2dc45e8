// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whom a TLS connection to a broker ({@code amqps://}, Kafka's SSL and SASL_SSL) trusts: the JDK's
 * certificate authorities, or the ones in a PEM file the user gives (a private CA, or a broker's
 * self-signed certificate).
 */
public final class TlsTrust {
    /** A CA file is a few certificates; anything far larger is not one, and is not read into memory. */
    private static final long MAX_FILE_BYTES = 1 << 20;

    private TlsTrust() {
    }

    /** A TLS context trusting the JDK's certificate authorities. */
    public static SSLContext jdkDefault() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no TLS: " + e.getMessage(), e);
        }
    }

    /**
     * A TLS context trusting exactly the certificates in the PEM file {@code caFile}.
     *
     * @throws IllegalArgumentException in one sentence naming the file when it cannot be read or holds no certificate
     */
    public static SSLContext fromPem(Path caFile) {
        List<X509Certificate> certificates = certificates(caFile);
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                trusted.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the CA certificate in '" + caFile + "': " + e.getMessage(), e);
        }
    }

    /**
     * The certificates in {@code caFile}, PEM (or DER, which the JDK reads as well).
     *
     * @throws IllegalArgumentException in one sentence naming the file when it cannot be read or holds no certificate
     */
    public static List<X509Certificate> certificates(Path caFile) {
        byte[] pem;
        try {
            if (Files.size(caFile) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("'" + caFile + "' is larger than a CA certificate file can be"
                        + " (1 MB); give the PEM file of the broker's CA certificate");
            }
            pem = Files.readAllBytes(caFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the CA certificate file '" + caFile + "' ("
                    + e.getClass().getSimpleName() + "); give a readable PEM file", e);
        }
        try (InputStream in = new ByteArrayInputStream(pem)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate");
            }
            return List.copyOf(certificates);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("'" + caFile + "' holds no X.509 certificate in PEM form"
                    + " (-----BEGIN CERTIFICATE-----); give the broker's CA certificate", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use the CA certificate in '" + caFile + "': " + e.getMessage(), e);
        }
    }

    /** {@code certificates} as PEM text, each a {@code -----BEGIN CERTIFICATE-----} block. */
    public static String pem(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        Base64.Encoder lines = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        try {
            for (X509Certificate c : certificates) {
                text.append("-----BEGIN CERTIFICATE-----\n").append(lines.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("a CA certificate cannot be encoded: " + e.getMessage(), e);
        }
        return text.toString();
    }
}
