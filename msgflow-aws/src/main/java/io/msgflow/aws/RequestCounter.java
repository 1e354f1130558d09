package io.msgflow.aws;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the HTTP requests SDK clients send, by service and operation ({@code SQS.ReceiveMessage}),
 * every retry attempt included — what an SNS/SQS bill counts. {@link AwsTransport} registers one on
 * the clients it builds; add it to clients you build yourself with
 * {@code overrideConfiguration(c -> c.addExecutionInterceptor(counter))}. Thread-safe; the counts
 * are read without stopping the clients.
 */
public final class RequestCounter implements ExecutionInterceptor {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)).toUpperCase(Locale.ROOT);
        String operation = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        counts.computeIfAbsent(service + "." + operation, k -> new LongAdder()).increment();
    }

    /** All requests counted since creation or the last {@link #reset()}. */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Requests to one service, {@code "SNS"} or {@code "SQS"}. */
    public long count(String service) {
        String prefix = service.toUpperCase(Locale.ROOT) + ".";
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().sum()).sum();
    }

    /** Requests of one operation, e.g. {@code count("SQS", "ReceiveMessage")}. */
    public long count(String service, String operation) {
        LongAdder adder = counts.get(service.toUpperCase(Locale.ROOT) + "." + operation);
        return adder == null ? 0 : adder.sum();
    }

    /** The counts by {@code SERVICE.Operation}, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public void reset() {
        counts.clear();
    }

    @Override
    public String toString() {
        return "RequestCounter" + snapshot();
    }
}
