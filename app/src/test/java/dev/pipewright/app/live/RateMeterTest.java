// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.pipewright.engine.api.Conservation;
import dev.pipewright.engine.api.EdgeStats;
import dev.pipewright.engine.api.Latency;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.NodeKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateMeterTest {
    static NodeStats queue(String id, long in, long out, long ready) {
        return new NodeStats(id, NodeKind.QUEUE, in, out, ready, 0, 0, 0, 0, 0, 0, Latency.NONE, Latency.NONE,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, true, 0, 0, 0, List.of());
    }

    static Snapshot snapshot(double time, long events, long in, long crossed) {
        return new Snapshot(time, events, 1, Map.of("q", queue("q", in, in, 0)),
                Map.of("e", new EdgeStats("e", crossed, 0, crossed, 0, 0, 0)),
                new Conservation(0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void rateIsTheCountGainedOverTheVirtualTimeThatPassed() {
        RateMeter m = new RateMeter();
        m.accept(snapshot(0, 0, 0, 0));
        m.accept(snapshot(1, 100, 80, 40));
        assertThat(m.nodeInRate("q")).isCloseTo(80, offset(1e-9));
        assertThat(m.edgeRate("e")).isCloseTo(40, offset(1e-9));
    }

    @Test
    void droppedFramesAndRepeatedSnapshotsChangeNothing() {
        RateMeter every = new RateMeter();
        RateMeter someDropped = new RateMeter();
        for (int i = 0; i <= 20; i++) {
            Snapshot s = snapshot(i * 0.1, i * 10L, i * 8L, i * 4L);
            every.accept(s);
            every.accept(s); // the same snapshot seen in two frames
            if (i % 3 == 0 || i == 20) {
                someDropped.accept(s);
            }
        }
        assertThat(every.nodeInRate("q")).isCloseTo(80, offset(1e-9));
        assertThat(someDropped.nodeInRate("q")).isCloseTo(80, offset(1e-9));
    }

    @Test
    void aResetStartsAfresh() {
        RateMeter m = new RateMeter();
        m.accept(snapshot(0, 0, 0, 0));
        m.accept(snapshot(5, 100, 500, 0));
        m.accept(snapshot(0, 0, 0, 0));
        assertThat(m.nodeInRate("q")).isNaN();
    }

    @Test
    void unknownNodesHaveNoRate() {
        assertThat(new RateMeter().nodeOutRate("nope")).isNaN();
    }
}
