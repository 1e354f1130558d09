package io.msgflow.examples.workflow;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import io.msgflow.postgres.PostgresCredentials;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The command line of {@link WorkflowApp}, parsed and checked; immutable. */
final class AppOptions {
    static final int DEFAULT_COUNT = 2;
    static final int MAX_COUNT = 100_000;
    static final String AWS_ENDPOINT = "aws";
    static final String DEFAULT_EMULATOR_REGION = "us-east-1";
    /** The standard PostgreSQL variable; a password never goes on the command line. */
    static final String PASSWORD_VARIABLE = "PGPASSWORD";
    static final int DEFAULT_DEADLINE_SECONDS = 600;
    static final int MAX_DEADLINE_SECONDS = 86_400;
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ./run-example [options]",
            "",
            "Publishes sample notifications and critical alerts to the topic, fans them out by message_type",
            "to the notifications and alerts queues, processes both queues in parallel into PostgreSQL and",
            "prints what happened to each type. Exit code 0 when every published message is a row in its",
            "table, 1 when the run failed, 2 for bad options.",
            "",
            "Options:",
            "  --count N           messages of each type to publish, 1 to " + MAX_COUNT + " (default " + DEFAULT_COUNT + ")",
            "  --jdbc-url URL      write to this PostgreSQL instead of an embedded one started for the run,",
            "                      e.g. jdbc:postgresql://127.0.0.1:5432/app (tables are created if missing)",
            "  --db-user USER      the database user for --jdbc-url (or user=... in the URL); the password",
            "                      comes from the " + PASSWORD_VARIABLE + " environment variable (or password=... in the URL)",
            "  --endpoint URL      run on the AWS transport against an SNS/SQS emulator (fauxqs, LocalStack),",
            "                      e.g. http://127.0.0.1:4566; 'aws' for AWS itself (credentials and region",
            "                      from the SDK's default chains). Topic and queues are created if missing",
            "                      (./run-example --endpoint fauxqs starts the project's pinned fauxqs on",
            "                      127.0.0.1 for the run: needs Node.js)",
            "  --region REGION     the region with --endpoint (default " + DEFAULT_EMULATOR_REGION + " for an emulator)",
            "  --deadline SECONDS  give up the run after this long, 1 to " + MAX_DEADLINE_SECONDS + " (default "
                    + DEFAULT_DEADLINE_SECONDS + "); an emulator that does not answer fails it sooner",
            "  --state-machine     run statemachine/workflow.asl.json itself (DefinitionSubstitutions from template.yaml)",
            "                      on msgflow's States Language interpreter, invoking the template's handler classes in",
            "                      this process, and print its execution history; exit code 1 when the execution fails",
            "  --help              print this help",
            "");

    /** What the command line asks for. */
    enum Action { RUN, STATE_MACHINE, HELP }

    /** Where SNS and SQS are. */
    enum TransportKind { IN_MEMORY, EMULATOR, AWS }

    private final Action action;
    private final int count;
    private final TransportKind transport;
    private final URI endpoint;
    private final String region;
    private final PostgresCredentials database;
    private final Duration deadline;

    private AppOptions(Parser p) {
        this.action = p.action;
        this.deadline = Duration.ofSeconds(p.deadlineSeconds);
        this.count = p.count;
        this.transport = p.endpoint == null ? TransportKind.IN_MEMORY
                : p.endpoint.equals(AWS_ENDPOINT) ? TransportKind.AWS : TransportKind.EMULATOR;
        this.endpoint = transport == TransportKind.EMULATOR ? endpointUri(p.endpoint) : null;
        this.region = p.region != null ? p.region : transport == TransportKind.EMULATOR ? DEFAULT_EMULATOR_REGION : null;
        this.database = p.jdbcUrl == null ? null : credentials(p.jdbcUrl, p.dbUser, p.password);
    }

    /**
     * @throws InvalidConfigurationException naming the option, its rule and the value given
     */
    static AppOptions parse(List<String> args, Map<String, String> environment) {
        Parser parser = new Parser(args, environment);
        parser.parse();
        return new AppOptions(parser);
    }

    Action action() {
        return action;
    }

    /** Messages of each type. */
    int count() {
        return count;
    }

    TransportKind transport() {
        return transport;
    }

    /** The emulator's endpoint, with {@link TransportKind#EMULATOR}. */
    Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** The region; empty on AWS without {@code --region} (the SDK's chain decides). */
    Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** How long the run may take before it is given up. */
    Duration deadline() {
        return deadline;
    }

    /** The external database; empty for the embedded one. */
    Optional<PostgresCredentials> database() {
        return Optional.ofNullable(database);
    }

    private static PostgresCredentials credentials(String jdbcUrl, String user, String password) {
        try {
            return PostgresCredentials.of(jdbcUrl, user, password);
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException("--jdbc-url", "`--jdbc-url`: " + e.getMessage());
        }
    }

    private static URI endpointUri(String value) {
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the rule
        }
        throw new InvalidConfigurationException("--endpoint",
                "`--endpoint` must be an http(s) URL such as http://127.0.0.1:4566, or 'aws', but was '" + value + "'"
                        + ("fauxqs".equals(value) ? " (./run-example --endpoint fauxqs starts the project's fauxqs)" : ""));
    }

    /** Reads the arguments in order; each option at most once. */
    private static final class Parser {
        private final Deque<String> args;
        private final Map<String, String> environment;
        private Action action = Action.RUN;
        private int count = DEFAULT_COUNT;
        private int deadlineSeconds = DEFAULT_DEADLINE_SECONDS;
        private String jdbcUrl;
        private String dbUser;
        private String password;
        private String endpoint;
        private String region;
        private final Set<String> seen = new HashSet<>();

        Parser(List<String> args, Map<String, String> environment) {
            this.args = new ArrayDeque<>(args);
            this.environment = environment;
        }

        void parse() {
            while (!args.isEmpty()) {
                String option = args.removeFirst();
                if (!seen.add(option)) {
                    throw new InvalidConfigurationException(option, "`" + option + "` may be given once, but was given twice");
                }
                switch (option) {
                    case "--help", "-h" -> action = Action.HELP;
                    case "--state-machine" -> action = action == Action.HELP ? Action.HELP : Action.STATE_MACHINE;
                    case "--count" -> count = Check.between("--count", number(option, value(option)), 1, MAX_COUNT);
                    case "--deadline" -> deadlineSeconds = Check.between("--deadline", number(option, value(option)), 1, MAX_DEADLINE_SECONDS);
                    case "--jdbc-url" -> jdbcUrl = value(option);
                    case "--db-user" -> dbUser = value(option);
                    case "--endpoint" -> endpoint = value(option);
                    case "--region" -> region = Check.matches("--region", value(option), REGION, "must be an AWS region name such as eu-west-1");
                    default -> throw new InvalidConfigurationException(option, "unknown option '" + option + "'; the options are "
                            + "--count, --jdbc-url, --db-user, --endpoint, --region, --deadline, --state-machine and --help");
                }
            }
            requireWith("--db-user", dbUser, "--jdbc-url", jdbcUrl);
            requireWith("--region", region, "--endpoint", endpoint);
            if (jdbcUrl != null) {
                password = environment.get(PASSWORD_VARIABLE);
            }
        }

        private String value(String option) {
            String value = args.pollFirst();
            if (value == null || value.startsWith("--")) {
                throw new InvalidConfigurationException(option, "`" + option + "` needs a value, but "
                        + (value == null ? "none was given" : "was followed by '" + value + "'"));
            }
            if (value.isBlank()) {
                throw new InvalidConfigurationException(option, "`" + option + "` needs a value, but was blank");
            }
            return value;
        }

        private static int number(String option, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new InvalidConfigurationException(option, "`" + option + "` must be a whole number between 1 and " + MAX_COUNT
                        + ", but was '" + value + "'");
            }
        }

        private static void requireWith(String option, String value, String needed, String neededValue) {
            if (value != null && neededValue == null) {
                throw new InvalidConfigurationException(option, "`" + option + "` applies only with `" + needed + "`, which was not given");
            }
        }
    }
}
