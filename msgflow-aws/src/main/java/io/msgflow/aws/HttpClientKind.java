package io.msgflow.aws;

/**
 * The synchronous SDK HTTP client an {@link AwsTransport} builds its SNS and SQS clients on. Both
 * are on msgflow-aws's class path; each is loaded only when chosen, so an application may exclude
 * the other one's artifact.
 */
public enum HttpClientKind {
    /**
     * The JDK's {@code HttpURLConnection} ({@code url-connection-client}): no connection pool to
     * set up and the fewest classes to load, so the shortest start-up. The default, and the choice
     * for AWS Lambda, where cold-start time counts and one invocation makes few calls at a time.
     */
    URL_CONNECTION,
    /**
     * Apache HttpClient 5 ({@code apache5-client}; SDK 2.58 deprecates the HttpClient 4 based
     * {@code apache-client}): a bounded, reusable connection pool
     * ({@link AwsTransport.Builder#maxConnections(int)}) with idle-connection reaping. The choice
     * for a long-running poller where many threads hold 20 s long polls open at once.
     */
    APACHE
}
