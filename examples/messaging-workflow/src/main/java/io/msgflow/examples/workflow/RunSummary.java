package io.msgflow.examples.workflow;

import io.msgflow.transport.PublishFailure;
import java.time.Duration;
import java.util.List;

/**
 * What a run did, as the summary prints it.
 *
 * @param perType messages of each type the run published (or tried to)
 * @param transport where SNS and SQS were
 * @param database where the tables were
 * @param publishTime how long publishing took
 * @param processTime how long draining both queues in parallel took
 * @param publishFailures messages the topic did not accept
 */
record RunSummary(int perType, String transport, String database, Duration publishTime, Duration processTime,
                  List<LaneSummary> lanes, List<PublishFailure> publishFailures) {

    RunSummary {
        lanes = List.copyOf(lanes);
        publishFailures = List.copyOf(publishFailures);
    }

    /** Every message was published, and each is a row in the table of its type. */
    boolean succeeded() {
        return publishFailures.isEmpty() && lanes.stream().allMatch(LaneSummary::complete);
    }

    int published() {
        return lanes.stream().mapToInt(LaneSummary::published).sum();
    }

    int deadLetters() {
        return lanes.stream().mapToInt(LaneSummary::deadLetters).sum();
    }
}
