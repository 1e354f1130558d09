package io.msgflow.examples.workflow;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A critical alert, message type {@code critical_alert}: routed to the alerts queue and stored in
 * {@code critical_alerts}. The body is this record's JSON,
 * {@code {"severity": ..., "message": ..., "created_at": ...}}, as the original workflow sent it.
 *
 * @param createdAt when the message was created, ISO-8601
 */
public record CriticalAlert(String severity, String message, @JsonProperty("created_at") String createdAt) {
}
