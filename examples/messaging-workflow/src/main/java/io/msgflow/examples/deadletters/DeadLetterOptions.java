package io.msgflow.examples.deadletters;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.transport.DeadLetterFilter;
import io.msgflow.transport.RedriveMethod;
import io.msgflow.transport.RedriveOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** The command line of {@link DeadLetterCommand}, parsed and checked; immutable. */
record DeadLetterOptions(Command command, URI endpoint, String region, String queueUrl, String deadLetterQueueUrl,
                         DeadLetterFilter filter, int limit, int rate, RedriveMethod method) {
    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: dead-letters list|redrive --queue-url URL --dlq-url URL [options]",
            "",
            "  list      print the dead letters of the queue (id, type, attempts, reason) without consuming them",
            "  redrive   move them back to the queue; ids and bodies unchanged, so the sink absorbs repeats",
            "",
            "Options:",
            "  --queue-url URL     the source queue",
            "  --dlq-url URL       its dead-letter queue",
            "  --endpoint URL      an SQS-compatible endpoint (http://127.0.0.1:9324); AWS when absent",
            "  --region REGION     the region (default: the SDK's default chain; us-east-1 with --endpoint)",
            "  --type TYPE         only messages of this type (repeatable)",
            "  --reason TEXT       only messages whose reason contains TEXT",
            "  --max N             at most N messages (list default 100, redrive default all)",
            "  --rate N            redrive at most N messages per second, 1 to 500 (default 50)",
            "  --method M          redrive with auto (default), move-task or receive-send-delete",
            "",
            "Exit code 0 when done, 1 when a message could not be moved or a call failed, 2 for bad options.",
            "");

    enum Command { LIST, REDRIVE, HELP }

    /** @throws InvalidConfigurationException naming the option, the rule and the value */
    static DeadLetterOptions parse(List<String> args) {
        if (args.isEmpty() || args.contains("--help")) {
            return new DeadLetterOptions(Command.HELP, null, null, null, null, DeadLetterFilter.all(), 0, 0, RedriveMethod.AUTO);
        }
        Command command = switch (args.get(0)) {
            case "list" -> Command.LIST;
            case "redrive" -> Command.REDRIVE;
            default -> throw new InvalidConfigurationException("command", "the command must be list or redrive, but was '" + args.get(0) + "'");
        };
        Parsed p = new Parsed();
        for (Iterator<String> it = args.subList(1, args.size()).iterator(); it.hasNext(); ) {
            String option = it.next();
            if (!it.hasNext()) {
                throw new InvalidConfigurationException(option, "`" + option + "` needs a value, but was the last argument");
            }
            p.set(option, it.next());
        }
        if (p.queueUrl == null || p.deadLetterQueueUrl == null) {
            throw new InvalidConfigurationException("queue-url", "`--queue-url` and `--dlq-url` must both be given");
        }
        DeadLetterFilter filter = DeadLetterFilter.all();
        if (!p.types.isEmpty()) {
            filter = filter.types(p.types.toArray(String[]::new));
        }
        if (p.reason != null) {
            filter = filter.reasonContaining(p.reason);
        }
        int limit = p.max != null ? p.max : command == Command.LIST ? 100 : RedriveOptions.MAX_MESSAGES;
        String region = p.region != null ? p.region : p.endpoint != null ? "us-east-1" : null;
        return new DeadLetterOptions(command, p.endpoint, region, p.queueUrl, p.deadLetterQueueUrl, filter, limit, p.rate, p.method);
    }

    /** The redrive options the command line asks for. */
    RedriveOptions redriveOptions() {
        RedriveOptions.Builder b = RedriveOptions.builder().filter(filter).messagesPerSecond(rate).method(method);
        if (limit != RedriveOptions.MAX_MESSAGES) {
            b.maxMessages(limit);
        }
        return b.build();
    }

    private static final class Parsed {
        URI endpoint;
        String region;
        String queueUrl;
        String deadLetterQueueUrl;
        final List<String> types = new ArrayList<>();
        String reason;
        Integer max;
        int rate = 50;
        RedriveMethod method = RedriveMethod.AUTO;

        void set(String option, String value) {
            switch (option) {
                case "--endpoint" -> endpoint = uri(value);
                case "--region" -> region = value;
                case "--queue-url" -> queueUrl = value;
                case "--dlq-url" -> deadLetterQueueUrl = value;
                case "--type" -> types.add(value);
                case "--reason" -> reason = value;
                case "--max" -> max = number(option, value, 1, RedriveOptions.MAX_MESSAGES);
                case "--rate" -> rate = number(option, value, 1, RedriveOptions.MAX_RATE);
                case "--method" -> method = method(value);
                default -> throw new InvalidConfigurationException(option, "unknown option '" + option + "'; see --help");
            }
        }

        private static URI uri(String value) {
            try {
                URI uri = new URI(value);
                if (uri.getScheme() != null && uri.getHost() != null) {
                    return uri;
                }
            } catch (java.net.URISyntaxException e) {
                // reported below
            }
            throw new InvalidConfigurationException("--endpoint", "`--endpoint` must be an absolute http(s) URL, but was '" + value + "'");
        }

        private static int number(String option, String value, int min, int max) {
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidConfigurationException(option, "`" + option + "` must be a whole number between " + min + " and " + max
                    + ", but was '" + value + "'");
        }

        private static RedriveMethod method(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "auto" -> RedriveMethod.AUTO;
                case "move-task" -> RedriveMethod.MOVE_TASK;
                case "receive-send-delete" -> RedriveMethod.RECEIVE_SEND_DELETE;
                default -> throw new InvalidConfigurationException("--method",
                        "`--method` must be auto, move-task or receive-send-delete, but was '" + value + "'");
            };
        }
    }
}
