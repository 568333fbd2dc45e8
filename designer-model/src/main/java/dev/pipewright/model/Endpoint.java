// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.time.Duration;
import java.util.List;

/**
 * An external system the flow delivers to. While it is down it refuses messages; a secondary
 * wired to its {@link Port#FAILOVER} port takes them instead.
 *
 * @param concurrency messages it handles at once
 * @param processingTime time it takes to handle one message
 * @param downWindows periods, from the start of the run, when it is down
 */
public record Endpoint(String id, String name, Position position, int concurrency, Distribution processingTime,
                       List<DownWindow> downWindows) implements Node {

    /**
     * A period when an endpoint is down.
     *
     * @param from start, from the start of the run
     * @param until end, from the start of the run
     */
    public record DownWindow(Duration from, Duration until) {
        public DownWindow {
            Checks.nonNegative("downWindows.from", Checks.required("downWindows.from", from));
            Checks.notTooLong("downWindows.until", Checks.required("downWindows.until", until));
            if (until.compareTo(from) <= 0) {
                throw new InvalidPropertyException("downWindows", "a down window must end after it starts ("
                        + Durations.format(from) + " to " + Durations.format(until) + ")");
            }
        }

        public boolean covers(Duration t) {
            return t.compareTo(from) >= 0 && t.compareTo(until) < 0;
        }
    }

    public Endpoint {
        id = Checks.id(id);
        name = Checks.name(name, id);
        position = position == null ? Position.ORIGIN : position;
        Checks.between("concurrency", concurrency, 1, Limits.MAX_CONCURRENCY);
        processingTime = processingTime == null ? Distribution.constant(Duration.ZERO) : processingTime;
        downWindows = Checks.list("downWindows", downWindows);
    }

    public static Endpoint of(String id, String name, Position position) {
        return new Endpoint(id, name, position, 10, Distribution.constant(Duration.ofMillis(10)), List.of());
    }
}
