package io.msgflow.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.WireFormat;
import io.msgflow.codec.MessageCodec;
import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MessageProcessorTest {
    record Notification(String text) {
    }

    record CriticalAlert(String text) {
    }

    /** A sink that records batches; unit-test fake for this one class. */
    static final class RecordingSink implements Sink {
        final List<List<SinkRecord>> batches = new ArrayList<>();
        final Map<String, SinkRecord> rows = new LinkedHashMap<>();
        RuntimeException failNext;
        String refuseId;

        @Override
        public WriteResult write(List<SinkRecord> records) {
            batches.add(records);
            if (failNext != null) {
                RuntimeException e = failNext;
                failNext = null;
                throw e;
            }
            Set<String> written = new java.util.HashSet<>();
            Set<String> dups = new java.util.HashSet<>();
            Map<String, String> rejected = new HashMap<>();
            for (SinkRecord r : records) {
                if (r.messageId().equals(refuseId)) {
                    rejected.put(r.messageId(), "check constraint violated");
                } else if (rows.putIfAbsent(r.messageId(), r) == null) {
                    written.add(r.messageId());
                } else {
                    dups.add(r.messageId());
                }
            }
            return new WriteResult(written, dups, rejected);
        }
    }

    private final MessageCodec codec = MessageCodec.builder().register(Notification.class).register(CriticalAlert.class).build();
    private final RecordingSink sink = new RecordingSink();
    private int sequence;

    private ReceivedMessage delivery(Message m, int receiveCount, String group) {
        Map<String, MessageAttribute> wire = WireFormat.defaults().wireAttributes(m);
        return new ReceivedMessage("q", m.id(), "sqs-" + (++sequence), "rh-" + sequence, receiveCount, Instant.EPOCH,
                Optional.of(m.type()), m.body(), wire, Optional.ofNullable(group), Optional.empty());
    }

    private ReceivedMessage delivery(Object payload) {
        return delivery(codec.encode(payload), 1, null);
    }

    private MessageProcessor.Builder processor() {
        return MessageProcessor.builder(codec).sink(sink)
                .on(Notification.class, MessageHandler.store())
                .on(CriticalAlert.class, MessageHandler.store());
    }

    @Test
    void writesTheWholeBatchInOneSinkCallAndAcksEveryMessage() {
        List<ReceivedMessage> batch = List.of(delivery(new Notification("a")), delivery(new CriticalAlert("b")), delivery(new Notification("c")));
        BatchResult result = processor().build().process(batch);
        assertThat(sink.batches).hasSize(1);
        assertThat(sink.batches.get(0)).extracting(SinkRecord::type).containsExactly("notification", "critical_alert", "notification");
        assertThat(result.acked()).containsExactlyElementsOf(batch);
        assertThat(result.retried()).isEmpty();
        assertThat(result.deadLettered()).isEmpty();
    }

    @Test
    void oneFailingHandlerDoesNotFailItsNeighbours() {
        MessageProcessor p = MessageProcessor.builder(codec).sink(sink)
                .on(Notification.class, (n, ctx) -> {
                    if (n.text().equals("boom")) {
                        throw new IllegalStateException("downstream timeout");
                    }
                    return n;
                }).build();
        ReceivedMessage ok1 = delivery(new Notification("a"));
        ReceivedMessage bad = delivery(new Notification("boom"));
        ReceivedMessage ok2 = delivery(new Notification("c"));
        BatchResult result = p.process(List.of(ok1, bad, ok2));
        assertThat(result.acked()).containsExactly(ok1, ok2);
        assertThat(result.retried()).singleElement().satisfies(r -> {
            assertThat(r.message()).isEqualTo(bad);
            assertThat(r.reason()).isEqualTo("IllegalStateException: downstream timeout");
            assertThat(r.delay()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        });
        assertThat(sink.rows).hasSize(2);
        assertThat(result.stayingOnQueueTransportIds()).containsExactly(bad.transportMessageId());
    }

    @Test
    void deadLettersUndecodableBodiesAndUnknownTypesAtOnceWithTheReason() {
        ReceivedMessage notJson = delivery(Message.of("notification", "{not json"), 1, null);
        ReceivedMessage unknown = delivery(Message.of("invoice", "{}"), 1, null);
        BatchResult result = processor().build().process(List.of(notJson, unknown));
        assertThat(result.deadLettered()).extracting(MessageOutcome::message).containsExactly(notJson, unknown);
        assertThat(result.deadLettered().get(0).reason()).contains("not valid JSON for type 'notification'");
        assertThat(result.deadLettered().get(1).reason()).contains("unknown message type 'invoice'");
        assertThat(sink.batches).isEmpty();
    }

    @Test
    void deadLettersADeliveryWithAProblem() {
        ReceivedMessage noType = new ReceivedMessage("q", "id-1", "sqs-1", "rh", 1, Instant.EPOCH, Optional.empty(), "{}",
                Map.of(), Optional.empty(), Optional.of("no 'message_type' attribute"));
        BatchResult result = processor().build().process(List.of(noType));
        assertThat(result.deadLettered()).singleElement().extracting(MessageOutcome::reason).isEqualTo("no 'message_type' attribute");
    }

    @Test
    void aPermanentFailureIsDeadLetteredAtOnce() {
        MessageProcessor p = MessageProcessor.builder(codec)
                .on(Notification.class, (n, ctx) -> {
                    throw new PermanentFailureException("account closed");
                }).build();
        BatchResult result = p.process(List.of(delivery(new Notification("a"))));
        assertThat(result.deadLettered()).singleElement().extracting(MessageOutcome::reason).isEqualTo("account closed");
    }

    @Test
    void aTransientFailureIsDeadLetteredWithItsReasonOnceAttemptsAreUsedUp() {
        MessageProcessor p = MessageProcessor.builder(codec)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
                .on(Notification.class, (n, ctx) -> {
                    throw new IllegalStateException("still down");
                }).build();
        Message m = codec.encode(new Notification("a"));
        assertThat(p.process(List.of(delivery(m, 2, null))).retried()).hasSize(1);
        BatchResult last = p.process(List.of(delivery(m, 3, null)));
        assertThat(last.deadLettered()).singleElement().extracting(MessageOutcome::reason)
                .isEqualTo("failed on all 3 attempts; last failure: IllegalStateException: still down");
    }

    @Test
    void aFailedSinkWriteRetriesEveryMessageItCarriedAndAcksNone() {
        sink.failNext = new SinkException("connection lost", List.of(), null);
        AtomicInteger sideEffects = new AtomicInteger();
        MessageProcessor p = processor().fallback((payload, ctx) -> {
            sideEffects.incrementAndGet();
            return null;
        }).build();
        ReceivedMessage a = delivery(new Notification("a"));
        ReceivedMessage b = delivery(new CriticalAlert("b"));
        ReceivedMessage other = delivery(Message.of("audit", "{}"), 1, null);
        BatchResult result = p.process(List.of(a, b, other));
        assertThat(result.retried()).extracting(MessageOutcome::message).containsExactly(a, b);
        assertThat(result.retried()).allSatisfy(r -> assertThat(r.reason()).contains("connection lost"));
        assertThat(result.acked()).containsExactly(other);
        assertThat(sideEffects).hasValue(1);
    }

    @Test
    void aRecordTheSinkRefusesIsDeadLetteredAndTheRestCommitted() {
        ReceivedMessage good = delivery(new Notification("a"));
        ReceivedMessage refused = delivery(new Notification("b"));
        sink.refuseId = refused.id();
        BatchResult result = processor().build().process(List.of(good, refused));
        assertThat(result.acked()).containsExactly(good);
        assertThat(result.deadLettered()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo(refused);
            assertThat(d.reason()).isEqualTo("sink refused the record: check constraint violated");
        });
    }

    @Test
    void aRedeliveredMessageIsAckedAndWrittenOnce() {
        Message m = codec.encode(new Notification("a"));
        MessageProcessor p = processor().build();
        p.process(List.of(delivery(m, 1, null)));
        BatchResult again = p.process(List.of(delivery(m, 2, null)));
        assertThat(again.acked()).hasSize(1);
        assertThat(sink.rows).hasSize(1);
    }

    @Test
    void fifoStopsAGroupAtItsFirstFailureAndReleasesTheRest() {
        List<String> handled = new ArrayList<>();
        MessageProcessor p = MessageProcessor.builder(codec)
                .on(Notification.class, (n, ctx) -> {
                    handled.add(n.text());
                    if (n.text().equals("g1-2")) {
                        throw new IllegalStateException("fail");
                    }
                    return null;
                }).build();
        ReceivedMessage g1a = delivery(codec.encode(new Notification("g1-1")), 1, "g1");
        ReceivedMessage g1b = delivery(codec.encode(new Notification("g1-2")), 1, "g1");
        ReceivedMessage g2a = delivery(codec.encode(new Notification("g2-1")), 1, "g2");
        ReceivedMessage g1c = delivery(codec.encode(new Notification("g1-3")), 1, "g1");
        BatchResult result = p.process(List.of(g1a, g1b, g2a, g1c));
        assertThat(handled).containsExactly("g1-1", "g1-2", "g2-1");
        assertThat(result.acked()).containsExactly(g1a, g2a);
        assertThat(result.retried()).extracting(MessageOutcome::message).containsExactly(g1b);
        assertThat(result.of(MessageOutcome.Kind.HANDED_BACK)).singleElement().satisfies(o -> {
            assertThat(o.message()).isEqualTo(g1c);
            assertThat(o.delay()).isZero();
            assertThat(o.reason()).contains("earlier message of group 'g1' failed");
        });
    }

    @Test
    void aHandlerMayWriteAnotherObjectToTheSink() {
        record Summary(String text, int length) {
        }
        MessageProcessor p = MessageProcessor.builder(codec).sink(sink)
                .on(Notification.class, (n, ctx) -> new Summary(n.text(), n.text().length())).build();
        p.process(List.of(delivery(new Notification("hello"))));
        assertThat(sink.rows.values()).singleElement().extracting(SinkRecord::body).isEqualTo("{\"text\":\"hello\",\"length\":5}");
    }

    @Test
    void tellsTheListenerAboutEveryOutcome() {
        List<String> events = new ArrayList<>();
        MessageProcessor p = MessageProcessor.builder(codec)
                .listener(new ProcessingListener() {
                    @Override
                    public void received(ReceivedMessage m) {
                        events.add("received");
                    }

                    @Override
                    public void processed(ReceivedMessage m, Duration latency) {
                        events.add("processed");
                    }

                    @Override
                    public void failed(ReceivedMessage m, Throwable cause, Duration delay) {
                        events.add("failed:" + cause.getMessage());
                    }

                    @Override
                    public void deadLettered(ReceivedMessage m, String reason) {
                        events.add("dead");
                    }
                })
                .on(Notification.class, (n, ctx) -> {
                    if (n.text().equals("x")) {
                        throw new IllegalStateException("x");
                    }
                    return null;
                }).build();
        p.process(List.of(delivery(new Notification("a")), delivery(new Notification("x")), delivery(Message.of("zzz", "{}"), 1, null)));
        // deadLettered is reported once the move succeeded, by settlement, not by process()
        assertThat(events).containsExactly("received", "received", "received", "processed", "failed:x");
    }

    @Test
    void retryDelaysGrowExponentiallyUpToTheCap() {
        RetryPolicy policy = RetryPolicy.builder().initialDelay(Duration.ofSeconds(2)).maxDelay(Duration.ofSeconds(10))
                .jitter(RetryPolicy.Jitter.NONE).build();
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(10));
        RetryPolicy jittered = RetryPolicy.builder().jitter(RetryPolicy.Jitter.FULL).build();
        for (int i = 0; i < 100; i++) {
            assertThat(jittered.delayAfter(3)).isBetween(Duration.ZERO, Duration.ofSeconds(4));
        }
    }

    @Test
    void aDeliveryWithAnAttributeNameSnsRefusesFailsAloneWithAReason() {
        Message m = codec.encode(new Notification("a"));
        Map<String, MessageAttribute> wire = new HashMap<>(WireFormat.defaults().wireAttributes(m));
        wire.put("AWS.forbidden", MessageAttribute.string("x"));
        ReceivedMessage bad = new ReceivedMessage("q", m.id(), "sqs-bad", "rh-bad", 1, Instant.EPOCH, Optional.of(m.type()), m.body(),
                wire, Optional.empty(), Optional.empty());
        ReceivedMessage good = delivery(new Notification("b"));
        BatchResult result = processor().build().process(List.of(bad, good));
        assertThat(result.acked()).containsExactly(good);
        assertThat(result.deadLettered()).singleElement().satisfies(o -> {
            assertThat(o.message()).isEqualTo(bad);
            assertThat(o.reason()).contains("not a valid message").contains("AWS.forbidden");
        });
    }

    @Test
    void onAQueueWithoutDeadLetterQueueAPermanentFailureIsRetainedNotDeadLettered() {
        MessageProcessor p = MessageProcessor.builder(codec).sink(sink).on(CriticalAlert.class, (a, ctx) -> {
            throw new PermanentFailureException("no");
        }).build();
        BatchResult result = p.process(List.of(delivery(new CriticalAlert("x"))), Optional.of(io.msgflow.topology.QueueSpec.named("q")));
        assertThat(result.deadLettered()).isEmpty();
        assertThat(result.of(MessageOutcome.Kind.RETAINED)).singleElement().satisfies(o -> {
            assertThat(o.decided()).isEqualTo(MessageOutcome.Kind.DEAD_LETTERED);
            assertThat(o.reason()).isEqualTo("no");
            assertThat(o.delay()).isPositive();
        });
    }

    @Test
    void theQueuesMaxReceiveCountBoundsTheAttempts() {
        MessageProcessor p = MessageProcessor.builder(codec).sink(sink).on(CriticalAlert.class, (a, ctx) -> {
            throw new IllegalStateException("down");
        }).build();
        io.msgflow.topology.QueueSpec queue = io.msgflow.topology.QueueSpec.builder("q").deadLetterQueue("q-dlq", 2).build();
        assertThat(p.retryPolicy().maxAttempts()).isEqualTo(5);
        BatchResult second = p.process(List.of(delivery(codec.encode(new CriticalAlert("x")), 2, null)), Optional.of(queue));
        assertThat(second.deadLettered()).singleElement().extracting(MessageOutcome::reason)
                .isEqualTo("failed on all 2 attempts the queue allows (maxReceiveCount 2); last failure: IllegalStateException: down");
    }

    @Test
    void jitterIsDrawnPerMessage() {
        MessageProcessor p = MessageProcessor.builder(codec).sink(sink).on(CriticalAlert.class, (a, ctx) -> {
            throw new IllegalStateException("down");
        }).retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofSeconds(60)).maxDelay(Duration.ofSeconds(60)).build()).build();
        List<ReceivedMessage> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(delivery(new CriticalAlert("x" + i)));
        }
        BatchResult result = p.process(batch);
        assertThat(result.retried().stream().map(MessageOutcome::delay).distinct().count()).isGreaterThan(1);
    }
}
