package io.msgflow.internal.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.MessageAttribute;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.DeadLetterFilter;
import io.msgflow.transport.EntryFailure;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.RedriveOptions;
import io.msgflow.transport.RedriveResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The redrive loop against a scripted port: what is deleted, handed back and reported. */
class DeadLetterOperationsTest {
    private final ScriptedPort port = new ScriptedPort();
    private final DeadLetterOperations operations = new DeadLetterOperations(port, rate -> new Pacer(rate, () -> 0L, nanos -> { }));

    @Test
    void aMessageTheSourceRefusesIsReportedHandedBackAndNotDeleted() {
        port.queue.add(held("m1", "a"));
        port.queue.add(held("m2", "a"));
        port.refuse.add("m2");

        RedriveResult result = operations.redrive(RedriveOptions.all());

        assertThat(result.movedIds()).containsExactly("m1");
        assertThat(result.failures()).extracting(EntryFailure::code).containsExactly("KmsThrottled");
        assertThat(port.deleted).containsExactly("m1");
        assertThat(port.handedBack).containsExactly("m2");
    }

    @Test
    void messagesTheFilterLeavesAreHandedBackAtTheEndAndTheRunStopsWhenTheQueueWrapsAround() {
        port.queue.add(held("m1", "a"));
        port.queue.add(held("m2", "b"));
        port.redeliver = true;

        RedriveResult result = operations.redrive(RedriveOptions.builder().filter(DeadLetterFilter.all().types("b")).build());

        assertThat(result.movedIds()).containsExactly("m2");
        assertThat(result.left()).isEqualTo(1);
        assertThat(port.handedBack).containsExactly("m1");
        assertThat(port.sentBodies).containsExactly("body of m2");
        assertThat(port.sentAttributes).allSatisfy(a -> assertThat(a).containsOnlyKeys("msgflow_id", "message_type"));
    }

    private static HeldMessage held(String id, String type) {
        Map<String, MessageAttribute> attributes = Map.of("msgflow_id", MessageAttribute.string(id), "message_type",
                MessageAttribute.string(type), DeadLetterMetadata.REASON, MessageAttribute.string("failed"),
                DeadLetterMetadata.ATTEMPTS, MessageAttribute.number(5));
        ReceivedMessage delivery = new ReceivedMessage("q-dlq", id, "sqs-" + id, "handle-" + id, 1, Instant.EPOCH, Optional.of(type),
                "body of " + id, attributes, Optional.empty(), Optional.empty(), Optional.empty());
        return new HeldMessage(delivery, "body of " + id, attributes);
    }

    /** A dead-letter queue as a list; redelivers what it handed out once it is empty when asked to. */
    private static final class ScriptedPort implements DeadLetterPort {
        final Deque<HeldMessage> queue = new ArrayDeque<>();
        final List<HeldMessage> handedOut = new ArrayList<>();
        final List<String> refuse = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        final List<String> handedBack = new ArrayList<>();
        final List<String> sentBodies = new ArrayList<>();
        final List<Map<String, MessageAttribute>> sentAttributes = new ArrayList<>();
        boolean redeliver;

        @Override
        public String sourceQueue() {
            return "q";
        }

        @Override
        public List<HeldMessage> receive(int max, Duration hold) {
            if (queue.isEmpty() && redeliver) {
                redeliver = false;
                return handedOut.stream().filter(h -> !deleted.contains(h.delivery().id())).toList();
            }
            List<HeldMessage> batch = new ArrayList<>();
            while (!queue.isEmpty() && batch.size() < max) {
                batch.add(queue.poll());
            }
            handedOut.addAll(batch);
            return batch;
        }

        @Override
        public OperationResult sendToSource(List<HeldMessage> messages) {
            List<ReceivedMessage> sent = new ArrayList<>();
            List<EntryFailure> failed = new ArrayList<>();
            for (HeldMessage m : messages) {
                if (refuse.contains(m.delivery().id())) {
                    failed.add(new EntryFailure(m.delivery(), "KmsThrottled", "refused"));
                } else {
                    sent.add(m.delivery());
                    sentBodies.add(m.sqsBody());
                    sentAttributes.add(m.redriveAttributes());
                }
            }
            return new OperationResult(sent, failed);
        }

        @Override
        public MessageSource deadLetters() {
            return new MessageSource() {
                @Override
                public String queue() {
                    return "q-dlq";
                }

                @Override
                public List<ReceivedMessage> receive(int maxMessages, Duration wait) {
                    throw new UnsupportedOperationException("the port receives");
                }

                @Override
                public OperationResult acknowledge(Collection<ReceivedMessage> messages) {
                    messages.forEach(m -> deleted.add(m.id()));
                    return new OperationResult(List.copyOf(messages), List.of());
                }

                @Override
                public OperationResult changeVisibility(Collection<ReceivedMessage> messages, Duration timeout) {
                    assertThat(timeout).isZero();
                    messages.forEach(m -> handedBack.add(m.id()));
                    return new OperationResult(List.copyOf(messages), List.of());
                }

                @Override
                public OperationResult deadLetter(Collection<DeadLetter> deadLetters) {
                    throw new UnsupportedOperationException("not a redrive call");
                }
            };
        }
    }
}
