package io.msgflow.lambda.internal;

import io.msgflow.InvalidConfigurationException;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of queues and topics out of their URLs and ARNs. */
public final class ResourceNames {
    private static final Pattern ARN = Pattern.compile("arn:([a-z0-9-]+):([a-z0-9-]+):([a-z0-9-]*):(\\d{12}):([A-Za-z0-9_.-]+)");

    private ResourceNames() {
    }

    /** An ARN's parts: {@code arn:partition:service:region:account:name}. */
    public record Arn(String partition, String service, String region, String accountId, String name) {
    }

    /**
     * @param setting what holds the ARN, for the error message
     * @throws InvalidConfigurationException when {@code text} is not an ARN of {@code service}
     */
    public static Arn parseArn(String setting, String text, String service) {
        Matcher m = text == null ? null : ARN.matcher(text);
        if (m == null || !m.matches() || !m.group(2).equals(service)) {
            throw new InvalidConfigurationException(setting, "`" + setting + "` must be an " + service.toUpperCase(java.util.Locale.ROOT)
                    + " ARN such as arn:aws:" + service + ":eu-west-1:123456789012:name, but was '" + text + "'");
        }
        return new Arn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    }

    /**
     * The queue name of a queue URL such as {@code https://sqs.eu-west-1.amazonaws.com/123456789012/name}
     * (or an emulator's {@code http://127.0.0.1:4566/000000000000/name}): its last path segment.
     */
    public static String queueNameOfUrl(String setting, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw badUrl(setting, url);
        }
        String path = uri.getPath();
        if (uri.getScheme() == null || uri.getHost() == null || path == null || path.endsWith("/")) {
            throw badUrl(setting, url);
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            throw badUrl(setting, url);
        }
        return name;
    }

    private static InvalidConfigurationException badUrl(String setting, String url) {
        return new InvalidConfigurationException(setting, "`" + setting
                + "` must be a queue URL such as https://sqs.eu-west-1.amazonaws.com/123456789012/name, but was '" + url + "'");
    }
}
