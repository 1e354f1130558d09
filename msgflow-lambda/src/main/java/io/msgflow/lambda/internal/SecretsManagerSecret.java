package io.msgflow.lambda.internal;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.TransportException;
import io.msgflow.aws.HttpClientKind;
import io.msgflow.aws.internal.AwsErrors;
import io.msgflow.aws.internal.HttpClients;
import io.msgflow.lambda.LambdaConfig;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Reads one Secrets Manager secret as text with {@code GetSecretValue}, on a client built for the
 * call (url-connection HTTP client, the function's region, endpoint and credentials) and closed
 * after it: the caller caches what it builds from the value. The value is never logged or put in
 * an exception.
 */
public final class SecretsManagerSecret {
    private SecretsManagerSecret() {
    }

    public static String read(LambdaConfig config, String secretId) {
        try (SdkHttpClient http = HttpClients.create(HttpClientKind.URL_CONNECTION, 1);
             SecretsManagerClient client = client(config, http)) {
            String value = client.getSecretValue(r -> r.secretId(secretId)).secretString();
            if (value == null) {
                throw new InvalidConfigurationException(LambdaConfig.DB_SECRET_NAME, "secret '" + secretId
                        + "' (environment variable `" + LambdaConfig.DB_SECRET_NAME + "`) must hold a JSON text, but holds a binary value");
            }
            return value;
        } catch (SdkException e) {
            throw new TransportException("secret '" + secretId + "'", "GetSecretValue failed: " + AwsErrors.code(e) + ": "
                    + AwsErrors.reason(e), e);
        }
    }

    private static SecretsManagerClient client(LambdaConfig config, SdkHttpClient http) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder().httpClient(http);
        config.region().map(Region::of).ifPresent(builder::region);
        config.endpoint().ifPresent(builder::endpointOverride);
        config.credentials().ifPresent(builder::credentialsProvider);
        return builder.build();
    }
}
