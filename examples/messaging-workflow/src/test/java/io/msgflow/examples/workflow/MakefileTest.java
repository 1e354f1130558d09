package io.msgflow.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.internal.Json;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Makefile's {@code setup} and {@code deploy} guards, run by make against a stand-in {@code aws}
 * command that records its calls and answers as an account with or without the bucket would.
 */
class MakefileTest {
    private static final String ACCOUNT = "123456789012";
    private static final String FAKE_AWS = """
            #!/bin/sh
            echo "$*" >> "$AWS_CALLS"
            case "$*" in
              *"get-caller-identity --query Account"*) echo %s ;;
              *"get-caller-identity --query Arn"*) echo "arn:aws-cn:iam::%s:user/deployer" ;;
              *head-bucket*) [ "$BUCKET_EXISTS" = yes ] || exit 254 ;;
              *get-bucket-policy*) [ -n "$BUCKET_POLICY" ] || exit 254; echo "$BUCKET_POLICY" ;;
            esac
            """.formatted(ACCOUNT, ACCOUNT);

    @TempDir
    Path bin;
    private Path calls;

    @BeforeEach
    void fakeAwsCli() throws Exception {
        assumeTrue(Command.onPath("make").isPresent(), "make is not on the PATH");
        Path aws = bin.resolve("aws");
        Files.writeString(aws, FAKE_AWS);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        calls = bin.resolve("calls.log");
        Files.writeString(calls, "");
    }

    @Test
    void setupCreatesAnEncryptedTlsOnlyBucketInThePartitionOfTheCaller() throws Exception {
        Command setup = make(Map.of("BUCKET_EXISTS", "no"), "setup");

        assertThat(setup.exitCode()).as(setup.output()).isZero();
        assertThat(callsStartingWith("s3 mb", "s3api put-public-access-block", "s3api put-bucket-encryption")).hasSize(3);
        JsonNode policy = Json.MAPPER.readTree(policyArgument(single("s3api put-bucket-policy")));
        JsonNode tlsOnly = policy.path("Statement").path(0);
        assertThat(tlsOnly.path("Effect").asText()).isEqualTo("Deny");
        assertThat(tlsOnly.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
        assertThat(tlsOnly.path("Resource")).extracting(JsonNode::asText)
                .containsExactly("arn:aws-cn:s3:::my-artifacts", "arn:aws-cn:s3:::my-artifacts/*");
        assertThat(policy.path("Statement").path(1).path("Resource").asText()).isEqualTo("arn:aws-cn:s3:::my-artifacts/msgflow-messaging-workflow/*");
        assertThat(policy.path("Statement").path(1).path("Condition").path("StringEquals").path("aws:SourceAccount").asText()).isEqualTo(ACCOUNT);
    }

    @Test
    void setupLeavesAnExistingBucketsPolicyAndEncryptionAlone() throws Exception {
        Command setup = make(Map.of("BUCKET_EXISTS", "yes", "BUCKET_POLICY", "{\"Statement\":[{\"Sid\":\"TheirsOnly\"}]}"), "setup");

        assertThat(setup.exitCode()).isNotZero();
        assertThat(setup.output()).contains("has a policy of its own", "DenyInsecureTransport", "ServerlessRepoReadsThisApplication");
        assertThat(callsStartingWith("s3api put-", "s3 mb")).isEmpty();
        assertThat(single("s3api head-bucket")).contains("--expected-bucket-owner " + ACCOUNT);
    }

    @Test
    void setupAddsItsPolicyToAnExistingBucketWithoutOneAndTouchesNothingWhenItIsThere() throws Exception {
        Command withoutPolicy = make(Map.of("BUCKET_EXISTS", "yes"), "setup");

        assertThat(withoutPolicy.exitCode()).as(withoutPolicy.output()).isZero();
        assertThat(callsStartingWith("s3api put-")).singleElement().asString().startsWith("s3api put-bucket-policy");

        Files.writeString(calls, "");
        Command withPolicy = make(Map.of("BUCKET_EXISTS", "yes",
                "BUCKET_POLICY", "{\"Statement\":[{\"Sid\":\"DenyInsecureTransport\"},{\"Sid\":\"ServerlessRepoReadsThisApplication\"}]}"), "setup");

        assertThat(withPolicy.exitCode()).as(withPolicy.output()).isZero();
        assertThat(withPolicy.output()).contains("left as it is");
        assertThat(callsStartingWith("s3api put-", "s3 mb")).isEmpty();
    }

    @Test
    void deployRefusesAStackNameThatMakesAQueueNameLongerThanSqsAllows() throws Exception {
        int maxStackName = Integer.parseInt(makefileVariable("MAX_STACK_NAME"));
        int longestSuffix = TEMPLATE_QUEUE_SUFFIXES.stream().mapToInt(String::length).max().orElseThrow();

        assertThat(maxStackName + longestSuffix).as("the longest queue name").isEqualTo(80);
        Command tooLong = make(Map.of(), "-n", "deploy", "STACK_NAME=" + "s".repeat(maxStackName + 1));
        Command longest = make(Map.of(), "-n", "deploy", "STACK_NAME=" + "s".repeat(maxStackName));

        assertThat(tooLong.exitCode()).isNotZero();
        assertThat(tooLong.output()).contains("STACK_NAME must be at most " + maxStackName + " characters", "has " + (maxStackName + 1));
        assertThat(longest.exitCode()).as(longest.output()).isZero();
        assertThat(longest.output()).contains("sam deploy", "QueueTriggers=Disabled");
    }

    private static final List<String> TEMPLATE_QUEUE_SUFFIXES = queueSuffixes();

    private static List<String> queueSuffixes() {
        List<String> suffixes = new ArrayList<>();
        Template.load().ofType("AWS::SQS::Queue").values().forEach(q ->
                suffixes.add("-" + Template.stackScopedName(q.path("Properties").path("QueueName")).orElseThrow()));
        return suffixes;
    }

    private Command make(Map<String, String> awsAnswers, String... arguments) throws Exception {
        Map<String, String> environment = new HashMap<>(awsAnswers);
        environment.put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        environment.put("AWS_CALLS", calls.toString());
        List<String> command = new ArrayList<>(List.of("make", "--no-print-directory", "-s"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("AWS_REGION=cn-north-1", "S3_BUCKET=my-artifacts", "DB_HOST=db.internal"));
        return Command.run(command, environment);
    }

    private List<String> callsStartingWith(String... prefixes) throws Exception {
        return Files.readAllLines(calls).stream().filter(c -> List.of(prefixes).stream().anyMatch(c::startsWith)).toList();
    }

    private String single(String prefix) throws Exception {
        List<String> found = callsStartingWith(prefix);
        assertThat(found).as("calls of aws " + prefix).hasSize(1);
        return found.get(0);
    }

    private static String policyArgument(String call) {
        return call.substring(call.indexOf("--policy ") + "--policy ".length());
    }

    private static String makefileVariable(String name) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + name + "\\s*:=\\s*(\\S+)").matcher(Files.readString(Path.of("Makefile")));
        assertThat(m.find()).as("Makefile sets %s", name).isTrue();
        return m.group(1);
    }
}
