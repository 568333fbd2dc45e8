// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.Imported;
import dev.pipewright.model.io.FlowFileException;
import dev.pipewright.model.io.LocatedDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a definitions file as {@code rabbitmqctl export_definitions} or {@code GET /api/definitions}
 * writes it: checks its shape and types, splits it by virtual host and has {@link VhostFlow} make
 * each one a flow. What a flow has no place for (users, permissions, parameters) is named in one
 * finding; shovels and federation get a warning each.
 */
final class DefinitionsReader {
    static final String WHAT = "a RabbitMQ definitions file";
    /** The longest name RabbitMQ takes for a virtual host, exchange or queue (AMQP's short string). */
    static final int MAX_NAME_BYTES = 255;

    /** Keys the reader uses, or knows to be no part of a flow. */
    private static final Set<String> ENTITY_KEYS = Set.of("exchanges", "queues", "bindings", "policies", "vhosts");
    private static final Set<String> VERSION_KEYS = Set.of("rabbit_version", "rabbitmq_version", "product_name",
            "product_version");
    private static final Map<String, String> NOT_READ = notRead();

    private final String source;
    private final List<Finding> common = new ArrayList<>();
    private final Map<String, Declared.Vhost> vhosts = new LinkedHashMap<>();
    private String onlyListedVhost;

    private DefinitionsReader(String source) {
        this.source = source;
    }

