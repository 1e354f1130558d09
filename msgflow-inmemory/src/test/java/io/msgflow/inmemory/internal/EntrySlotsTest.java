package io.msgflow.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntrySlotsTest {

    private static QueueEntry entry(long sequence) {
        return new QueueEntry(StoredMessage.of("{}", Map.of(), null, Instant.EPOCH), sequence, 0, 1000, 0);
    }

    @Test
    void freedSlotsAreReusedAndOldHandlesNoLongerNameTheNewMessage() {
        EntrySlots slots = new EntrySlots();
        QueueEntry first = entry(1);
        slots.add(first);
        first.receiveCount = 1;
        String handle = ReceiptHandles.of(first);
        slots.remove(first);
        QueueEntry second = entry(2);
        slots.add(second);

        assertThat(second.slot).isEqualTo(ReceiptHandles.slot(handle));
        assertThat(slots.get(ReceiptHandles.slot(handle))).isSameAs(second);
        assertThat(ReceiptHandles.names(handle, second)).isFalse();
        assertThat(ReceiptHandles.names(handle, first)).isTrue();
        assertThat(ReceiptHandles.receiveCount(handle)).isEqualTo(1);
    }

    @Test
    void listsWhatItHoldsInArrivalOrderAndShrinksWhenEmpty() {
        EntrySlots slots = new EntrySlots();
        List<QueueEntry> all = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            QueueEntry e = entry(i);
            all.add(e);
            slots.add(e);
        }
        for (int i = 0; i < 3000; i += 2) {
            slots.remove(all.get(i));
        }
        slots.add(entry(5000));

        List<QueueEntry> inOrder = slots.inArrivalOrder();
        assertThat(inOrder).hasSize(1501);
        assertThat(inOrder.get(0).sequence).isEqualTo(1);
        assertThat(inOrder.get(1500).sequence).isEqualTo(5000);

        slots.inArrivalOrder().forEach(slots::remove);
        assertThat(slots.size()).isZero();
        QueueEntry fresh = entry(6000);
        slots.add(fresh);
        assertThat(fresh.slot).as("slots start over once the queue is empty").isZero();
    }

    @Test
    void foreignOrMalformedHandlesNameNoSlot() {
        assertThat(ReceiptHandles.slot("AQEB-not-ours")).isEqualTo(-1);
        assertThat(ReceiptHandles.slot("x:1:1")).isEqualTo(-1);
        assertThat(new EntrySlots().get(ReceiptHandles.slot("7:1:1"))).isNull();
    }
}
