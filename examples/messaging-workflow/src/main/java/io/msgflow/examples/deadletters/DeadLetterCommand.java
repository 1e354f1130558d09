package io.msgflow.examples.deadletters;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.MsgflowException;
import io.msgflow.aws.AwsServices;
import io.msgflow.aws.AwsTransport;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.DeadLetterMessage;
import io.msgflow.transport.DeadLetterQueue;
import io.msgflow.transport.MessageTransport;
import io.msgflow.transport.RedriveResult;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * {@code dead-letters list|redrive}: the dead letters of one SQS queue, listed without consuming
 * them or moved back, from the command line. Queues are addressed by URL only (no
 * {@code GetQueueUrl}); the IAM actions it needs are those of msgflow-aws's "list dead letters"
 * and "redrive" rows.
 */
public final class DeadLetterCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_OPTIONS = 2;

    private DeadLetterCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err, DeadLetterCommand::awsTransport));
    }

    /**
     * Runs one command.
     *
     * @param transports the transport for the parsed options (an AWS transport in {@link #main})
     * @return the exit code
     */
    static int run(List<String> args, PrintStream out, PrintStream err, Function<DeadLetterOptions, MessageTransport> transports) {
        DeadLetterOptions options;
        try {
            options = DeadLetterOptions.parse(args);
        } catch (InvalidConfigurationException e) {
            err.println(e.getMessage());
            err.print(DeadLetterOptions.USAGE);
            return BAD_OPTIONS;
        }
        if (options.command() == DeadLetterOptions.Command.HELP) {
            out.print(DeadLetterOptions.USAGE);
            return OK;
        }
        try (MessageTransport transport = transports.apply(options)) {
            DeadLetterQueue dlq = transport.deadLetterQueue(topology(options), name(options.queueUrl()));
            return options.command() == DeadLetterOptions.Command.LIST ? list(dlq, options, out) : redrive(dlq, options, out, err);
        } catch (MsgflowException e) {
            err.println(e.getMessage());
            return e instanceof InvalidConfigurationException ? BAD_OPTIONS : FAILED;
        }
    }

    private static int list(DeadLetterQueue dlq, DeadLetterOptions options, PrintStream out) {
        List<DeadLetterMessage> messages = dlq.list(options.filter(), Math.min(options.limit(), 10_000));
        out.println("id\ttype\tattempts\treason");
        for (DeadLetterMessage m : messages) {
            out.println(m.id() + "\t" + m.type().orElse("-") + "\t"
                    + (m.attempts().isPresent() ? Integer.toString(m.attempts().getAsInt()) : "-") + "\t"
                    + m.reason().map(DeadLetterCommand::oneLine).orElse("-"));
        }
        out.println(messages.size() + " dead letter(s) on " + dlq.name() + (options.filter().isAll() ? "" : " matching " + options.filter()));
        return OK;
    }

    private static int redrive(DeadLetterQueue dlq, DeadLetterOptions options, PrintStream out, PrintStream err) {
        RedriveResult result = dlq.redrive(options.redriveOptions());
        out.println("moved " + result.moved() + " message(s) from " + dlq.name() + " to " + dlq.sourceQueue() + " by " + result.method()
                + ", left " + result.left() + ", failed " + result.failures().size()
                + result.moveTaskHandle().map(h -> "; move task started: " + h).orElse(""));
        result.failures().forEach(f -> err.println("not moved: " + f.message().id() + ": " + f.code() + ": " + oneLine(f.reason())));
        return result.failures().isEmpty() ? OK : FAILED;
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ");
    }

    /** A topology of the two queues, so the transport knows which is whose dead-letter queue. */
    static Topology topology(DeadLetterOptions options) {
        String source = name(options.queueUrl());
        return Topology.builder("dead-letters").queue(QueueSpec.builder(source).deadLetterQueue(name(options.deadLetterQueueUrl()), 1).build())
                .build();
    }

    private static String name(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static MessageTransport awsTransport(DeadLetterOptions options) {
        AwsTransport.Builder b = AwsTransport.builder().services(AwsServices.SQS_ONLY)
                .queueUrl(options.queueUrl()).queueUrl(options.deadLetterQueueUrl());
        if (options.endpoint() != null) {
            b.endpointOverride(options.endpoint());
        }
        if (options.region() != null) {
            b.region(options.region());
        }
        return b.build();
    }
}
