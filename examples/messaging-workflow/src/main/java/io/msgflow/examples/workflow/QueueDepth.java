package io.msgflow.examples.workflow;

/** How many messages a queue holds: visible, in flight and delayed. */
@FunctionalInterface
interface QueueDepth {
    int messages(String queue);
}
