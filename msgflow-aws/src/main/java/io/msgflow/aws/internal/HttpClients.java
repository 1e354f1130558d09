package io.msgflow.aws.internal;

import io.msgflow.aws.HttpClientKind;
import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** Builds the chosen SDK HTTP client. Each branch names its client's classes only when taken. */
public final class HttpClients {
    /** Longer than the longest SQS long poll (20 s), so a long poll never times out on the socket. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private HttpClients() {
    }

    public static SdkHttpClient create(HttpClientKind kind, int maxConnections) {
        return switch (kind) {
            case URL_CONNECTION -> UrlConnection.create();
            case APACHE -> Apache.create(maxConnections);
        };
    }

    private static final class UrlConnection {
        static SdkHttpClient create() {
            return UrlConnectionHttpClient.builder().socketTimeout(SOCKET_TIMEOUT).connectionTimeout(CONNECT_TIMEOUT).build();
        }
    }

    private static final class Apache {
        static SdkHttpClient create(int maxConnections) {
            return Apache5HttpClient.builder().maxConnections(maxConnections).socketTimeout(SOCKET_TIMEOUT)
                    .connectionTimeout(CONNECT_TIMEOUT).build();
        }
    }
}
