package io.msgflow.examples.workflow;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A notification, message type {@code notification}: routed to the notifications queue and stored
 * in {@code notification_messages}. The body is this record's JSON,
 * {@code {"title": ..., "message": ..., "created_at": ...}}, as the original workflow sent it.
 *
 * @param createdAt when the message was created, ISO-8601
 */
public record Notification(String title, String message, @JsonProperty("created_at") String createdAt) {
}
