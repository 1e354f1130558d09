package io.msgflow.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.Message;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ConcurrencyTest {
    private static final Duration POLL = Duration.ofMillis(50);

    private final TestClock clock = TestClock.create();
    private final InMemoryTransport transport = InMemoryTransport.builder().clock(clock).build();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        transport.close();
    }

    @Test
    void hundredThousandMessagesFromFourPublishersReachFourConsumersEachExactlyOnce() throws Exception {
        Topology t = Topology.builder("load").queue("work").route(Route.toQueue("work")).build();
        transport.provision(t);
        int publishers = 4;
        int perPublisher = 25_000;
        int total = publishers * perPublisher;
        Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();
        Set<String> published = ConcurrentHashMap.newKeySet();

        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int publisherId = p;
            running.add(pool.submit(() -> publish(transport.publisher(t), publisherId, perPublisher, published)));
        }
        for (int c = 0; c < 4; c++) {
            running.add(pool.submit(consume(transport.source(t, "work"), total, deliveries, acknowledged)));
        }
        for (Future<?> f : running) {
            f.get(100, TimeUnit.SECONDS);
        }

        assertThat(acknowledged.get()).isEqualTo(total);
        assertThat(deliveries).hasSize(total);
        assertThat(deliveries.keySet()).isEqualTo(published);
        assertThat(deliveries.values()).containsOnly(1);
        assertThat(transport.stats("work")).isEqualTo(new QueueStats(0, 0, 0));
    }

    @Test
    void fifoGroupsStayInOrderUnderConcurrentConsumers() throws Exception {
        Topology t = Topology.builder("load.fifo").queue("work.fifo").route(Route.toQueue("work.fifo")).build();
        transport.provision(t);
        int groups = 8;
        int perGroup = 1_000;
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();

        List<Future<?>> running = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            String group = "g" + g;
            running.add(pool.submit(() -> {
                MessagePublisher publisher = transport.publisher(t);
                for (int i = 0; i < perGroup; i++) {
                    publisher.publish(Message.builder().type("n").body(Integer.toString(i)).groupId(group).deduplicationId(group + "-" + i).build());
                }
                return null;
            }));
        }
        for (int c = 0; c < 4; c++) {
            MessageSource source = transport.source(t, "work.fifo");
            running.add(pool.submit(() -> {
                while (acknowledged.get() < groups * perGroup) {
                    List<ReceivedMessage> batch = source.receive(10, POLL);
                    for (ReceivedMessage d : batch) {
                        seen.computeIfAbsent(d.groupId().orElseThrow(), k -> new ArrayList<>()).add(Integer.valueOf(d.body()));
                    }
                    if (!batch.isEmpty()) {
                        assertThat(source.acknowledge(batch).allSucceeded()).isTrue();
                        acknowledged.addAndGet(batch.size());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get(100, TimeUnit.SECONDS);
        }

        assertThat(seen).hasSize(groups);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < perGroup; i++) {
            expected.add(i);
        }
        assertThat(seen.values()).allSatisfy(order -> assertThat(order).isEqualTo(expected));
    }

    private static Void publish(MessagePublisher publisher, int publisherId, int count, Set<String> published) {
        List<Message> batch = new ArrayList<>(10);
        for (int i = 0; i < count; i++) {
            Message m = Message.of("notification", "{\"p\":" + publisherId + ",\"i\":" + i + "}");
            published.add(m.id());
            batch.add(m);
            if (batch.size() == 10) {
                assertThat(publisher.publishBatch(batch).failed()).isEmpty();
                batch = new ArrayList<>(10);
            }
        }
        if (!batch.isEmpty()) {
            publisher.publishBatch(batch);
        }
        return null;
    }

    private static Callable<Void> consume(MessageSource source, int total, Map<String, Integer> deliveries, AtomicInteger acknowledged) {
        return () -> {
            while (acknowledged.get() < total) {
                List<ReceivedMessage> batch = source.receive(10, POLL);
                if (batch.isEmpty()) {
                    continue;
                }
                batch.forEach(d -> deliveries.merge(d.id(), 1, Integer::sum));
                OperationResult result = source.acknowledge(batch);
                assertThat(result.failed()).isEmpty();
                acknowledged.addAndGet(result.succeeded().size());
            }
            return null;
        };
    }
}
