// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The faults and what-ifs injected by hand in the present run: which consumer instances were
 * crashed (to pick the next one to crash or restore), consumers paused, instance counts and
 * source rates changed, endpoints taken down. Forgotten when the run starts over.
 */
public final class RunFaults {
    private final Map<String, Deque<Integer>> crashed = new HashMap<>();
    private final Map<String, Integer> instances = new HashMap<>();
    private final Set<String> paused = new HashSet<>();
    private final Set<String> down = new HashSet<>();
    private final Map<String, Double> rates = new HashMap<>();

    void clear() {
        crashed.clear();
        instances.clear();
        paused.clear();
        down.clear();
        rates.clear();
    }

    /** Instances the consumer runs now: as changed by hand, else as the flow says. */
    public int instances(String consumerId, Flow flow) {
        Integer n = instances.get(consumerId);
        if (n != null) {
            return n;
        }
        return flow.node(consumerId).filter(Consumer.class::isInstance).map(c -> ((Consumer) c).instances()).orElse(1);
    }

    /** The source's rate now: as changed by hand, else as the flow says. */
    public double rate(String sourceId, Flow flow) {
        Double r = rates.get(sourceId);
        if (r != null) {
            return r;
        }
        return flow.node(sourceId).filter(Source.class::isInstance).map(s -> ((Source) s).rate()).orElse(0.0);
    }

    public boolean isPaused(String consumerId) {
        return paused.contains(consumerId);
    }

    public boolean isDown(String endpointId) {
        return down.contains(endpointId);
    }

    /** Instances of the consumer crashed by hand and not restored. */
    public int crashedCount(String consumerId) {
        Deque<Integer> d = crashed.get(consumerId);
        return d == null ? 0 : d.size();
    }

    /** The lowest instance index below {@code instances} not crashed, or -1. */
    int nextToCrash(String consumerId, int instances) {
        Deque<Integer> d = crashed.getOrDefault(consumerId, new ArrayDeque<>());
        for (int i = 0; i < instances; i++) {
            if (!d.contains(i)) {
                return i;
            }
        }
        return -1;
    }

    void crashed(String consumerId, int index) {
        crashed.computeIfAbsent(consumerId, k -> new ArrayDeque<>()).push(index);
    }

    /** Takes the instance crashed last off the list and returns it, or -1. */
    int nextToRestore(String consumerId) {
        Deque<Integer> d = crashed.get(consumerId);
        return d == null || d.isEmpty() ? -1 : d.pop();
    }

    void setInstances(String consumerId, int n) {
        instances.put(consumerId, n);
        Deque<Integer> d = crashed.get(consumerId);
        if (d != null) {
            d.removeIf(i -> i >= n); // removed instances cannot be restored
        }
    }

    void setPaused(String consumerId, boolean p) {
        if (p) {
            paused.add(consumerId);
        } else {
            paused.remove(consumerId);
        }
    }

    void setDown(String endpointId, boolean d) {
        if (d) {
            down.add(endpointId);
        } else {
            down.remove(endpointId);
        }
    }

    void setRate(String sourceId, double rate) {
        rates.put(sourceId, rate);
    }
}
