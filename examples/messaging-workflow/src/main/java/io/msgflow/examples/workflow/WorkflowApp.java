package io.msgflow.examples.workflow;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Durations;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local run of the workflow ({@code ./run-example}): publishes sample notifications and
 * critical alerts, fans them out through the in-memory SNS/SQS (or the AWS transport with
 * {@code --endpoint}), processes both queues in parallel into PostgreSQL (embedded, or
 * {@code --jdbc-url}) and prints a summary per type. {@code --help} lists the options.
 *
 * <p>Exit codes: {@value #EXIT_OK} when every published message is a row in the table of its type,
 * {@value #EXIT_FAILED} when the run failed (with the reason on standard error),
 * {@value #EXIT_USAGE} for bad options. The run is given up after {@code --deadline} (default 10 min). The summary goes to standard output; progress lines of
 * large runs and errors go to standard error.
 */
public final class WorkflowApp {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    private static final int MAX_CAUSES = 3;

    private WorkflowApp() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err, Clock.systemUTC()));
    }

    /**
     * Runs the app as {@link #main} does, without exiting.
     *
     * @param environment the process environment ({@code PGPASSWORD}, AWS credentials variables)
     * @return the exit code
     */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err, Clock clock) {
        AppOptions options;
        try {
            options = AppOptions.parse(args, environment);
        } catch (InvalidConfigurationException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help for the options.");
            return EXIT_USAGE;
        }
        if (options.action() == AppOptions.Action.HELP) {
            out.print(AppOptions.USAGE);
            return EXIT_OK;
        }
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "workflow-run");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return runner.submit(() -> runWorkflow(options, environment, out, err, clock)).get(options.deadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            err.println("error: the workflow did not finish within " + Durations.format(options.deadline()) + " (--deadline); given up");
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return EXIT_FAILED;
        } catch (ExecutionException e) {
            err.println("error: the workflow failed: " + describe(e.getCause()));
            return EXIT_FAILED;
        } finally {
            runner.shutdownNow();
        }
    }

    private static int runWorkflow(AppOptions options, Map<String, String> environment, PrintStream out, PrintStream err, Clock clock) {
        // The transport first: an endpoint that does not answer fails the run before a database starts.
        try (Transport transport = Transport.open(options, environment, err); Database database = Database.open(options)) {
            if (options.action() == AppOptions.Action.STATE_MACHINE) {
                return StateMachineApp.run(options, transport, database, out, clock) ? EXIT_OK : EXIT_FAILED;
            }
            RunSummary summary = new WorkflowRun(transport.transport(), transport.depth(), database.pool(), clock, err)
                    .run(options.count(), transport.label(), database.label());
            SummaryPrinter.print(summary, out);
            return summary.succeeded() ? EXIT_OK : EXIT_FAILED;
        } catch (RuntimeException e) {
            err.println("error: the workflow failed: " + describe(e));
            return EXIT_FAILED;
        }
    }

    /** The message and the first causes' messages, which name what failed. */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        Throwable cause = failure.getCause();
        for (int i = 0; i < MAX_CAUSES && cause != null && cause != failure; i++, cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append("; caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
