package io.msgflow.benchmarks.aws;

/** One measured round of one candidate: messages, requests it took, and the time of each half. */
record Run(int messages, long requests, long publishNanos, long consumeNanos) {

    double requestsPerMessage() {
        return (double) requests / messages;
    }

    long totalNanos() {
        return publishNanos + consumeNanos;
    }
}
