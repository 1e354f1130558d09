package io.msgflow.internal.filter;

import java.util.List;

/** The message as a policy sees it in its scope: the values under a key path. */
public interface MessageView {
    /** The values under a key path (one name in attribute scope, nested names in body scope). */
    FieldValues values(List<String> path);

    /** Whether the message has no property at all in this scope. */
    boolean isEmpty();
}
