// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IndexSetTest {
    @Test
    void findsTheSameNextMemberAsASortedSetUnderRandomChanges() {
        SplittableRandom random = new SplittableRandom(7);
        for (int bound : new int[] {5, 64, 1200, 10_000, 100_000}) {
            IndexSet set = new IndexSet();
            TreeSet<Integer> expected = new TreeSet<>();
            // Dense at first, then sparse: long runs of empty words exercise the summary.
            for (int step = 0; step < 20_000; step++) {
                int i = random.nextInt(bound);
                boolean member = random.nextInt(10) < (step < 10_000 ? 6 : 1);
                set.set(i, member);
                if (member) {
                    expected.add(i);
                } else {
                    expected.remove(i);
                }
                int from = random.nextInt(bound + 70);
                Integer next = expected.ceiling(from);
                assertThat(set.next(from)).as("next(%d) of %d", from, bound).isEqualTo(next == null ? -1 : next);
                int cyclicFrom = random.nextInt(bound);
                Integer cyclic = next(expected, cyclicFrom);
                assertThat(set.nextCyclic(cyclicFrom)).isEqualTo(cyclic == null ? -1 : cyclic);
                assertThat(set.isEmpty()).isEqualTo(expected.isEmpty());
            }
        }
    }

    @Test
    void anEmptySetHasNoMembersAnywhere() {
        IndexSet set = new IndexSet();
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.next(0)).isEqualTo(-1);
        assertThat(set.nextCyclic(3)).isEqualTo(-1);
        set.set(99_999, true);
        set.set(99_999, false);
        set.set(5_000_000, false); // removing what was never there needs no room
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.next(0)).isEqualTo(-1);
        set.set(4_095, true);
        set.set(4_096, true);
        assertThat(set.next(0)).isEqualTo(4_095);
        assertThat(set.next(4_096)).isEqualTo(4_096);
        assertThat(set.nextCyclic(4_097)).isEqualTo(4_095);
    }

    private static Integer next(TreeSet<Integer> set, int from) {
        Integer i = set.ceiling(from);
        return i != null || set.isEmpty() ? i : set.first();
    }
}
