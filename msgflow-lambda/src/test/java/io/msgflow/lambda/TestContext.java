package io.msgflow.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.IntSupplier;

/** A Lambda {@link Context} whose remaining time is scripted or follows a deadline on a clock. */
final class TestContext implements Context {
    private final IntSupplier remaining;
    private int calls;

    private TestContext(IntSupplier remaining) {
        this.remaining = remaining;
    }

    /** Remaining time until {@code deadline} on {@code clock}. */
    static TestContext until(Clock clock, Instant deadline) {
        return new TestContext(() -> (int) Math.max(0, deadline.toEpochMilli() - clock.millis()));
    }

    /** Answers these remaining times in turn, then the last one for ever. */
    static TestContext scripted(int... millis) {
        Deque<Integer> answers = new ArrayDeque<>();
        for (int m : millis) {
            answers.add(m);
        }
        return new TestContext(() -> answers.size() > 1 ? answers.poll() : answers.peek());
    }

    /** A generous 15 minutes, the Lambda maximum. */
    static TestContext plenty() {
        return scripted(15 * 60 * 1000);
    }

    int remainingTimeCalls() {
        return calls;
    }

    @Override
    public int getRemainingTimeInMillis() {
        calls++;
        return remaining.getAsInt();
    }

    @Override
    public String getAwsRequestId() {
        return "test-request";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/msgflow-test";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "msgflow-test";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:msgflow-test";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
