package io.msgflow.aws;

/**
 * The synchronous SDK HTTP client an {@link AwsTransport} builds its SNS and SQS clients on. Both
 * are on msgflow-aws's class path; each is loaded only when chosen, so an application may exclude
 * the other one's artifact.
 *
 * <p>Measured with {@code MessageConsumer} draining an SQS queue (the benchmarks module's
 * {@code HttpClientBenchmark}, results in {@code docs/performance.md}): Apache HttpClient 5 was the
 * fastest of the SDK's synchronous clients, ahead of {@code HttpURLConnection} and of the native
 * AWS CRT client, so it is the default. {@code HttpURLConnection} loads the fewest classes and
 * starts fastest, which is what a Lambda cold start pays for.
 */
public enum HttpClientKind {
    /**
     * The JDK's {@code HttpURLConnection} ({@code url-connection-client}): no connection pool to
     * set up and the fewest classes to load, so the shortest start-up; slower per request under
     * load. The choice for AWS Lambda, where cold-start time counts and one invocation makes few
     * calls at a time (msgflow-lambda's handlers use it).
     */
    URL_CONNECTION,
    /**
     * Apache HttpClient 5 ({@code apache5-client}; SDK 2.58 deprecates the HttpClient 4 based
     * {@code apache-client}): a bounded, reusable connection pool
     * ({@link AwsTransport.Builder#maxConnections(int)}) with idle-connection reaping. The default:
     * the fastest for a long-running consumer, where many pollers hold long polls open at once.
     */
    APACHE
}
