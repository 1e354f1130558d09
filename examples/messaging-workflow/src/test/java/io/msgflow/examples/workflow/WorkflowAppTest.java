package io.msgflow.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The local run, in-process as {@code ./run-example} starts it: in-memory SNS/SQS and a real
 * PostgreSQL (the embedded one the app starts, or the test server by {@code --jdbc-url}, whose
 * tables the test reads itself).
 */
class WorkflowAppTest {

    @Test
    void fourOfEachTypeRunThroughAnEmbeddedPostgresTheAppStartsItself() {
        AppRun run = AppRun.of("--count", "4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.summaryLine("notification")).containsExactly("notification", "notifications-queue", "4", "4", "4", "4",
                "notification_messages", "0");
        assertThat(run.summaryLine("critical_alert")).containsExactly("critical_alert", "alerts-queue", "4", "4", "4", "4",
                "critical_alerts", "0");
        assertThat(run.out()).contains("embedded PostgreSQL on 127.0.0.1:", "in-memory SNS/SQS", "8 published",
                "OK: all 8 published messages are rows in the tables of their types; the dead-letter queues are empty.");
        assertThat(run.err()).as("no progress for small runs, no log noise").isEmpty();
    }

    @Test
    void fourOfEachTypeLandInTheirOwnTables() throws Exception {
        AppRun.Database database = AppRun.Database.freshSchema("workflow_app_small");

        AppRun run = run(database, "--count", "4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(database.rows("notification_messages", "title")).containsExactlyInAnyOrder(
                "notification|Notification 1", "notification|Notification 2", "notification|Notification 3", "notification|Notification 4");
        assertThat(database.rows("critical_alerts", "severity")).hasSize(4).containsOnly("critical_alert|critical");
        assertThat(run.out()).contains("PostgreSQL at jdbc:postgresql://");
    }

    @Test
    void aThousandOfEachTypeLandInBothTablesAndTheRunShowsProgress() throws Exception {
        AppRun.Database database = AppRun.Database.freshSchema("workflow_app_large");

        AppRun run = run(database, "--count", "1000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.summaryLine("notification")).containsExactly("notification", "notifications-queue", "1000", "1000", "1000", "1000",
                "notification_messages", "0");
        assertThat(run.summaryLine("critical_alert")).containsExactly("critical_alert", "alerts-queue", "1000", "1000", "1000", "1000",
                "critical_alerts", "0");
        assertThat(database.distinctIds("notification_messages")).isEqualTo(1000);
        assertThat(database.distinctIds("critical_alerts")).isEqualTo(1000);
        assertThat(database.rows("critical_alerts", "severity")).containsOnly("critical_alert|critical");
        assertThat(run.err().lines().filter(l -> l.startsWith("published"))).hasSize(10).last().asString()
                .isEqualTo("published  2,000 of 2,000 messages (100%)");
        assertThat(run.err().lines().filter(l -> l.startsWith("processed"))).hasSize(10).last().asString()
                .isEqualTo("processed  2,000 of 2,000 messages (100%)");
    }

    @Test
    void aSecondRunAddsItsOwnRowsAndKeepsTheFirst() throws Exception {
        AppRun.Database database = AppRun.Database.freshSchema("workflow_app_twice");

        AppRun first = run(database, "--count", "2");
        AppRun second = run(database, "--count", "3");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.summaryLine("notification")).containsSubsequence("3", "3", "3", "3");
        assertThat(database.distinctIds("notification_messages")).isEqualTo(5);
        assertThat(database.distinctIds("critical_alerts")).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--count 0                      | `--count` must be between 1 and 100000, but was 0",
        "--count many                   | `--count` must be a whole number between 1 and 100000, but was 'many'",
        "--count                        | `--count` needs a value, but none was given",
        "--count --help                 | `--count` needs a value, but was followed by '--help'",
        "--count 2 --count 3            | `--count` may be given once, but was given twice",
        "--frobnicate                   | unknown option '--frobnicate'",
        "--db-user app                  | `--db-user` applies only with `--jdbc-url`, which was not given",
        "--region eu-west-1             | `--region` applies only with `--endpoint`, which was not given",
        "--endpoint ftp://127.0.0.1:21  | `--endpoint` must be an http(s) URL such as http://127.0.0.1:4566, or 'aws', but was 'ftp://127.0.0.1:21'",
        "--endpoint aws --region mars   | `--region` must be an AWS region name such as eu-west-1, but was 'mars'",
        "--jdbc-url mysql://db/app      | `--jdbc-url`: `jdbcUrl` must start with 'jdbc:postgresql:', but was 'mysql://db/app'",
    })
    void badOptionsExitWithTwoAndSayWhatIsWrong(String args, String message) {
        AppRun run = AppRun.of(List.of(args.trim().split("\\s+")), Map.of());

        assertThat(run.exitCode()).isEqualTo(WorkflowApp.EXIT_USAGE);
        assertThat(run.err()).contains("error: " + message).contains("--help");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpListsTheOptionsAndRunsNothing() {
        AppRun run = AppRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--count N", "--jdbc-url URL", "--db-user USER", "PGPASSWORD", "--endpoint URL", "--region REGION");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aDatabaseThatCannotBeReachedFailsTheRunWithTheReason() {
        AppRun run = AppRun.of("--jdbc-url", "jdbc:postgresql://127.0.0.1:1/nothing?user=nobody");

        assertThat(run.exitCode()).isEqualTo(WorkflowApp.EXIT_FAILED);
        assertThat(run.err()).contains("error: the workflow failed: cannot create tables [", "critical_alerts", "notification_messages",
                "Connection to 127.0.0.1:1 refused");
        assertThat(run.out()).isEmpty();
    }

    private static AppRun run(AppRun.Database database, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(database.options());
        return AppRun.of(all, new HashMap<>(database.environment()));
    }
}
