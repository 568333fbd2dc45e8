// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds cycles of wires that a message could go round forever. A cycle is fine when one of its
 * nodes limits or delays the rounds: a queue with a delivery limit, a queue with a message TTL
 * that nothing reads (every message waits out the TTL before it dead-letters on: RabbitMQ's retry
 * pattern), a dead-letter queue with a retry limit or a retry delay, a delay processor, or a
 * message store with a maximum of attempts.
 */
final class Cycles {
    private Cycles() {
    }

    static List<Finding> unlimitedCycles(Flow flow, List<Edge> edges) {
        Map<String, List<String>> next = new LinkedHashMap<>();
        flow.nodes().forEach(n -> next.put(n.id(), new ArrayList<>()));
        Set<String> read = new HashSet<>();
        for (Edge e : edges) {
            next.get(e.from()).add(e.to());
            if (e.fromPort() == Port.OUT) {
                read.add(e.from());
            }
        }
        List<Finding> out = new ArrayList<>();
        Map<String, Node> nodes = flow.nodesById();
        Map<String, Integer> order = new HashMap<>();
        flow.nodes().forEach(n -> order.put(n.id(), order.size()));
        for (Set<String> component : stronglyConnected(next)) {
            if (component.size() < 2 || component.stream().map(nodes::get).anyMatch(n -> brakes(n) || waitsOutTtl(n, read))) {
                continue;
            }
            // The component's node that comes first in the flow, found without scanning the flow for each component.
            String start = component.stream().min(Comparator.comparing(order::get)).orElseThrow();
            List<String> loop = pathBack(start, next, component);
            List<String> names = loop.stream().map(id -> nodes.get(id).name()).toList();
            String cycle = names.size() <= 12 ? String.join(" -> ", names)
                    : String.join(" -> ", names.subList(0, 10)) + " -> ... (" + (names.size() - 11) + " more) -> "
                            + names.getLast();
            out.add(Finding.error(start, null, "messages can go round the cycle " + cycle
                    + " forever: nothing in it delays them or limits their rounds",
                    "set a delivery limit on a queue in the cycle, add a delay processor to it, or remove a wire"));
        }
        return out;
    }

    /** A queue with a TTL and no reader: each message leaves it only by expiring, so each round waits the TTL. */
    private static boolean waitsOutTtl(Node n, Set<String> read) {
        return n instanceof QueueSettings q && !(n instanceof DeadLetterQueue) && q.messageTtl() != null
                && !read.contains(n.id());
    }

    /** True for a node that limits or delays the messages going round a cycle through it. */
    static boolean brakes(Node n) {
        return switch (n) {
            // A retry delay makes each round wait, as a delay processor does.
            case DeadLetterQueue d -> d.deliveryLimit() != null || d.retryAfter() != null;
            case QueueSettings q -> q.deliveryLimit() != null;
            case Processor p -> p.variant() == Processor.Variant.DELAY;
            case MessageStore m -> m.maxAttempts() != null;
            // No default: a new kind must say here whether it brakes a cycle.
            case Source s -> false;
            case Topic t -> false;
            case Consumer c -> false;
            case Endpoint e -> false;
        };
    }

    /** The shortest walk from {@code start} back to itself inside the component, start repeated at the end. */
    private static List<String> pathBack(String start, Map<String, List<String>> next, Set<String> component) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (String to : next.get(at)) {
                if (!component.contains(to)) {
                    continue;
                }
                if (to.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String step = at; !step.equals(start); step = cameFrom.get(step)) {
                        path.add(step);
                    }
                    path.add(start);
                    Collections.reverse(path);
                    return path;
                }
                if (!cameFrom.containsKey(to)) {
                    cameFrom.put(to, at);
                    queue.add(to);
                }
            }
        }
        return List.of(start);
    }

    /** Tarjan's strongly connected components, iterative so a long chain cannot overflow the stack. */
    private static List<Set<String>> stronglyConnected(Map<String, List<String>> next) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> result = new ArrayList<>();
        int counter = 0;
        for (String root : next.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Map.Entry<String, Integer>> work = new ArrayDeque<>();
            work.push(Map.entry(root, 0));
            index.put(root, counter);
            low.put(root, counter++);
            stack.push(root);
            onStack.add(root);
            while (!work.isEmpty()) {
                Map.Entry<String, Integer> frame = work.pop();
                String v = frame.getKey();
                int i = frame.getValue();
                List<String> succ = next.get(v);
                if (i < succ.size()) {
                    work.push(Map.entry(v, i + 1));
                    String w = succ.get(i);
                    if (!index.containsKey(w)) {
                        index.put(w, counter);
                        low.put(w, counter++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(Map.entry(w, 0));
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                if (low.get(v).equals(index.get(v))) {
                    Set<String> component = new HashSet<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(v));
                    result.add(component);
                }
                if (!work.isEmpty()) {
                    String parent = work.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
            }
        }
        return result;
    }
}
