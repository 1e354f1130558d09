package io.msgflow.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerHeapTest {

    private static QueueEntry entry(long sequence, long due) {
        QueueEntry e = new QueueEntry(StoredMessage.of("{}", Map.of(), null, Instant.EPOCH), sequence, 0, Long.MAX_VALUE / 2, 0);
        e.due = due;
        return e;
    }

    @Test
    void pollsInDeadlineOrderWithArrivalBreakingTies() {
        TimerHeap heap = new TimerHeap();
        heap.add(entry(1, 50));
        heap.add(entry(2, 10));
        heap.add(entry(3, 50));
        heap.add(entry(4, 10));

        List<Long> order = new ArrayList<>();
        QueueEntry e;
        while ((e = heap.poll()) != null) {
            order.add(e.sequence);
        }

        assertThat(order).containsExactly(2L, 4L, 1L, 3L);
        assertThat(heap.nextDue()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void randomAddsAndRemovalsKeepTheOrderOfWhatIsLeft() {
        Random random = new Random(42);
        TimerHeap heap = new TimerHeap();
        List<QueueEntry> live = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            if (live.isEmpty() || random.nextInt(3) > 0) {
                QueueEntry e = entry(i, random.nextInt(1000));
                heap.add(e);
                live.add(e);
            } else {
                QueueEntry gone = live.remove(random.nextInt(live.size()));
                heap.remove(gone);
                assertThat(gone.heapIndex).isEqualTo(-1);
            }
        }
        live.sort(Comparator.comparingLong((QueueEntry x) -> x.due).thenComparingLong(x -> x.sequence));

        assertThat(heap.size()).isEqualTo(live.size());
        List<QueueEntry> polled = new ArrayList<>();
        QueueEntry e;
        while ((e = heap.poll()) != null) {
            polled.add(e);
        }
        assertThat(polled).containsExactlyElementsOf(live);
    }

    @Test
    void removingSomethingNotInTheHeapChangesNothing() {
        TimerHeap heap = new TimerHeap();
        QueueEntry in = entry(1, 5);
        heap.add(in);

        heap.remove(entry(2, 1));

        assertThat(heap.size()).isEqualTo(1);
        assertThat(heap.peek()).isSameAs(in);
    }
}
