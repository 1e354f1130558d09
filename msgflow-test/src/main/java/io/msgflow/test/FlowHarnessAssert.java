package io.msgflow.test;

import io.msgflow.inmemory.QueueStats;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.assertj.core.description.Description;

/**
 * Assertions on the recorded traffic of a {@link FlowHarness}, in the words of the domain. The
 * list-returning ones hand over to AssertJ's list assertions; every failure message ends with
 * the traffic timeline.
 *
 * <pre>{@code
 * assertThat(harness).consumed(OrderPlaced.class).containsExactly(order);
 * assertThat(harness).deadLettered(OrderPlaced.class).singleElement()
 *         .satisfies(d -> assertThat(d.attempts()).isEqualTo(3));
 * assertThat(harness).hasNoDeadLetters().isIdle();
 * }</pre>
 */
public final class FlowHarnessAssert extends AbstractAssert<FlowHarnessAssert, FlowHarness> {

    FlowHarnessAssert(FlowHarness actual) {
        super(actual, FlowHarnessAssert.class);
        isNotNull();
    }

    /** The payloads of {@code type} that were published, in order. */
    public <T> ListAssert<T> published(Class<T> type) {
        return list("published " + type.getSimpleName(), actual.published(type));
    }

    /** The payloads of {@code type} that were handled, committed and acknowledged, in order. */
    public <T> ListAssert<T> consumed(Class<T> type) {
        return list("consumed " + type.getSimpleName(), actual.consumed(type));
    }

    /** The messages of {@code type} the processor dead-lettered, with reasons and attempts. */
    public <T> ListAssert<DeadLetteredMessage<T>> deadLettered(Class<T> type) {
        return list("dead-lettered " + type.getSimpleName(), actual.deadLettered(type));
    }

    /** The payloads of {@code type} the sink wrote, in order. */
    public <T> ListAssert<T> stored(Class<T> type) {
        return list("stored " + type.getSimpleName(), actual.stored(type));
    }

    /** Nothing was dead-lettered, by the processor or by a queue's redrive. */
    public FlowHarnessAssert hasNoDeadLetters() {
        if (!actual.deadLettered().isEmpty() || !actual.redriven().isEmpty()) {
            failWithTimeline("Expected no dead-lettered message, but " + actual.deadLettered().size() + " were dead-lettered and "
                    + actual.redriven().size() + " redriven");
        }
        return this;
    }

    /** No delivery was retried. */
    public FlowHarnessAssert hasNoRetries() {
        if (!actual.retried().isEmpty()) {
            failWithTimeline("Expected no retry, but there were " + actual.retried().size());
        }
        return this;
    }

    /** No message of the processed queues is left: everything was acknowledged or dead-lettered. */
    public FlowHarnessAssert isIdle() {
        for (String queue : processedQueues()) {
            QueueStats stats = actual.transport().stats(queue);
            if (stats.total() > 0) {
                failWithTimeline("Expected queue '" + queue + "' to be empty, but it holds " + stats);
            }
        }
        return this;
    }

    /** Exactly {@code depth} messages of {@code queue} are receivable now. */
    public FlowHarnessAssert hasQueueDepth(String queue, int depth) {
        int actualDepth = actual.transport().queueDepth(queue);
        if (actualDepth != depth) {
            failWithTimeline("Expected queue '" + queue + "' to have " + depth + " receivable message(s), but it has " + actualDepth
                    + " (" + actual.transport().stats(queue) + ")");
        }
        return this;
    }

    private List<String> processedQueues() {
        return actual.processedQueues();
    }

    private <E> ListAssert<E> list(String what, List<E> values) {
        return Assertions.assertThat(values).as(new TimelineDescription(what, actual));
    }

    private void failWithTimeline(String message) {
        failWithMessage("%s%n%s", message, actual.timeline());
    }

    /** "{what}" followed by the timeline, computed only when an assertion fails. */
    private static final class TimelineDescription extends Description {
        private final String what;
        private final FlowHarness harness;

        TimelineDescription(String what, FlowHarness harness) {
            this.what = what;
            this.harness = harness;
        }

        @Override
        public String value() {
            return what + "\n" + harness.timeline() + "\n";
        }
    }
}
