package io.msgflow.lambda.internal;

import java.sql.SQLException;

/** Whether a failure is the database refusing the credentials: SQLState 28P01 (wrong password) or 28000 (not authorized). */
public final class AuthenticationFailures {
    private static final int MAX_DEPTH = 16;

    private AuthenticationFailures() {
    }

    public static boolean isAuthenticationFailure(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SQLException) {
                String state = ((SQLException) t).getSQLState();
                if ("28P01".equals(state) || "28000".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }
}
