package io.msgflow.benchmarks.consumer;

import io.msgflow.aws.HttpClientKind;
import io.msgflow.aws.internal.HttpClients;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;

/**
 * The SDK's synchronous HTTP clients: msgflow's two kinds exactly as {@code AwsTransport} builds
 * them, and the two it does not offer, with the same pool size.
 */
enum SyncHttpClient {
    URL_CONNECTION("url-connection (JDK HttpURLConnection)", "url-connection-client") {
        @Override
        SdkHttpClient create() {
            return HttpClients.create(HttpClientKind.URL_CONNECTION, MAX_CONNECTIONS);
        }
    },
    APACHE5("Apache HttpClient 5", "apache5-client") {
        @Override
        SdkHttpClient create() {
            return HttpClients.create(HttpClientKind.APACHE, MAX_CONNECTIONS);
        }
    },
    APACHE4("Apache HttpClient 4", "apache-client") {
        /** Deprecated by the SDK in favour of Apache 5; still its default synchronous client, so measured. */
        @Override
        @SuppressWarnings("deprecation")
        SdkHttpClient create() {
            return ApacheHttpClient.builder().maxConnections(MAX_CONNECTIONS).build();
        }
    },
    CRT("AWS CRT (native)", "aws-crt-client") {
        @Override
        SdkHttpClient create() {
            return AwsCrtHttpClient.builder().maxConcurrency(MAX_CONNECTIONS).build();
        }
    };

    private static final int MAX_CONNECTIONS = 50;

    private final String label;
    private final String artifact;

    SyncHttpClient(String label, String artifact) {
        this.label = label;
        this.artifact = artifact;
    }

    abstract SdkHttpClient create();

    String label() {
        return label;
    }

    String artifact() {
        return artifact;
    }
}
