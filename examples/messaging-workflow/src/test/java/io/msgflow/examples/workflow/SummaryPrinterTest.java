package io.msgflow.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.Message;
import io.msgflow.transport.PublishFailure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary's verdict: what it says when every message landed, and what is missing when not. */
class SummaryPrinterTest {

    @Test
    void aCompleteRunSucceedsAndSaysSo() {
        RunSummary summary = summary(List.of(
                new LaneSummary(Workflow.NOTIFICATIONS, 1200, 1200, 1200, 1200, 0),
                new LaneSummary(Workflow.ALERTS, 1200, 1200, 1200, 1200, 0)), List.of());

        String printed = print(summary);

        assertThat(summary.succeeded()).isTrue();
        assertThat(printed).contains("  PublishMessages  2,400 published in 1.50 s", "  ProcessMessages  2 queues drained in parallel in 0.25 s",
                "  notification    notifications-queue      1,200   1,200      1,200  1,200  notification_messages    0",
                "OK: all 2,400 published messages are rows in the tables of their types; the dead-letter queues are empty.");
    }

    @Test
    void aMessageMissingFromItsTableFailsTheRunAndPointsAtTheDeadLetterQueue() {
        RunSummary summary = summary(List.of(
                new LaneSummary(Workflow.NOTIFICATIONS, 2, 2, 2, 2, 0),
                new LaneSummary(Workflow.ALERTS, 2, 2, 1, 1, 1)), List.of());

        String printed = print(summary);

        assertThat(summary.succeeded()).isFalse();
        assertThat(printed).contains("FAILED:", "  1 of 2 published critical_alert message(s) are not rows in critical_alerts (see alerts-dlq)")
                .doesNotContain("notification message(s) are not rows");
    }

    @Test
    void aMessageTheTopicRefusedFailsTheRunWithItsReason() {
        Message refused = Message.builder().id("m-1").type("notification").body("{}").build();
        RunSummary summary = summary(List.of(
                new LaneSummary(Workflow.NOTIFICATIONS, 1, 1, 1, 1, 0),
                new LaneSummary(Workflow.ALERTS, 2, 2, 2, 2, 0)), List.of(new PublishFailure(refused, "Throttled", "rate exceeded", true)));

        assertThat(summary.succeeded()).isFalse();
        assertThat(print(summary)).contains("FAILED:", "  1 message(s) were not published, e.g.:", "    notification m-1: Throttled: rate exceeded");
    }

    private static RunSummary summary(List<LaneSummary> lanes, List<PublishFailure> failures) {
        return new RunSummary(1200, "in-memory", "embedded", Duration.ofMillis(1500), Duration.ofMillis(250), lanes, failures);
    }

    private static String print(RunSummary summary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SummaryPrinter.print(summary, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
