package io.msgflow.lambda.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Json;
import io.msgflow.lambda.LambdaConfig;
import io.msgflow.postgres.PostgresCredentials;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database credentials of AWS mode: the secret's JSON, with {@code host}, {@code port},
 * {@code username} and {@code database} it lacks taken from {@code DB_HOST}, {@code DB_PORT},
 * {@code DB_USER} and {@code DB_NAME}. A field the secret holds wins over its variable, so an
 * RDS-style secret with all five works as it is, and a secret that holds only the password
 * survives a change of the database's address. The password comes from the secret only.
 */
public final class SecretCredentials {
    private static final Map<String, String> VARIABLE_OF_FIELD = fields();

    private SecretCredentials() {
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("host", "DB_HOST");
        fields.put("port", "DB_PORT");
        fields.put("username", "DB_USER");
        fields.put("database", "DB_NAME");
        return fields;
    }

    public static PostgresCredentials of(String secretName, String secretJson, Map<String, String> variables) {
        if (variables.containsKey("DB_PASSWORD")) {
            throw new InvalidConfigurationException("DB_PASSWORD", "environment variable `DB_PASSWORD` must not be set in AWS mode, where the"
                    + " password comes from the secret `" + LambdaConfig.DB_SECRET_NAME + "` only (it is read in local mode), but was set");
        }
        JsonNode parsed = Json.tryParse(secretJson);
        if (parsed == null || !parsed.isObject()) {
            return PostgresCredentials.fromSecret(secretJson); // refuses it, without quoting the value
        }
        ObjectNode secret = (ObjectNode) parsed;
        VARIABLE_OF_FIELD.forEach((field, variable) -> {
            boolean held = !blank(secret.get(field)) || field.equals("database") && !blank(secret.get("dbname"));
            if (!held) {
                String value = variables.get(variable);
                if (value == null || value.isBlank()) {
                    if (!field.equals("port")) {
                        throw new InvalidConfigurationException(variable, "secret '" + secretName + "' must hold `" + field
                                + "`, or environment variable `" + variable + "` must be set, but neither was");
                    }
                } else {
                    secret.put(field, value.trim());
                }
            }
        });
        return PostgresCredentials.fromSecret(secret.toString());
    }

    private static boolean blank(JsonNode value) {
        return value == null || value.isNull() || value.asText().isBlank();
    }
}
