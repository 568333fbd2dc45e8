// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.files.AppSettings;
import dev.pipewright.app.files.BrokerLogin;
import dev.pipewright.app.files.Dialogs;
import dev.pipewright.app.files.SqsLogin;
import dev.pipewright.brokers.Keyring;
import dev.pipewright.brokers.artemis.ArtemisBackend;
import dev.pipewright.brokers.artemis.ArtemisTarget;
import dev.pipewright.brokers.kafka.KafkaBackend;
import dev.pipewright.brokers.kafka.KafkaTarget;
import dev.pipewright.brokers.mqtt.MqttBackend;
import dev.pipewright.brokers.mqtt.MqttTarget;
import dev.pipewright.brokers.nats.NatsBackend;
import dev.pipewright.brokers.nats.NatsTarget;
import dev.pipewright.brokers.rabbitmq.RabbitBackend;
import dev.pipewright.brokers.rabbitmq.RabbitTarget;
import dev.pipewright.brokers.TlsTrust;
import dev.pipewright.brokers.sqs.SqsBackend;
import dev.pipewright.brokers.sqs.SqsTarget;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunBackends;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * The "Run on" choice: where the flow runs, and the backend for it. A broker at an address asks
 * for the address and user (remembered in the settings) and the password (from the dialog, or,
 * when left empty, the desktop's keyring, else the environment variable; never in Pipewright's files,
 * but kept in the keyring when the user ticks the box); RabbitMQ also asks for the CA
 * certificate file an {@code amqps://} address trusts (remembered: a path); Kafka asks for the
 * bootstrap servers, optionally a SASL/PLAIN user and password, and whether to connect over TLS
 * with a CA certificate file (both remembered), made into a target as {@code deploy --kafka-tls
 * --tls-ca} makes it ({@link KafkaTarget#overTls}); NATS asks for the server URL and, optionally,
 * a user and password or a token. Makes backends and asks questions only; connecting is the
 * backend's, on its own thread.
 */
final class RunOn {
    /** The places a flow can run, as the chooser lists them. */
    enum Place {
        SIMULATOR("Simulator"),
        EMBEDDED_ARTEMIS("Embedded Artemis"),
        RABBITMQ("RabbitMQ at…"),
        ARTEMIS("Artemis at…"),
        MQTT("MQTT at…"),
        SQS("SQS at…"),
        EMBEDDED_ELASTICMQ("Embedded ElasticMQ"),
        KAFKA("Kafka at…"),
        NATS("NATS at…");

        private final String label;

        Place(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            // ElasticMQ is optional: an installed Pipewright has none, and the chooser says so.
            return this == EMBEDDED_ELASTICMQ && !SqsBackend.embeddedAvailable() ? label + " (not in this Pipewright)"
                    : label;
        }
    }

    /** A backend made for a place, and the address to show while it connects (null for the simulator). */
    record Target(RunBackend backend, String address) {
    }

    static final String RABBITMQ_URL_KEY = "run.rabbitmq.url";
    static final String RABBITMQ_USER_KEY = "run.rabbitmq.user";
    /** The CA certificate file an amqps:// address trusts; a path, not a secret. */
    static final String RABBITMQ_CA_KEY = "run.rabbitmq.ca";
    static final String ARTEMIS_URL_KEY = "run.artemis.url";
    static final String ARTEMIS_USER_KEY = "run.artemis.user";
    static final String MQTT_URL_KEY = "run.mqtt.url";
    static final String MQTT_USER_KEY = "run.mqtt.user";
    static final String SQS_URL_KEY = "run.sqs.url";
    static final String SQS_REGION_KEY = "run.sqs.region";
    /** The access key id; not a secret (the secret key is never remembered in the settings). */
    static final String SQS_KEY_ID_KEY = "run.sqs.key-id";
    /** The broker name SQS secret keys are kept under in the keyring (the endpoint the address, the key id the user). */
    static final String SQS = "SQS";
    static final String KAFKA_BOOTSTRAP_KEY = "run.kafka.bootstrap";
    /** The SASL/PLAIN user, empty for a cluster without login. */
    static final String KAFKA_USER_KEY = "run.kafka.user";
    /** Whether the last Kafka run was over TLS. */
    static final String KAFKA_TLS_KEY = "run.kafka.tls";
    /** The CA certificate file a Kafka run over TLS trusts; a path, not a secret. */
    static final String KAFKA_CA_KEY = "run.kafka.ca";
    static final String NATS_URL_KEY = "run.nats.url";
    /** The NATS user, empty for a server without login or with a token. */
    static final String NATS_USER_KEY = "run.nats.user";

    private final Dialogs dialogs;
    private final AppSettings settings;
    private final UnaryOperator<String> environment;
    private final Keyring keyring;

    /** As the four-argument constructor, with no keyring. */
    RunOn(Dialogs dialogs, AppSettings settings, UnaryOperator<String> environment) {
        this(dialogs, settings, environment, Keyring.none());
    }

    /**
     * @param dialogs asks for an address and login; null: only the simulator and embedded Artemis can be chosen
     * @param settings remembers the addresses and users; may be null
     * @param environment reads an environment variable (System::getenv)
     * @param keyring where a password the user asks to remember is kept, and looked up when none is typed
     */
    RunOn(Dialogs dialogs, AppSettings settings, UnaryOperator<String> environment, Keyring keyring) {
        this.dialogs = dialogs;
        this.settings = settings;
        this.environment = Objects.requireNonNull(environment, "environment");
        this.keyring = Objects.requireNonNull(keyring, "keyring");
    }

    /** A new backend for {@code place}, asking where and who first if it needs; empty when cancelled or unreadable. */
    Optional<Target> open(Place place) {
        return switch (place) {
            case SIMULATOR -> Optional.of(new Target(RunBackends.standard(), null));
            case EMBEDDED_ARTEMIS -> {
                ArtemisBackend b = new ArtemisBackend();
                yield Optional.of(new Target(b, b.address()));
            }
            case RABBITMQ -> ask("RabbitMQ", RABBITMQ_URL_KEY, "amqp://127.0.0.1:5672/%2F", RABBITMQ_USER_KEY, "guest",
                    RABBITMQ_CA_KEY, null, RabbitTarget.PASSWORD_VARIABLE,
                    login -> RabbitTarget.parse(withUser(login), password("RabbitMQ", login, RabbitTarget.PASSWORD_VARIABLE),
                            tls(login)))
                    .map(t -> {
                        RabbitBackend b = new RabbitBackend(t, true);
                        return new Target(b, b.address());
                    });
            case ARTEMIS -> ask("Artemis", ARTEMIS_URL_KEY, "tcp://127.0.0.1:61616", ARTEMIS_USER_KEY, "admin",
                    null, null, ArtemisTarget.PASSWORD_VARIABLE,
                    login -> ArtemisTarget.parse(withUser(login), password("Artemis", login, ArtemisTarget.PASSWORD_VARIABLE)))
                    .map(t -> {
                        ArtemisBackend b = new ArtemisBackend(t, true);
                        return new Target(b, b.address());
                    });
            case MQTT -> ask("MQTT", MQTT_URL_KEY, MqttTarget.LOCAL, MQTT_USER_KEY, "", null, null, MqttTarget.PASSWORD_VARIABLE,
                    login -> MqttTarget.parse(withUser(login), password("MQTT", login, MqttTarget.PASSWORD_VARIABLE)))
                    .map(t -> {
                        MqttBackend b = new MqttBackend(t);
                        return new Target(b, b.address());
                    });
            case SQS -> askSqs().map(t -> {
                SqsBackend b = new SqsBackend(t);
                return new Target(b, b.address());
            });
            case EMBEDDED_ELASTICMQ -> embeddedElasticMq();
            // The bootstrap servers as the address; the user and password, when a user is given, log in with SASL/PLAIN.
            case KAFKA -> ask("Kafka", KAFKA_BOOTSTRAP_KEY, KafkaBackend.LOCAL, KAFKA_USER_KEY, "", KAFKA_CA_KEY,
                    KAFKA_TLS_KEY, KafkaTarget.PASSWORD_VARIABLE, this::kafka)
                    .map(t -> {
                        KafkaBackend b = new KafkaBackend(t);
                        return new Target(b, b.address() + (t.tls() ? " over TLS" : ""));
                    });
            // A user and password log in as jnats' user info; a password with no user is the server's token.
            case NATS -> ask("NATS", NATS_URL_KEY, NatsTarget.LOCAL, NATS_USER_KEY, "", null, null,
                    NatsTarget.PASSWORD_VARIABLE, login -> NatsTarget.parse(login.url(), login.user(),
                            Objects.requireNonNullElse(password("NATS", login, NatsTarget.PASSWORD_VARIABLE), "")))
                    .map(t -> {
                        NatsBackend b = new NatsBackend(t);
                        return new Target(b, b.address());
                    });
        };
    }

    /**
     * The Kafka target of a login: over TLS when ticked, trusting its CA file, as {@code deploy
     * --kafka-tls --tls-ca} makes it.
     *
     * @throws IllegalArgumentException in one sentence naming the CA file when it cannot be read
     */
    private KafkaTarget kafka(BrokerLogin login) {
        KafkaTarget t = KafkaTarget.parse(login.url(), login.user(),
                        login.user().isBlank() ? "" : password("Kafka", login, KafkaTarget.PASSWORD_VARIABLE))
                .whenUnanswered("start one there, or choose Kafka at… again and give the address of a running one");
        return login.tls() ? t.overTls(caPath(login)) : t;
    }

    private Optional<Target> embeddedElasticMq() {
        if (!SqsBackend.embeddedAvailable()) {
            if (dialogs != null) {
                dialogs.showError("Run on embedded ElasticMQ", "this Pipewright has no embedded ElasticMQ (only the one"
                        + " run from the source tree has it); start one (docker run -p 9324:9324"
                        + " softwaremill/elasticmq-native) and choose SQS at… with http://127.0.0.1:9324");
            }
            return Optional.empty();
        }
        SqsBackend b = new SqsBackend();
        return Optional.of(new Target(b, b.address()));
    }

    /** Asks for the SQS endpoint, region and key id until they read, remembering them; the secret never. */
    private Optional<SqsTarget> askSqs() {
        if (dialogs == null) {
            return Optional.empty();
        }
        String url = settings == null ? "http://127.0.0.1:9324" : settings.text(SQS_URL_KEY, "http://127.0.0.1:9324");
        String region = settings == null ? "" : settings.text(SQS_REGION_KEY, "");
        String keyId = settings == null ? "" : settings.text(SQS_KEY_ID_KEY, "");
        while (true) {
            Optional<SqsLogin> login = dialogs.askSqsRunOn(url, region, keyId, keyring.available());
            if (login.isEmpty()) {
                return Optional.empty();
            }
            SqsLogin l = login.get();
            try {
                SqsTarget t = SqsTarget.parse(l.url(), l.region(), l.accessKeyId(), secret(l), java.util.Map.of(
                        "AWS_ACCESS_KEY_ID", Objects.requireNonNullElse(environment.apply("AWS_ACCESS_KEY_ID"), ""),
                        "AWS_SECRET_ACCESS_KEY", Objects.requireNonNullElse(environment.apply("AWS_SECRET_ACCESS_KEY"), ""),
                        "AWS_REGION", Objects.requireNonNullElse(environment.apply("AWS_REGION"), "")));
                if (l.remember() && !l.secretKey().isEmpty()) {
                    try {
                        keyring.remember(SQS, l.url().strip(), l.accessKeyId().strip(), l.secretKey());
                    } catch (Keyring.KeyringException e) {
                        dialogs.showError("Run on SQS", "The secret key is used for this run but was not kept: "
                                + e.getMessage() + ".");
                    }
                }
                if (settings != null) {
                    settings.setText(SQS_URL_KEY, l.url().strip());
                    settings.setText(SQS_REGION_KEY, l.region().strip());
                    settings.setText(SQS_KEY_ID_KEY, l.accessKeyId().strip());
                }
                return Optional.of(t);
            } catch (IllegalArgumentException e) {
                dialogs.showError("Run on SQS", e.getMessage());
                url = l.url();
                region = l.region();
                keyId = l.accessKeyId();
            }
        }
    }

    /**
     * The typed secret key, else the one the keyring keeps for this endpoint and key id (none
     * without a key id: the environment's pair is used whole), else empty: {@code AWS_SECRET_ACCESS_KEY}.
     */
    private String secret(SqsLogin login) {
        if (!login.secretKey().isEmpty() || login.accessKeyId().isBlank()) {
            return login.secretKey();
        }
        try {
            return keyring.password(SQS, login.url().strip(), login.accessKeyId().strip()).orElse("");
        } catch (Keyring.KeyringException e) {
            dialogs.showError("Run on SQS", "The keyring gave no secret key: " + e.getMessage()
                    + ". The secret key comes from AWS_SECRET_ACCESS_KEY if it is set.");
            return "";
        }
    }

    /**
     * Asks for the address, user (and CA file when {@code caKey} is not null, whether over TLS when
     * {@code tlsKey} is not null: Kafka's question) until {@code read} takes them or the user
     * cancels; what was read is remembered, the password never.
     *
     * @param read makes the target; an {@link IllegalArgumentException} is said in an error dialog and the question asked again
     */
    private <T> Optional<T> ask(String broker, String urlKey, String url, String userKey, String user, String caKey,
                                String tlsKey, String variable, Function<BrokerLogin, T> read) {
        if (dialogs == null) {
            return Optional.empty();
        }
        String lastUrl = settings == null ? url : settings.text(urlKey, url);
        String lastUser = settings == null ? user : settings.text(userKey, user);
        String lastCa = caKey == null ? null : settings == null ? "" : settings.text(caKey, "");
        boolean lastTls = tlsKey != null && settings != null && settings.flag(tlsKey, false);
        while (true) {
            Optional<BrokerLogin> login = tlsKey == null
                    ? dialogs.askRunOn(broker, lastUrl, lastUser, lastCa, variable, keyring.available())
                    : dialogs.askKafkaRunOn(lastUrl, lastUser, lastTls, lastCa, variable, keyring.available());
            if (login.isEmpty()) {
                return Optional.empty();
            }
            T target;
            try {
                // Read it here, so a wrong address or CA file is said at once, before anything is remembered.
                target = read.apply(login.get());
            } catch (IllegalArgumentException e) {
                dialogs.showError("Run on " + broker, e.getMessage());
                lastUrl = login.get().url();
                lastUser = login.get().user();
                lastCa = caKey == null ? null : login.get().caFile();
                lastTls = login.get().tls();
                continue;
            }
            if (login.get().remember() && !login.get().password().isEmpty()) {
                try {
                    keyring.remember(broker, keyringAddress(broker, login.get().url()), login.get().user().strip(),
                            login.get().password());
                } catch (Keyring.KeyringException e) {
                    dialogs.showError("Run on " + broker, "The password is used for this run but was not kept: "
                            + e.getMessage() + ".");
                }
            }
            if (settings != null) {
                settings.setText(urlKey, login.get().url().strip());
                settings.setText(userKey, login.get().user().strip());
                if (caKey != null) {
                    settings.setText(caKey, login.get().caFile().strip());
                }
                if (tlsKey != null) {
                    settings.setFlag(tlsKey, login.get().tls());
                }
            }
            return Optional.of(target);
        }
    }

    /**
     * What an {@code amqps://} address trusts: the login's CA file, or null (Java's authorities) when it names none.
     *
     * @throws IllegalArgumentException in one sentence naming the file when it is not a readable PEM certificate
     */
    static SSLContext tls(BrokerLogin login) {
        Path path = caPath(login);
        return path == null ? null : TlsTrust.fromPem(path);
    }

    /**
     * The login's CA certificate file, or null when it names none.
     *
     * @throws IllegalArgumentException in one sentence when it is not a file path
     */
    static Path caPath(BrokerLogin login) {
        String file = login.caFile().strip();
        if (file.isEmpty()) {
            return null;
        }
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + file + "' is not a file path; give the PEM file of the"
                    + " broker's CA certificate", e);
        }
    }

    /** The address with the user in it, as the targets read it: {@code scheme://user@host...}. */
    static String withUser(BrokerLogin login) {
        String url = login.url().strip();
        String user = login.user().strip();
        int scheme = url.indexOf("://");
        if (scheme < 0 || user.isEmpty() || url.indexOf('@', scheme) >= 0) {
            return url;
        }
        return url.substring(0, scheme + 3) + user.replace("@", "%40").replace(":", "%3A") + "@"
                + url.substring(scheme + 3);
    }

    /** The address the keyring keeps {@code broker}'s login under: Kafka's servers normalised ({@link KafkaTarget#keyringAddress}), else as typed. */
    private static String keyringAddress(String broker, String url) {
        return broker.equals("Kafka") ? KafkaTarget.keyringAddress(url) : url.strip();
    }

    /** The typed password, else the one the keyring keeps for this login, else the environment variable's. */
    private String password(String broker, BrokerLogin login, String variable) {
        if (!login.password().isEmpty()) {
            return login.password();
        }
        try {
            Optional<String> kept = broker.equals("Kafka")
                    ? KafkaTarget.keptPassword(keyring, login.url(), login.user().strip())
                    : keyring.password(broker, login.url().strip(), login.user().strip());
            if (kept.isPresent()) {
                return kept.get();
            }
        } catch (Keyring.KeyringException e) {
            dialogs.showError("Run on " + broker, "The keyring gave no password: " + e.getMessage()
                    + ". The password comes from " + variable + " if it is set.");
        }
        return environment.apply(variable);
    }
}
