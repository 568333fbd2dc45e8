// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.Distribution;
import java.util.SplittableRandom;

/** Draws durations in seconds from a model {@link Distribution}, with the parameters precomputed. */
final class DurationSampler {
    private final Distribution.Shape shape;
    private final double a;
    private final double b;

    public DurationSampler(Distribution d) {
        shape = d.shape();
        a = d.mean().toNanos() / 1e9;
        b = d.spread().toNanos() / 1e9;
    }

    public double sample(SplittableRandom rng) {
        return switch (shape) {
            case CONSTANT -> a;
            case EXPONENTIAL -> a == 0 ? 0 : -a * Math.log(1 - rng.nextDouble());
            case UNIFORM -> a + (b - a) * rng.nextDouble();
            case NORMAL -> Math.max(0, a + b * rng.nextGaussian());
        };
    }

    public double mean() {
        return shape == Distribution.Shape.UNIFORM ? (a + b) / 2 : a;
    }
}
