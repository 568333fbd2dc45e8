// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Reads a running RabbitMQ's definitions through its management HTTP API
 * ({@code GET /api/definitions}). The JDK's own HTTP client does it: one authenticated GET needs
 * no library, and {@code com.rabbitmq:http-client} would bring Spring's web client with it.
 */
public final class RabbitManagement {
    /** The largest answer read: as large as a definitions file may be. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private RabbitManagement() {
    }

    /**
     * The broker's definitions JSON, all virtual hosts.
     *
     * @param url the management API's address, e.g. {@code http://127.0.0.1:15672}
     * @throws BrokerAccessException when the broker is not there, refuses the login or answers something else
     */
    public static String definitions(URI url, String user, String password) throws BrokerAccessException {
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || url.getHost() == null) {
            throw new BrokerAccessException("'" + url + "' is not a management API address; give one such as"
                    + " http://127.0.0.1:15672");
        }
        URI api = url.resolve(url.getPath().endsWith("/") ? "api/definitions" : url.getPath() + "/api/definitions");
        HttpRequest request = HttpRequest.newBuilder(api)
                .timeout(TIMEOUT)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json")
                .GET()
                .build();
        // HTTP/1.1: the management plugin's server speaks no HTTP/2, and an upgrade attempt only costs a round trip.
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT).build()) {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status == 401) {
                    throw new BrokerAccessException("RabbitMQ at " + url + " refused the login of user '" + user
                            + "'; check the user name and password");
                }
                if (status == 403) {
                    throw new BrokerAccessException("RabbitMQ at " + url + " does not let user '" + user
                            + "' read definitions; it needs the administrator tag");
                }
                if (status == 404) {
                    throw new BrokerAccessException(url + " has no RabbitMQ management API; enable it with"
                            + " 'rabbitmq-plugins enable rabbitmq_management'");
                }
                if (status != 200) {
                    throw new BrokerAccessException("RabbitMQ at " + url + " answered HTTP " + status
                            + " when asked for its definitions");
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new BrokerAccessException("RabbitMQ at " + url + " sent definitions over "
                            + MAX_BYTES / (1024 * 1024) + " MiB; export them with rabbitmqctl and import the file");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (ConnectException e) {
            throw new BrokerAccessException("nothing answers at " + url + "; is RabbitMQ running there with its"
                    + " management plugin enabled?", e);
        } catch (HttpTimeoutException e) {
            throw new BrokerAccessException(url + " did not answer within " + TIMEOUT.toSeconds() + " seconds", e);
        } catch (IOException e) {
            throw new BrokerAccessException(url + " could not be read (" + (e.getMessage() == null
                    ? "input/output error" : e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerAccessException("reading " + url + " was interrupted", e);
        }
    }
}