    private static Map<String, String> notRead() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("users", "users");
        m.put("permissions", "permissions");
        m.put("topic_permissions", "topic permissions");
        m.put("global_parameters", "global parameters");
        m.put("operator_policies", "operator policies");
        return m;
    }

    static List<Imported> read(String text, String sourceName) throws FlowFileException {
        String source = sourceName == null ? "<text>" : sourceName;
        if (text != null && (text.length() > RabbitDefinitions.MAX_BYTES
                || utf8Length(text) > RabbitDefinitions.MAX_BYTES)) {
            throw new FlowFileException(source, "the file is too large to be " + WHAT + " (over "
                    + RabbitDefinitions.MAX_BYTES / (1024 * 1024) + " MiB); export one virtual host at a time", null);
        }
        LocatedDocument doc = LocatedDocument.parse(text, source, WHAT);
        try {
            return new DefinitionsReader(source).read(doc.root());
        } catch (Refused e) {
            throw doc.problem(e.pointer(), e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            // The contract is one documented error type, whatever the input: anything else is our bug.
            throw new FlowFileException(source, "this file could not be read because of an unexpected problem in"
                    + " Pipewright; please report it together with the file", e);
        }
    }

    private static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    private List<Imported> read(JsonNode root) {
        if (!root.isObject()) {
            throw new Refused("", "this is not RabbitMQ definitions: it is " + Json.kind(root)
                    + ", and definitions are one object with 'exchanges', 'queues' and 'bindings'");
        }
        ObjectNode o = (ObjectNode) root;
        if (o.has("format") && o.has("nodes")) {
            throw new Refused("", "this is a Pipewright flow file, not RabbitMQ definitions; open it as a flow,"
                    + " or turn it into definitions with 'pipewright export --to rabbitmq'");
        }
        boolean looksLikeDefinitions = false;
        for (String key : o.properties().stream().map(Map.Entry::getKey).toList()) {
            looksLikeDefinitions |= ENTITY_KEYS.contains(key) || VERSION_KEYS.contains(key);
        }
        if (!looksLikeDefinitions) {
            throw new Refused("", "this is not RabbitMQ definitions: it has none of 'rabbit_version', 'vhosts',"
                    + " 'exchanges', 'queues' or 'bindings'; export them with 'rabbitmqctl export_definitions FILE'");
        }
        readVhosts(o);
        List<String> notRead = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            String key = e.getKey();
            if (NOT_READ.containsKey(key)) {
                if (!Json.array(o, key).isEmpty()) {
                    notRead.add(NOT_READ.get(key));
                }
            } else if (!ENTITY_KEYS.contains(key) && !VERSION_KEYS.contains(key) && !key.equals("parameters")) {
                unknown.add(key);
            }
        }
        readExchanges(o);
        readQueues(o);
        readBindings(o);
        readPolicies(o);
        readParameters(o, notRead);
        if (!notRead.isEmpty()) {
            common.add(new Finding(Severity.INFO, null, null, "the file's " + joined(notRead)
                    + " are not part of a flow and were not read", "keep the definitions file for them"));
        }
        if (!unknown.isEmpty()) {
            common.add(new Finding(Severity.WARNING, null, null, "the file's "
                    + joined(unknown.stream().limit(10).map(k -> "'" + Json.named(k) + "'").toList())
                    + (unknown.size() > 10 ? " and " + (unknown.size() - 10) + " more" : "")
                    + " are not RabbitMQ 3.x definitions and were not read", null));
        }
        if (vhosts.isEmpty()) {
            vhosts.put("/", new Declared.Vhost("/"));
        }
        List<Imported> result = new ArrayList<>();
        for (Declared.Vhost v : vhosts.values()) {
            result.add(VhostFlow.build(v, source, common));
        }
        return result;
    }

    static String joined(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.getLast();
    }

    private void readVhosts(ObjectNode o) {
        ArrayNode list = Json.array(o, "vhosts");
        List<String> limited = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ObjectNode v = Json.entry(list, "vhosts", i);
            String p = "/vhosts/" + i;
            String name = name(v, p, "name", "each virtual host");
            if (vhosts.containsKey(name)) {
                common.add(new Finding(Severity.WARNING, null, null, "virtual host '" + Json.named(name)
                        + "' is listed twice; the second entry was not read", null));
                continue;
            }
            Declared.Vhost vhost = new Declared.Vhost(name);
            ObjectNode metadata = Json.object(v, p, "metadata", "virtual host '" + Json.named(name) + "'");
            String of = "virtual host '" + Json.named(name) + "'";
            vhost.description = Json.text(metadata, p + "/metadata", "description", of,
                    Json.text(v, p, "description", of, ""));
            vhost.defaultQueueType = Json.text(metadata, p + "/metadata", "default_queue_type", of,
                    Json.text(v, p, "default_queue_type", of, null));
            JsonNode limits = v.get("limits");
            if (limits != null && (limits.isObject() || limits.isArray()) && !limits.isEmpty()) {
                limited.add(name);
            }
            vhosts.put(name, vhost);
        }
        onlyListedVhost = vhosts.size() == 1 ? vhosts.keySet().iterator().next() : null;
        if (!limited.isEmpty()) {
            common.add(new Finding(Severity.INFO, null, null, "the limits of virtual host "
                    + joined(limited.stream().limit(10).map(n -> "'" + Json.named(n) + "'").toList())
                    + " (most connections or queues) are not part of a flow and were not read", null));
        }
    }

    /** The virtual host an entity belongs to; one that is not listed is added, so nothing is lost. */
    private Declared.Vhost vhostOf(ObjectNode entity, String pointer, String of) {
        String fallback = onlyListedVhost != null ? onlyListedVhost : "/";
        String name = Json.text(entity, pointer, "vhost", of, fallback);
        checkName(name, Json.at(pointer, "vhost"), "the virtual host name");
        return vhosts.computeIfAbsent(name, Declared.Vhost::new);
    }

    private static String name(ObjectNode o, String pointer, String key, String of) {
        String name = Json.requiredText(o, pointer, key, of);
        checkName(name, Json.at(pointer, key), "the name");
        return name;
    }

    private static void checkName(String name, String pointer, String what) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new Refused(pointer, what + " '" + Json.named(name) + "' is " + bytes
                    + " bytes long; RabbitMQ takes at most " + MAX_NAME_BYTES);
        }
    }

    private void readExchanges(ObjectNode o) {
        ArrayNode list = Json.array(o, "exchanges");
        for (int i = 0; i < list.size(); i++) {
            ObjectNode e = Json.entry(list, "exchanges", i);
            String p = "/exchanges/" + i;
            String name = name(e, p, "name", "each exchange");
            String of = "exchange '" + Json.named(name) + "'";
            Declared.Vhost v = vhostOf(e, p, of);
            v.exchanges.add(new Declared.Exchange(p, name, Json.requiredText(e, p, "type", of),
                    Json.bool(e, p, "durable", of, true), Json.bool(e, p, "auto_delete", of, false),
                    Json.bool(e, p, "internal", of, false), Json.object(e, p, "arguments", of)));
        }
    }

    private void readQueues(ObjectNode o) {
        ArrayNode list = Json.array(o, "queues");
        for (int i = 0; i < list.size(); i++) {
            ObjectNode q = Json.entry(list, "queues", i);
            String p = "/queues/" + i;
            String name = name(q, p, "name", "each queue");
            String of = "queue '" + Json.named(name) + "'";
            Declared.Vhost v = vhostOf(q, p, of);
            v.queues.add(new Declared.Queue(p, name, Json.text(q, p, "type", of, null),
                    Json.bool(q, p, "durable", of, true), Json.bool(q, p, "auto_delete", of, false),
                    Json.bool(q, p, "exclusive", of, false), Json.object(q, p, "arguments", of)));
        }
    }

    private void readBindings(ObjectNode o) {
        ArrayNode list = Json.array(o, "bindings");
        for (int i = 0; i < list.size(); i++) {
            ObjectNode b = Json.entry(list, "bindings", i);
            String p = "/bindings/" + i;
            String of = "binding " + (i + 1);
            String src = Json.requiredText(b, p, "source", of);
            checkName(src, Json.at(p, "source"), "the source");
            String dest = name(b, p, "destination", of);
            String type = Json.text(b, p, "destination_type", of, "queue");
            if (!type.equals("queue") && !type.equals("exchange")) {
                throw new Refused(Json.at(p, "destination_type"), "'destination_type' of " + of
                        + " must be \"queue\" or \"exchange\", not " + Json.shown(b.get("destination_type")));
            }
            String key = Json.text(b, p, "routing_key", of, "");
            int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
            if (keyBytes > MAX_NAME_BYTES) {
                throw new Refused(Json.at(p, "routing_key"), "the routing key of " + of + " is " + keyBytes
                        + " bytes long; RabbitMQ takes at most " + MAX_NAME_BYTES);
            }
            Declared.Vhost v = vhostOf(b, p, of);
            v.bindings.add(new Declared.Binding(p, src, dest, type.equals("exchange"), key,
                    Json.object(b, p, "arguments", of)));
        }
    }

    private void readPolicies(ObjectNode o) {
        ArrayNode list = Json.array(o, "policies");
        for (int i = 0; i < list.size(); i++) {
            ObjectNode pol = Json.entry(list, "policies", i);
            String p = "/policies/" + i;
            String name = name(pol, p, "name", "each policy");
            String of = "policy '" + Json.named(name) + "'";
            Declared.Vhost v = vhostOf(pol, p, of);
            String pattern = Json.requiredText(pol, p, "pattern", of);
            String applyTo = Json.text(pol, p, "apply-to", of, "all");
            JsonNode priority = pol.get("priority");
            long prio = priority == null || priority.isNull() ? 0 : priorityOf(priority, Json.at(p, "priority"), of);
            if (!pol.has("definition")) {
                throw new Refused(p, of + " has no 'definition'; every policy needs one");
            }
            v.policies.add(new Declared.Policy(p, name, pattern, applyTo, Json.object(pol, p, "definition", of), prio));
        }
    }

    private static long priorityOf(JsonNode v, String pointer, String of) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new Refused(pointer, "'priority' of " + of + " must be a whole number, not " + Json.kind(v));
        }
        return v.longValue();
    }

    private void readParameters(ObjectNode o, List<String> notRead) {
        ArrayNode list = Json.array(o, "parameters");
        boolean others = false;
        for (int i = 0; i < list.size(); i++) {
            ObjectNode par = Json.entry(list, "parameters", i);
            String p = "/parameters/" + i;
            String of = "parameter " + (i + 1);
            String component = Json.requiredText(par, p, "component", of);
            String name = Json.requiredText(par, p, "name", of);
            Declared.Vhost v = vhostOf(par, p, of);
            if (component.equals("shovel") || component.startsWith("federation")) {
                v.parameters.add(new Declared.Parameter(p, component, name));
            } else {
                others = true;
            }
        }
        if (others) {
            notRead.add("runtime parameters (other than shovels and federation)");
        }
    }
}
