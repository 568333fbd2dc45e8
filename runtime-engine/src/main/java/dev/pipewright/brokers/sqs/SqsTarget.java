// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.sqs;

import dev.pipewright.model.TerminalText;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS endpoint a live run uses: {@code embedded} (an ElasticMQ started in-process for the run,
 * see {@link EmbeddedElasticMq}), or an endpoint URL such as {@code http://127.0.0.1:9324} (ElasticMQ)
 * or {@code https://sqs.eu-west-1.amazonaws.com} (Amazon SQS).
 *
 * <p>Credentials come from the environment variables the AWS SDK reads ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}) when both keys are set, else they are a
 * dummy pair, which ElasticMQ accepts; never from the URL, and never shown. The region is
 * {@code AWS_REGION}, else the one an {@code sqs.REGION.amazonaws.com} host names, else us-east-1.
 */
public final class SqsTarget {
    /** What {@code --sqs} says for an ElasticMQ started in-process. */
    public static final String EMBEDDED = "embedded";
    /** The region unless the environment or the host names one. */
    static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern AWS_HOST = Pattern.compile("sqs[.-]([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Longer than a long poll ({@link SqsLiveRun#RECEIVE_WAIT_SECONDS}), so a poll is never cut short. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final String region;
    private final boolean fromEnvironment;
    /** The access key id given with a secret (the app's question), or null: the environment's or the dummy pair. */
    private final String accessKeyId;
    /** Held for the client only; never shown, never written. */
    private final String secretKey;

    private SqsTarget(URI endpoint, String region, boolean fromEnvironment) {
        this(endpoint, region, fromEnvironment, null, null);
    }

    private SqsTarget(URI endpoint, String region, boolean fromEnvironment, String accessKeyId, String secretKey) {
        this.endpoint = endpoint;
        this.region = region;
        this.fromEnvironment = fromEnvironment;
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
    }

    /**
     * As {@link #parse(String, Map)}, with what the app asks: a {@code region} (blank: as there) and an
     * {@code accessKeyId} with its {@code secretKey} (blank key id: the environment's keys or the dummy
     * pair; blank secret: {@code AWS_SECRET_ACCESS_KEY} from {@code environment}).
     *
     * @throws IllegalArgumentException in one sentence when the URL or region is not one, or a key id has no secret
     */
    public static SqsTarget parse(String spec, String region, String accessKeyId, String secretKey,
                                  Map<String, String> environment) {
        SqsTarget base = parse(spec, environment);
        if (base.embedded()) {
            return base;
        }
        String r = region == null ? "" : region.strip();
        if (!r.isEmpty() && !r.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("'" + shown(r) + "' is not an AWS region; write e.g. eu-west-1,"
                    + " or leave it empty for " + base.region);
        }
        String chosenRegion = r.isEmpty() ? base.region : r;
        String key = accessKeyId == null ? "" : accessKeyId.strip();
        if (key.isEmpty()) {
            return new SqsTarget(base.endpoint, chosenRegion, base.fromEnvironment);
        }
        if (!key.matches("[A-Za-z0-9]{1,128}")) {
            throw new IllegalArgumentException("'" + shown(key) + "' is not an AWS access key id (letters and digits,"
                    + " e.g. AKIAIOSFODNN7EXAMPLE)");
        }
        String secret = present(secretKey) ? secretKey : environment.get("AWS_SECRET_ACCESS_KEY");
        if (!present(secret)) {
            throw new IllegalArgumentException("the access key id " + key + " needs its secret access key: give it,"
                    + " or set AWS_SECRET_ACCESS_KEY");
        }
        return new SqsTarget(base.endpoint, chosenRegion, false, key, secret);
    }

    /**
     * Reads {@code spec}: {@code embedded}, or an {@code http://} or {@code https://} endpoint URL;
     * {@code environment} is where the credentials and region come from (the process's environment).
     *
     * @throws IllegalArgumentException in one sentence when {@code spec} is neither
     */
    public static SqsTarget parse(String spec, Map<String, String> environment) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(environment, "environment");
        boolean keys = present(environment.get("AWS_ACCESS_KEY_ID")) && present(environment.get("AWS_SECRET_ACCESS_KEY"));
        String text = spec.strip();
        if (text.equalsIgnoreCase(EMBEDDED)) {
            return new SqsTarget(null, EmbeddedElasticMq.REGION, false);
        }
        String example = "; write e.g. http://127.0.0.1:9324 (ElasticMQ), https://sqs.eu-west-1.amazonaws.com or embedded";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + shown(text) + "' is not an SQS endpoint URL" + example);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isBlank()
                || uri.getPort() > 65_535) {
            throw new IllegalArgumentException("'" + shown(text) + "' is not an SQS endpoint URL http(s)://host:port" + example);
        }
        if (uri.getRawUserInfo() != null) {
            // The URL is shown in every message: a secret in it would be printed.
            throw new IllegalArgumentException("the SQS endpoint URL holds a login; give the credentials in"
                    + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("'" + shown(text) + "' is not an SQS endpoint URL: it is the service's"
                    + " address alone, without a queue's path" + example);
        }
        URI endpoint = URI.create(scheme + "://" + uri.getRawAuthority());
        String region = environment.get("AWS_REGION");
        if (!present(region) || !region.matches("[a-z0-9-]{1,40}")) {
            Matcher m = AWS_HOST.matcher(uri.getHost().toLowerCase(Locale.ROOT));
            region = m.matches() ? m.group(1) : DEFAULT_REGION;
        }
        return new SqsTarget(endpoint, region, keys);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** The region the client signs for. */
    public String region() {
        return region;
    }

    /** Whether this is an ElasticMQ to start in-process. */
    public boolean embedded() {
        return endpoint == null;
    }

    /** Where the credentials come from, in words: the environment's keys, or a dummy pair (no secret in it). */
    public String credentials() {
        if (accessKeyId != null) {
            return "the access key id " + accessKeyId + " and the secret key given";
        }
        return fromEnvironment ? "the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment"
                : "dummy credentials (ElasticMQ accepts any; Amazon SQS needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)";
    }

    /** A client of the endpoint, or of {@code started} (an embedded ElasticMQ's URL) when this is {@code embedded}. */
    SqsClient client(URI started) {
        URI at = embedded() ? started : endpoint;
        AwsCredentialsProvider credentials = accessKeyId != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretKey))
                : fromEnvironment ? EnvironmentVariableCredentialsProvider.create()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create("pipewright", "pipewright"));
        return SqsClient.builder().endpointOverride(at).region(Region.of(region)).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(CALL_TIMEOUT))
                .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT))
                .build();
    }

    /** {@code Amazon SQS at URL} or {@code embedded ElasticMQ}: how messages name it. */
    @Override
    public String toString() {
        return embedded() ? "embedded ElasticMQ" : "Amazon SQS at " + endpoint;
    }

    /**
     * One sentence saying what went wrong while {@code doing} (e.g. "creating the queues") against
     * {@code at} (this target, or an embedded ElasticMQ's address), and what to do.
     */
    String describe(Throwable e, String doing, String at) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return at + " refused the connection while " + doing + ": is it running there?";
            }
            if (t instanceof UnknownHostException) {
                return at + ": the host is not known (" + doing + "); check the address";
            }
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException) {
                return at + " did not answer in time while " + doing + ": is it running and reachable?";
            }
        }
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String code = s.awsErrorDetails().errorCode() == null ? "" : s.awsErrorDetails().errorCode();
            String why = s.awsErrorDetails().errorMessage() == null ? code : s.awsErrorDetails().errorMessage();
            if (code.contains("InvalidClientTokenId") || code.contains("SignatureDoesNotMatch")
                    || code.contains("UnrecognizedClient") || code.contains("InvalidSecurity")) {
                return at + " refused the credentials while " + doing + " (" + shown(why) + "): " + "it used "
                        + credentials();
            }
            if (code.contains("AccessDenied")) {
                return at + " denied access while " + doing + " (" + shown(why) + "): the credentials lack the"
                        + " permission";
            }
            return at + " refused while " + doing + ": " + shown(why);
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return at + " could not be used while " + doing + ": " + shown(why);
    }

    private static String shown(String s) {
        String cut = s.length() > 200 ? s.substring(0, 197) + "..." : s;
        return TerminalText.escape(cut);
    }
}
