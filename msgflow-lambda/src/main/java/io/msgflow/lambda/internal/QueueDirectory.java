package io.msgflow.lambda.internal;

import java.util.Optional;

/** Finds the queues a function meets (by event source ARN or drain input), once each per container. */
public interface QueueDirectory {

    /**
     * @param name the queue's name
     * @param url its URL, when known (a drain's input); looked up by name otherwise
     */
    QueueAccess queue(String name, Optional<String> url);
}
