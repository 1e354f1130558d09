package io.msgflow.lambda;

/** Where a function finds its database credentials, as {@code ENVIRONMENT} says. */
public enum LambdaMode {
    /** {@code ENVIRONMENT=local}: plain variables {@code DB_HOST}, {@code DB_PORT}, {@code DB_USER}, {@code DB_PASSWORD}, {@code DB_NAME}. */
    LOCAL,
    /** Any other value, or none: the JSON secret named by {@code DB_SECRET_NAME}, read from Secrets Manager once per container. */
    AWS
}
