// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.brokers.Keyring;
import dev.pipewright.brokers.kafka.KafkaTarget;
import dev.pipewright.brokers.nats.NatsTarget;
import dev.pipewright.brokers.sqs.SqsTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@code deploy} takes a broker's password from, in the order the app takes it: the one the
 * broker option's URI holds (what the user typed), else the one the desktop keyring keeps for that
 * address and user (where the app's "Remember the password in the keyring" put it), else the
 * broker's environment variable. Kafka's user is {@code --kafka-user}'s, NATS's {@code --nats-user}'s,
 * SQS's is {@code AWS_ACCESS_KEY_ID} and its password the secret key.
 */
final class DeployPassword {
    /** {@code scheme://[login@]rest}: the login is everything before the first '@' of the authority. */
    private static final Pattern URI_LOGIN = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*+://)(?:([^@/?#]*+)@)?(.*+)",
            Pattern.DOTALL);

    private DeployPassword() {
    }

    /**
     * The password the broker's target takes when its URI {@code spec} holds none: the keyring's
     * for {@code broker} ("RabbitMQ", "Artemis", "MQTT", as the app names them), the address as
     * written without its login and the URI's user (else {@code defaultUser}, whom the client logs
     * in as then), else {@code variable}'s. A keyring that does not answer is said on {@code err}
     * in one line, and the variable is used.
     */
    static String fallback(String broker, String spec, String defaultUser, String variable, Keyring keyring,
                           UnaryOperator<String> environment, PrintWriter err) {
        String fromEnvironment = environment.apply(variable);
        Matcher m = URI_LOGIN.matcher(spec.strip());
        String login = m.matches() ? m.group(2) : null;
        if (login != null && login.contains(":")) {
            return fromEnvironment; // the URI's own password wins; the target ignores this one
        }
        String address = m.matches() ? m.group(1) + m.group(3) : spec.strip();
        String user = login == null || login.isEmpty() ? defaultUser : decoded(login);
        String kept = kept(k -> k.password(broker, address, user), "password", variable, keyring, err);
        return kept != null ? kept : fromEnvironment;
    }

    /**
     * {@code deploy --kafka}'s SASL/PLAIN password for {@code user} (empty: no login, no password):
     * the keyring's, kept as the app's "Kafka at…" keeps it (broker "Kafka", the bootstrap servers
     * as {@link KafkaTarget#keyringAddress} keys them, or as written for an older entry, the user), else {@value KafkaTarget#PASSWORD_VARIABLE}'s.
     */
    static String kafka(String bootstrap, String user, Keyring keyring, UnaryOperator<String> environment,
                        PrintWriter err) {
        if (user == null || user.isBlank()) {
            return "";
        }
        String kept = kept(k -> KafkaTarget.keptPassword(k, bootstrap, user.strip()), "password",
                KafkaTarget.PASSWORD_VARIABLE, keyring, err);
        return kept != null ? kept : environment.apply(KafkaTarget.PASSWORD_VARIABLE);
    }

    /**
     * {@code deploy --nats}'s password for {@code user}, or with no user the server's token: the
     * keyring's, kept as the app's "NATS at…" keeps it (broker "NATS", the address as written, the
     * user, empty for a token), else {@value NatsTarget#PASSWORD_VARIABLE}'s, else empty (anonymous).
     */
    static String nats(String url, String user, Keyring keyring, UnaryOperator<String> environment, PrintWriter err) {
        String login = user == null ? "" : user.strip();
        String kept = kept(k -> k.password("NATS", url.strip(), login), "password", NatsTarget.PASSWORD_VARIABLE,
                keyring, err);
        String password = kept != null ? kept : environment.apply(NatsTarget.PASSWORD_VARIABLE);
        return password == null ? "" : password;
    }

    /**
     * The secret key the keyring keeps for {@code AWS_ACCESS_KEY_ID} at the SQS endpoint {@code spec},
     * as the app's "SQS at…" keeps it (broker "SQS", the endpoint URL as written, the key id), or
     * empty: then the target takes {@code AWS_SECRET_ACCESS_KEY} (or ElasticMQ's dummy pair) as before.
     */
    static Optional<String> sqsSecretKey(String spec, UnaryOperator<String> environment, Keyring keyring,
                                         PrintWriter err) {
        String keyId = environment.apply("AWS_ACCESS_KEY_ID");
        if (keyId == null || keyId.isBlank() || spec.strip().equalsIgnoreCase(SqsTarget.EMBEDDED)) {
            return Optional.empty();
        }
        return Optional.ofNullable(kept(k -> k.password("SQS", spec.strip(), keyId.strip()), "secret key", "AWS_SECRET_ACCESS_KEY",
                keyring, err));
    }

    /** What the keyring keeps for the entry, or null; a keyring that does not answer is one note on {@code err}. */
    private static String kept(java.util.function.Function<Keyring, Optional<String>> lookup, String what,
                               String variable, Keyring keyring, PrintWriter err) {
        try {
            return lookup.apply(keyring).orElse(null);
        } catch (Keyring.KeyringException e) {
            err.println("note: the keyring gave no " + what + " (" + e.getMessage() + "); the " + what + " comes from "
                    + variable + " if it is set");
            return null;
        }
    }

    /** {@code text} with its %XX escapes decoded as UTF-8 ('+' stays '+', as in a URI's user). */
    private static String decoded(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            if (text.charAt(i) == '%' && i + 2 < text.length() && HexFormat.isHexDigit(text.charAt(i + 1))
                    && HexFormat.isHexDigit(text.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 3;
            } else {
                int cp = text.codePointAt(i);
                bytes.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
