// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.template;

import java.util.SplittableRandom;

/**
 * The random stream of one node for a run's seed: derived from the seed and the node id (not its
 * position), so adding a node elsewhere does not change another node's draws. The simulator's
 * entities draw from it, and a live source's payloads too, so that a source whose stream holds
 * only payload draws (constant arrivals, no priority mix, no duplicates) sends on a real broker
 * exactly the payloads it makes in the simulator for the same seed.
 */
public final class NodeRandom {
    private NodeRandom() {
    }

    /** A new stream for node {@code nodeId} in a run of seed {@code seed}. */
    public static SplittableRandom of(long seed, String nodeId) {
        long h = seed;
        for (int i = 0; i < nodeId.length(); i++) {
            h = h * 31 + nodeId.charAt(i);
        }
        return new SplittableRandom(mix(h ^ mix(seed)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
