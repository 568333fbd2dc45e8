// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.layout;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Position;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Lays a flow out left to right in the Sugiyama style: nodes go into columns by their longest
 * path from a source, then each column is ordered by the barycentre of its neighbours to reduce
 * crossings. Cycles (retry loops) are broken by ignoring the edges that close them, found by a
 * depth-first search in flow order. The result depends only on the flow, never on hash order.
 */
public final class LayeredLayout {
    /** Distance between the left edges of neighbouring columns, in canvas units. */
    public static final double COLUMN_SPACING = 240;
    /** Distance between the top edges of neighbouring rows, in canvas units. */
    public static final double ROW_SPACING = 110;
    /** Where the top-left node lands. */
    public static final double MARGIN = 40;

    private static final int SWEEPS = 6;

    private LayeredLayout() {
    }

    /** A position for every node of the flow, keyed by node id in flow order. */
    public static Map<String, Position> layout(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        List<String> ids = flow.nodes().stream().map(Node::id).toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        List<List<Integer>> out = new ArrayList<>();
        List<List<Integer>> in = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            out.add(new ArrayList<>());
            in.add(new ArrayList<>());
        }
        Set<Long> seenPairs = new HashSet<>();
        for (Edge e : flow.edges()) {
            Integer from = index.get(e.from());
            Integer to = index.get(e.to());
            if (from == null || to == null || from.equals(to) || !seenPairs.add(((long) from << 32) | to)) {
                continue;
            }
            out.get(from).add(to);
        }
        Set<Long> backEdges = findBackEdges(out);
        for (int u = 0; u < out.size(); u++) {
            for (int v : out.get(u)) {
                if (!backEdges.contains(((long) u << 32) | v)) {
                    in.get(v).add(u);
                }
            }
        }
        List<List<Integer>> forwardOut = new ArrayList<>();
        for (int u = 0; u < out.size(); u++) {
            int from = u;
            forwardOut.add(out.get(u).stream().filter(v -> !backEdges.contains(((long) from << 32) | v)).toList());
        }
        int[] layer = longestPathLayers(forwardOut, in);
        List<List<Integer>> layers = orderLayers(layer, forwardOut, in);
        return positions(ids, layers);
    }

    /** Edges that close a cycle, found by an iterative depth-first search starting at the sources. */
    private static Set<Long> findBackEdges(List<List<Integer>> out) {
        int n = out.size();
        int[] indegree = new int[n];
        for (List<Integer> targets : out) {
            for (int v : targets) {
                indegree[v]++;
            }
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                starts.add(i);
            }
        }
        for (int i = 0; i < n; i++) {
            starts.add(i);
        }
        int[] state = new int[n]; // 0 = new, 1 = on the stack, 2 = done
        Set<Long> back = new HashSet<>();
        for (int start : starts) {
            if (state[start] != 0) {
                continue;
            }
            Deque<int[]> stack = new ArrayDeque<>(); // {node, next child index}
            stack.push(new int[] {start, 0});
            state[start] = 1;
            while (!stack.isEmpty()) {
                int[] top = stack.peek();
                List<Integer> children = out.get(top[0]);
                if (top[1] < children.size()) {
                    int child = children.get(top[1]++);
                    if (state[child] == 1) {
                        back.add(((long) top[0] << 32) | child);
                    } else if (state[child] == 0) {
                        state[child] = 1;
                        stack.push(new int[] {child, 0});
                    }
                } else {
                    state[top[0]] = 2;
                    stack.pop();
                }
            }
        }
        return back;
    }

    /** Each node's column: the length of the longest path to it from a node without inputs. */
    private static int[] longestPathLayers(List<List<Integer>> out, List<List<Integer>> in) {
        int n = out.size();
        int[] layer = new int[n];
        int[] remaining = new int[n];
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            remaining[i] = in.get(i).size();
            if (remaining[i] == 0) {
                ready.add(i);
            }
        }
        while (!ready.isEmpty()) {
            int u = ready.poll();
            for (int v : out.get(u)) {
                layer[v] = Math.max(layer[v], layer[u] + 1);
                if (--remaining[v] == 0) {
                    ready.add(v);
                }
            }
        }
        return layer;
    }

    /** Orders each column by barycentre sweeps, keeping the order with the fewest crossings. */
    private static List<List<Integer>> orderLayers(int[] layer, List<List<Integer>> out, List<List<Integer>> in) {
        int layerCount = 0;
        for (int l : layer) {
            layerCount = Math.max(layerCount, l + 1);
        }
        List<List<Integer>> layers = new ArrayList<>();
        for (int l = 0; l < layerCount; l++) {
            layers.add(new ArrayList<>());
        }
        for (int i = 0; i < layer.length; i++) {
            layers.get(layer[i]).add(i);
        }
        double[] rank = new double[layer.length];
        updateRanks(layers, rank);
        List<List<Integer>> best = copy(layers);
        int bestCrossings = crossings(layers, out, rank, layer);
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean down = sweep % 2 == 0;
            for (int step = 1; step < layerCount; step++) {
                int l = down ? step : layerCount - 1 - step;
                List<List<Integer>> neighbours = down ? in : out;
                sortByBarycentre(layers.get(l), neighbours, rank);
                updateRanks(layers, rank);
            }
            int c = crossings(layers, out, rank, layer);
            if (c < bestCrossings) {
                bestCrossings = c;
                best = copy(layers);
            }
        }
        return best;
    }

    private static void sortByBarycentre(List<Integer> nodes, List<List<Integer>> neighbours, double[] rank) {
        Map<Integer, Double> key = new HashMap<>();
        for (int v : nodes) {
            List<Integer> ns = neighbours.get(v);
            if (ns.isEmpty()) {
                key.put(v, rank[v]); // no neighbours: stay where it is
            } else {
                double sum = 0;
                for (int u : ns) {
                    sum += rank[u];
                }
                key.put(v, sum / ns.size());
            }
        }
        // Stable sort, ties keep their current order, so the result is deterministic.
        nodes.sort(Comparator.comparingDouble(key::get));
    }

    /** Rank = position within its column, centred so columns of different heights line up. */
    private static void updateRanks(List<List<Integer>> layers, double[] rank) {
        for (List<Integer> nodes : layers) {
            for (int i = 0; i < nodes.size(); i++) {
                rank[nodes.get(i)] = i - (nodes.size() - 1) / 2.0;
            }
        }
    }

    private static int crossings(List<List<Integer>> layers, List<List<Integer>> out, double[] rank, int[] layer) {
        updateRanks(layers, rank);
        List<double[]> segments = new ArrayList<>();
        for (int u = 0; u < out.size(); u++) {
            for (int v : out.get(u)) {
                segments.add(new double[] {layer[u], rank[u], layer[v], rank[v]});
            }
        }
        int count = 0;
        for (int i = 0; i < segments.size(); i++) {
            for (int j = i + 1; j < segments.size(); j++) {
                double[] a = segments.get(i);
                double[] b = segments.get(j);
                if (a[0] == b[0] && a[2] == b[2] && (a[1] - b[1]) * (a[3] - b[3]) < 0) {
                    count++;
                }
            }
        }
        return count;
    }

    private static List<List<Integer>> copy(List<List<Integer>> layers) {
        List<List<Integer>> copy = new ArrayList<>();
        for (List<Integer> l : layers) {
            copy.add(new ArrayList<>(l));
        }
        return copy;
    }

    private static Map<String, Position> positions(List<String> ids, List<List<Integer>> layers) {
        int tallest = 0;
        for (List<Integer> l : layers) {
            tallest = Math.max(tallest, l.size());
        }
        Map<String, Position> byIndex = new HashMap<>();
        for (int l = 0; l < layers.size(); l++) {
            List<Integer> nodes = layers.get(l);
            double offset = (tallest - nodes.size()) / 2.0 * ROW_SPACING;
            for (int i = 0; i < nodes.size(); i++) {
                double x = MARGIN + l * COLUMN_SPACING;
                double y = MARGIN + Math.round((offset + i * ROW_SPACING) / 10) * 10.0;
                byIndex.put(ids.get(nodes.get(i)), new Position(x, y));
            }
        }
        Map<String, Position> result = new LinkedHashMap<>();
        for (String id : ids) {
            result.put(id, byIndex.get(id));
        }
        return result;
    }
}
