package io.msgflow.stepfunctions;

/** The error names the States Language predefines (its appendix A) that this interpreter reports or matches. */
public final class StatesErrors {
    /** Matches every error except {@link #RUNTIME} and {@link #DATA_LIMIT_EXCEEDED}. */
    public static final String ALL = "States.ALL";
    /** Matches every error except {@link #TIMEOUT}, {@link #RUNTIME} and {@link #DATA_LIMIT_EXCEEDED}. */
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String TIMEOUT = "States.Timeout";
    public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    /** Terminal: never retried or caught. */
    public static final String RUNTIME = "States.Runtime";
    /** Terminal: never retried or caught. */
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String BRANCH_FAILED = "States.BranchFailed";
    public static final String PERMISSIONS = "States.Permissions";

    private StatesErrors() {
    }

    /** Whether a Retrier or Catcher listing {@code pattern} handles {@code error}. */
    public static boolean matches(String pattern, String error) {
        if (RUNTIME.equals(error) || DATA_LIMIT_EXCEEDED.equals(error)) {
            return false;
        }
        return switch (pattern) {
            case ALL -> true;
            case TASK_FAILED -> !TIMEOUT.equals(error);
            default -> pattern.equals(error);
        };
    }
}
