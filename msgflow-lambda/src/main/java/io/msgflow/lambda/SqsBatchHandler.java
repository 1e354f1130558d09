package io.msgflow.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.msgflow.MsgflowException;
import io.msgflow.internal.Check;
import io.msgflow.lambda.internal.LambdaSettlement;
import io.msgflow.lambda.internal.QueueAccess;
import io.msgflow.lambda.internal.SqsEventRecords;
import io.msgflow.processing.BatchResult;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.topology.QueueSpec;
import io.msgflow.transport.ReceivedMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler of an SQS event source mapping with {@code FunctionResponseTypes: [ReportBatchItemFailures]}:
 * turns the event's records into deliveries (unwrapping SNS envelopes), runs them through a
 * {@link MessageProcessor} and answers with the ids of the messages to retry. Subclasses supply the
 * processor of each queue; {@link StoreMessagesHandler} is the ready one that stores every message.
 *
 * <pre>{@code
 * public final class AlertsFunction extends SqsBatchHandler {
 *     public AlertsFunction() {
 *         this(LambdaEnvironment.shared());
 *     }
 *
 *     AlertsFunction(LambdaEnvironment environment) {
 *         super(environment, queue -> MessageProcessor.builder(CODEC)
 *                 .on(CriticalAlert.class, new PageOnCall())
 *                 .sink(environment.sink())
 *                 .retryPolicy(environment.retryPolicy(queue))
 *                 .build());
 *     }
 * }
 * }</pre>
 *
 * <p><b>Outcomes:</b> every record gets its own. A message the processor acknowledges (its output
 * committed to the sink) is not reported, so Lambda deletes it. A transient failure is reported in
 * {@code batchItemFailures}; with {@link RetryVisibility#BACKOFF} its visibility is first set to the
 * retry policy's delay. A permanent failure (undecodable body, missing or unknown type, an envelope
 * whose message is not JSON, {@code PermanentFailureException}, attempts used up) is moved at once to
 * the queue's dead-letter queue with the reason as attribute {@code msgflow_dead_letter_reason} and
 * deleted; if that move fails (a copy over 256 KiB, an SQS error) the record is reported instead, so
 * it stays on the queue: nothing is lost. On a queue without a dead-letter queue such a message is
 * retained (reported, its visibility set to the retry policy's backoff ceiling, logged at ERROR),
 * never claimed dead-lettered. Every outcome comes from the one settlement engine
 * ({@link io.msgflow.spi.SettlementEngine}) the consumer and the drain use too. A failure of the whole invocation
 * (the processor or the sink throwing an error) makes Lambda return every record to the queue; the
 * sink, idempotent on message id, absorbs the redelivery of those already written.
 *
 * <p><b>FIFO queues</b> follow the AWS Lambda documentation ("Handling errors for an SQS event
 * source in Lambda"): "If you're using this feature with a FIFO queue, your function should stop
 * processing messages after the first failure and return all failed and unprocessed messages in
 * batchItemFailures." With {@link FifoFailureMode#STOP_AT_FIRST_FAILURE} (the default) the batch
 * runs in order, group run by group run, and at the first message that is not acknowledged
 * processing stops: it (unless dead-lettered) and every later record, of any group, is reported
 * without running. {@link FifoFailureMode#RELEASE_FAILED_GROUP} stops only the failed message's
 * group. A dead-lettered message counts as a failure here, as it does for the processor.
 *
 * <p><b>Threading:</b> Lambda runs one invocation at a time per container; the handler is
 * thread-safe anyway. Processors are built once per queue and container.
 */
public abstract class SqsBatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatchHandler.class);

    private final LambdaEnvironment environment;
    private final Function<QueueSpec, MessageProcessor> processorFactory;
    private final ConcurrentMap<String, LambdaSettlement> settlements = new ConcurrentHashMap<>();

    /**
     * @param processorFactory the processor of a queue, given its declaration as SQS reports it
     *                         (see {@link LambdaEnvironment#retryPolicy(QueueSpec)}); called once per queue
     */
    protected SqsBatchHandler(LambdaEnvironment environment, Function<QueueSpec, MessageProcessor> processorFactory) {
        this.environment = Check.notNull("environment", environment);
        this.processorFactory = Check.notNull("processorFactory", processorFactory);
    }

    /** A handler with one processor for every queue. */
    protected SqsBatchHandler(LambdaEnvironment environment, MessageProcessor processor) {
        this(environment, queue -> processor);
        Check.notNull("processor", processor);
    }

    protected final LambdaEnvironment environment() {
        return environment;
    }

    @Override
    public final SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        Set<String> failures = new LinkedHashSet<>();
        Map<String, List<SQSEvent.SQSMessage>> byQueue = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage record : records) {
            try {
                byQueue.computeIfAbsent(SqsEventRecords.queueOf(record), q -> new ArrayList<>()).add(record);
            } catch (MsgflowException e) {
                failures.add(unreadable(record, e));
            }
        }
        byQueue.forEach((queue, queueRecords) -> failures.addAll(handleQueue(queue, queueRecords)));
        return response(records, failures);
    }

    private Set<String> handleQueue(String queueName, List<SQSEvent.SQSMessage> records) {
        QueueAccess queue = environment.queue(queueName, Optional.empty());
        Set<String> unreadable = new LinkedHashSet<>();
        List<ReceivedMessage> batch = new ArrayList<>(records.size());
        for (SQSEvent.SQSMessage record : records) {
            try {
                batch.add(SqsEventRecords.toReceived(record, queueName, environment.config().wireFormat()));
            } catch (RuntimeException e) {
                unreadable.add(unreadable(record, e));
            }
        }
        LambdaSettlement settlement = settlements.computeIfAbsent(queueName, q -> new LambdaSettlement(
                processorFactory.apply(queue.spec()), queue.source(), environment.config().retryVisibility(),
                environment.config().fifoFailureMode()));
        BatchResult result = settlement.run(batch);
        Set<String> failures = new LinkedHashSet<>(result.stayingOnQueueTransportIds());
        failures.addAll(unreadable);
        LOG.info("queue '{}': {} records: {}, {} reported as failed", queueName, records.size(), result.counts(), failures.size());
        return failures;
    }

    private static String unreadable(SQSEvent.SQSMessage record, RuntimeException e) {
        LOG.error("SQS record {} cannot be handled and is reported as failed: {}", record.getMessageId(), e.getMessage());
        return record.getMessageId();
    }

    private static SQSBatchResponse response(List<SQSEvent.SQSMessage> records, Set<String> failures) {
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            order.putIfAbsent(records.get(i).getMessageId(), i);
        }
        List<SQSBatchResponse.BatchItemFailure> items = new ArrayList<>(failures.size());
        failures.stream().sorted((a, b) -> Integer.compare(order.getOrDefault(a, Integer.MAX_VALUE), order.getOrDefault(b, Integer.MAX_VALUE)))
                .forEach(id -> items.add(new SQSBatchResponse.BatchItemFailure(id)));
        return new SQSBatchResponse(items);
    }
}
