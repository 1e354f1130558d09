package io.msgflow.examples.workflow;

import io.msgflow.Message;
import io.msgflow.postgres.JdbcSink;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.topology.MessageRouter;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.MessageTransport;
import io.msgflow.transport.PublishReceipt;
import io.msgflow.transport.PublishResult;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * One run of the workflow on a transport and a database, step by step as the state machine runs
 * it: provision the topology and the tables, publish the samples (PublishMessages), drain both
 * queues in parallel, one thread per lane (ProcessMessages), then read back what landed.
 */
final class WorkflowRun {
    /** How long a lane waits for missing messages to arrive before it fails. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final MessageTransport transport;
    private final QueueDepth depth;
    private final DataSource dataSource;
    private final Clock clock;
    private final PrintStream progress;

    /**
     * @param dataSource a pool with a connection for each lane
     * @param progress where progress lines of large runs go
     */
    WorkflowRun(MessageTransport transport, QueueDepth depth, DataSource dataSource, Clock clock, PrintStream progress) {
        this.transport = transport;
        this.depth = depth;
        this.dataSource = dataSource;
        this.clock = clock;
        this.progress = progress;
    }

    /** Runs the workflow with {@code perType} messages of each type; the summary's labels describe the transport and database. */
    RunSummary run(int perType, String transportLabel, String databaseLabel) {
        transport.provision(Workflow.TOPOLOGY);
        MessageProcessor processor = Workflow.processor(Workflow.sink(dataSource).createSchemaIfMissing());
        List<Message> messages = Workflow.samples(perType, clock);

        Instant start = clock.instant();
        PublishResult published = publish(messages);
        Instant publishedAt = clock.instant();
        Map<String, Message> accepted = accepted(messages, published);
        Map<Lane, LaneResult> drained = drainInParallel(expectedByQueue(accepted.values()), processor);
        Instant drainedAt = clock.instant();

        List<LaneSummary> lanes = new ArrayList<>();
        for (Lane lane : Workflow.LANES) {
            List<String> ids = accepted.values().stream().filter(m -> m.type().equals(lane.messageType())).map(Message::id).toList();
            LaneResult result = drained.get(lane);
            lanes.add(new LaneSummary(lane, ids.size(), result.received(), result.processed(),
                    RowCounts.ofMessages(dataSource, lane.table(), ids), depth.messages(lane.deadLetterQueue())));
        }
        return new RunSummary(perType, transportLabel, databaseLabel, Duration.between(start, publishedAt),
                Duration.between(publishedAt, drainedAt), lanes, published.failed());
    }

    /** Publishes in slices of about a tenth (whole batches of 10), reporting progress after each. */
    private PublishResult publish(List<Message> messages) {
        MessagePublisher publisher = transport.publisher(Workflow.TOPOLOGY);
        Progress publishing = Progress.of("published", messages.size(), progress);
        int slice = Math.max(QueueDrain.BATCH_SIZE, (messages.size() / 10 + 9) / 10 * 10);
        PublishResult result = PublishResult.empty();
        for (int from = 0; from < messages.size(); from += slice) {
            List<Message> part = messages.subList(from, Math.min(messages.size(), from + slice));
            result = result.plus(publisher.publishAll(part));
            publishing.advance(part.size());
        }
        return result;
    }

    private static Map<String, Message> accepted(List<Message> messages, PublishResult result) {
        Map<String, Message> byId = new HashMap<>();
        messages.forEach(m -> byId.put(m.id(), m));
        Map<String, Message> accepted = new LinkedHashMap<>();
        for (PublishReceipt receipt : result.successful()) {
            accepted.put(receipt.messageId(), byId.get(receipt.messageId()));
        }
        return accepted;
    }

    /** The ids each queue must receive: the routes' filter policies, evaluated as SNS does. */
    private static Map<String, Set<String>> expectedByQueue(Iterable<Message> accepted) {
        MessageRouter router = MessageRouter.of(Workflow.TOPOLOGY);
        Map<String, Set<String>> expected = new HashMap<>();
        Workflow.LANES.forEach(lane -> expected.put(lane.queue(), new HashSet<>()));
        for (Message message : accepted) {
            router.queuesFor(message).forEach(queue -> expected.computeIfAbsent(queue, q -> new HashSet<>()).add(message.id()));
        }
        return expected;
    }

    private Map<Lane, LaneResult> drainInParallel(Map<String, Set<String>> expected, MessageProcessor processor) {
        int total = expected.values().stream().mapToInt(Set::size).sum();
        Progress processing = Progress.of("processed", total, progress);
        ExecutorService lanes = Executors.newFixedThreadPool(Workflow.LANES.size(), r -> new Thread(r, "workflow-lane"));
        try {
            Map<Lane, Future<LaneResult>> running = new LinkedHashMap<>();
            for (Lane lane : Workflow.LANES) {
                running.put(lane, lanes.submit(new QueueDrain(lane, transport.source(Workflow.TOPOLOGY, lane.queue()), processor,
                        expected.get(lane.queue()), clock, IDLE_TIMEOUT, processing)));
            }
            Map<Lane, LaneResult> results = new LinkedHashMap<>();
            for (Map.Entry<Lane, Future<LaneResult>> lane : running.entrySet()) {
                results.put(lane.getKey(), await(lane.getKey(), lane.getValue()));
            }
            return results;
        } finally {
            lanes.shutdownNow();
        }
    }

    private static LaneResult await(Lane lane, Future<LaneResult> drain) {
        try {
            return drain.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkflowException(lane.queue(), "interrupted while waiting for its drain", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new WorkflowException(lane.queue(), "its drain failed: " + e.getCause(), e.getCause());
        }
    }
}
