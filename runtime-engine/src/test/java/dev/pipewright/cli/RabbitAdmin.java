// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The local RabbitMQ's management HTTP API (http://127.0.0.1:15672, guest/guest) for tests: scratch
 * virtual hosts, definitions imports, and what the broker reports about a queue. Where no broker
 * answers, a test is skipped with a message, unless PIPEWRIGHT_REQUIRE_BROKERS=1, where it fails
 * (as LocalRabbitMq does for AMQP).
 */
public final class RabbitAdmin {
    static final String HOST = "127.0.0.1";
    static final int AMQP_PORT = 5672;
    static final URI API = URI.create("http://" + HOST + ":15672/api/");
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> scratch = new ArrayList<>();
    private final List<String> users = new ArrayList<>();

    private RabbitAdmin() {
    }

    /** The management API, or a skipped (or, on CI, failed) test when it does not answer. */
    public static RabbitAdmin connectOrSkip() {
        RabbitAdmin admin = new RabbitAdmin();
        try {
            admin.send("GET", "overview", null, 200);
        } catch (IOException | RuntimeException e) {
            String why = "no RabbitMQ management API at " + API + " (" + e.getMessage()
                    + "); start RabbitMQ with the rabbitmq_management plugin";
            if ("1".equals(System.getenv("PIPEWRIGHT_REQUIRE_BROKERS"))) {
                fail(why + "; PIPEWRIGHT_REQUIRE_BROKERS=1 makes this a failure");
            }
            assumeTrue(false, why + "; skipped");
        }
        return admin;
    }

    /** A new, empty virtual host that guest may use; {@link #deleteScratch} removes it. */
    public String scratchVhost() throws IOException {
        String name = "pw-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        send("PUT", "vhosts/" + segment(name), "{}", 201, 204);
        scratch.add(name);
        send("PUT", "permissions/" + segment(name) + "/guest", "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}",
                201, 204);
        return name;
    }

    /**
     * A new user with {@code password} and the permissions given (regular expressions, "" for none)
     * on {@code vhost}, or none there when {@code configure} is null; {@link #deleteScratch} removes it.
     */
    public String scratchUser(String password, String vhost, String configure, String write, String read)
            throws IOException {
        String name = "pw-user-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        send("PUT", "users/" + segment(name), MAPPER.createObjectNode().put("password", password).put("tags", "")
                .toString(), 201, 204);
        users.add(name);
        if (configure != null) {
            send("PUT", "permissions/" + segment(vhost) + "/" + segment(name), MAPPER.createObjectNode()
                    .put("configure", configure).put("write", write).put("read", read).toString(), 201, 204);
        }
        return name;
    }

    /** Deletes every scratch virtual host made here, with all it holds, and every scratch user. */
    public void deleteScratch() throws IOException {
        for (String v : scratch) {
            send("DELETE", "vhosts/" + segment(v), null, 204, 404);
        }
        scratch.clear();
        for (String u : users) {
            send("DELETE", "users/" + segment(u), null, 204, 404);
        }
        users.clear();
    }

    /** Imports definitions as {@code rabbitmqctl import_definitions} does; fails with the broker's reason if refused. */
    void importDefinitions(String json) throws IOException {
        send("POST", "definitions", json, 201, 204);
    }

    /** The definitions of one virtual host as the broker exports them (queues, exchanges, bindings, policies). */
    JsonNode definitions(String vhost) throws IOException {
        return MAPPER.readTree(send("GET", "definitions/" + segment(vhost), null, 200));
    }

    /** The queue as the broker reports it (name, durable, arguments, ...). */
    JsonNode queue(String vhost, String name) throws IOException {
        return MAPPER.readTree(send("GET", "queues/" + segment(vhost) + "/" + segment(name), null, 200));
    }

    /** The names of the queues in {@code vhost}. */
    List<String> queues(String vhost) throws IOException {
        List<String> names = new ArrayList<>();
        MAPPER.readTree(send("GET", "queues/" + segment(vhost), null, 200)).forEach(q -> names.add(q.path("name").asText()));
        return names;
    }

    /** The names of the exchanges in {@code vhost}, the built-in ones too. */
    List<String> exchanges(String vhost) throws IOException {
        List<String> names = new ArrayList<>();
        MAPPER.readTree(send("GET", "exchanges/" + segment(vhost), null, 200))
                .forEach(q -> names.add(q.path("name").asText()));
        return names;
    }

    /** The exchange as the broker reports it. */
    JsonNode exchange(String vhost, String name) throws IOException {
        return MAPPER.readTree(send("GET", "exchanges/" + segment(vhost) + "/" + segment(name), null, 200));
    }

    /** An AMQP connection to {@code vhost} as guest. */
    static Connection amqp(String vhost) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(HOST);
        f.setPort(AMQP_PORT);
        f.setVirtualHost(vhost);
        f.setConnectionTimeout(5_000);
        return f.newConnection("pipewright-export-tests");
    }

    private String send(String method, String path, String body, int... ok) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(API.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", AUTH)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        for (int code : ok) {
            if (response.statusCode() == code) {
                return response.body();
            }
        }
        throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }

    /** One path segment, every byte but the unreserved ones percent-encoded ("/" is %2F, as the API wants). */
    public static String segment(String name) {
        StringBuilder sb = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                    || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return sb.toString();
    }
}
