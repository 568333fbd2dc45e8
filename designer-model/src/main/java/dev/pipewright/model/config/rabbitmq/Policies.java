// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * A virtual host's policies and which one applies to each queue and exchange: as RabbitMQ does,
 * the matching policy of the highest priority, and only that one (ties go to the one listed
 * first). Patterns come from a stranger's file, so they are matched with RE2/J, in time linear in
 * the name, never by backtracking; a pattern RE2 cannot run (back-references, look-around) or
 * too large to compile is warned about and not applied.
 */
final class Policies {
    /** Policies applied per virtual host; more would make matching every queue against each slow. */
    static final int MAX_POLICIES = 100;
    /** Characters of one pattern; RabbitMQ's own patterns are a few dozen. */
    static final int MAX_PATTERN_LENGTH = 1_000;
    /** Bound on a pattern's length times its counted repetitions, so {@code (a{1000}){1000}} is not compiled. */
    private static final long MAX_EXPANDED = 20_000;
    private static final java.util.regex.Pattern COUNTED = java.util.regex.Pattern.compile("\\{(\\d{1,9})(?:,(\\d{0,9}))?}");

    /** The definition keys the flow holds for a queue. */
    static final Set<String> QUEUE_KEYS = Set.of("max-length", "overflow", "message-ttl", "dead-letter-exchange",
            "dead-letter-routing-key", "delivery-limit");

    private record Compiled(Declared.Policy policy, Pattern pattern) {
    }

    private final List<Compiled> compiled = new ArrayList<>();
    private final Map<Declared.Policy, List<String>> appliedTo = new LinkedHashMap<>();

    Policies(List<Declared.Policy> policies, String vhost, Findings findings) {
        List<Declared.Policy> sorted = new ArrayList<>(policies);
        // Stable: equal priorities keep the file's order.
        sorted.sort(Comparator.comparingLong(Declared.Policy::priority).reversed());
        if (sorted.size() > MAX_POLICIES) {
            List<Declared.Policy> rest = sorted.subList(MAX_POLICIES, sorted.size());
            findings.warn(null, "virtual host '" + Json.named(vhost) + "' has " + sorted.size() + " policies; the "
                    + rest.size() + " of the lowest priority (from '" + Json.named(rest.getFirst().name())
                    + "') were not applied", "export the policies' settings as queue arguments, or import fewer");
            sorted = sorted.subList(0, MAX_POLICIES);
        }
        for (Declared.Policy p : sorted) {
            String problem = tooComplex(p.pattern());
            Pattern pattern = null;
            if (problem == null) {
                try {
                    pattern = Pattern.compile(p.pattern());
                } catch (PatternSyntaxException e) {
                    problem = "RE2 cannot run it (" + Json.named(e.getDescription()) + ")";
                } catch (RuntimeException | OutOfMemoryError e) {
                    problem = "it is too large to match";
                }
            }
            if (pattern == null) {
                findings.warn(null, "policy '" + Json.named(p.name()) + "' was not applied: its pattern "
                        + Json.quoted(p.pattern()) + " "
                        + problem, "write it without back-references or look-around, or set its values as queue"
                        + " arguments");
                continue;
            }
            compiled.add(new Compiled(p, pattern));
            appliedTo.put(p, new ArrayList<>());
        }
    }

    /** Why a pattern is not compiled, or null: too long, or counted repetitions that multiply out too large. */
    private static String tooComplex(String pattern) {
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            return "is " + pattern.length() + " characters long (at most " + MAX_PATTERN_LENGTH + " are matched)";
        }
        long expanded = Math.max(1, pattern.length());
        Matcher m = COUNTED.matcher(pattern);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            if (m.group(2) != null && !m.group(2).isEmpty()) {
                n = Math.max(n, Long.parseLong(m.group(2)));
            }
            // At most 20,000 times a 10-digit count: no overflow.
            expanded *= Math.max(1, n);
            if (expanded > MAX_EXPANDED) {
                return "repeats too much to be matched quickly";
            }
        }
        return null;
    }

    /** The policy that applies to queue {@code name} of type {@code type} ("classic", "quorum", "stream"), or null. */
    Declared.Policy forQueue(String name, String type) {
        for (Compiled c : compiled) {
            String to = c.policy().applyTo();
            boolean applies = switch (to) {
                case "all", "queues" -> true;
                case "classic_queues" -> type.equals("classic");
                case "quorum_queues" -> type.equals("quorum");
                case "streams" -> type.equals("stream");
                default -> false;
            };
            if (applies && c.pattern().matcher(name).find()) {
                appliedTo.get(c.policy()).add(name);
                return c.policy();
            }
        }
        return null;
    }

    /** The policy that applies to exchange {@code name}, or null. */
    Declared.Policy forExchange(String name) {
        for (Compiled c : compiled) {
            String to = c.policy().applyTo();
            if ((to.equals("all") || to.equals("exchanges")) && c.pattern().matcher(name).find()) {
                appliedTo.get(c.policy()).add(name);
                return c.policy();
            }
        }
        return null;
    }

    /**
     * One finding per policy: which queues and exchanges it was applied to (the flow holds its
     * values as their settings), the definition keys the flow has no place for, or that it matched nothing.
     */
    void report(Findings findings) {
        for (Map.Entry<Declared.Policy, List<String>> e : appliedTo.entrySet()) {
            Declared.Policy p = e.getKey();
            List<String> names = e.getValue();
            String policy = "policy '" + Json.named(p.name()) + "'";
            if (names.isEmpty()) {
                findings.info(null, policy + " applies to no queue or exchange here and was not read", null);
                continue;
            }
            List<String> leftOut = new ArrayList<>();
            p.definition().properties().forEach(d -> {
                if (!QUEUE_KEYS.contains(d.getKey()) || p.applyTo().equals("exchanges")) {
                    leftOut.add("'" + Json.named(d.getKey()) + "'");
                }
            });
            String shown = DefinitionsReader.joined(names.stream().limit(5).map(n -> "'" + Json.named(n) + "'")
                    .toList()) + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
            findings.info(null, policy + " was applied to " + shown + ": its values are now their own settings",
                    "exporting the flow writes them as queue arguments, not as a policy");
            if (!leftOut.isEmpty()) {
                findings.warn(null, policy + " sets " + DefinitionsReader.joined(leftOut.stream().limit(10).toList())
                        + (leftOut.size() > 10 ? " and " + (leftOut.size() - 10) + " more" : "")
                        + ", which a flow has no setting for; left out",
                        "keep the policy on the broker for them");
            }
        }
    }
}
