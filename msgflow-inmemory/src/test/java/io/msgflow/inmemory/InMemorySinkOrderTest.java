package io.msgflow.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.Message;
import io.msgflow.sink.SinkRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySinkOrderTest {

    @Test
    void rowsFollowTheBatchOrderWithinABatchAndTheWriteOrderAcrossBatches() {
        InMemorySink sink = new InMemorySink();
        List<SinkRecord> first = records(40);
        List<SinkRecord> second = records(40);

        sink.write(first);
        sink.write(second);

        List<String> expected = new ArrayList<>(ids(first));
        expected.addAll(ids(second));
        assertThat(ids(sink.rows("order_placed"))).containsExactlyElementsOf(expected);
    }

    private static List<SinkRecord> records(int count) {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(SinkRecord.of(Message.of("order_placed", "{\"n\":" + i + "}")));
        }
        return records;
    }

    private static List<String> ids(List<SinkRecord> records) {
        return records.stream().map(SinkRecord::messageId).toList();
    }
}
