package io.msgflow.aws.internal;

import io.msgflow.MsgflowException;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.TransportException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** What an SNS/SQS error code means to msgflow: retry it, report it, or name the missing resource. */
public final class AwsErrors {
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "KMSThrottling", "KMSThrottlingException", "KmsThrottling", "RequestThrottled", "RequestThrottledException",
            "TooManyRequestsException", "SlowDown", "RequestLimitExceeded");
    private static final Set<String> SERVER_FAULT = Set.of("InternalError", "InternalFailure", "InternalErrorException",
            "ServiceUnavailable", "ServiceUnavailableException");
    private static final Set<String> NOT_FOUND = Set.of("NotFound", "NotFoundException", "ResourceNotFound",
            "ResourceNotFoundException", "AWS.SimpleQueueService.NonExistentQueue", "NonExistentQueue", "QueueDoesNotExist");

    private AwsErrors() {
    }

    public static boolean isThrottling(String code) {
        return code != null && THROTTLING.contains(code);
    }

    /** A batch entry failure worth retrying: throttled, or the service's own fault (a 5xx for one entry). */
    public static boolean isRetryableEntry(String code, boolean senderFault) {
        return isThrottling(code) || SERVER_FAULT.contains(code) || !senderFault;
    }

    /** A whole-call failure worth retrying: throttling, a 5xx, or no answer at all. */
    public static boolean isRetryable(SdkException e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException s = (AwsServiceException) e;
            return isThrottling(code(s)) || SERVER_FAULT.contains(code(s)) || s.statusCode() >= 500 || s.statusCode() == 429;
        }
        return e instanceof SdkClientException;
    }

    public static boolean isNotFound(SdkException e) {
        return e instanceof AwsServiceException && NOT_FOUND.contains(code((AwsServiceException) e));
    }

    /** The error code, or the exception's simple name when the service gave none. */
    public static String code(SdkException e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException s = (AwsServiceException) e;
            if (s.awsErrorDetails() != null && s.awsErrorDetails().errorCode() != null) {
                return s.awsErrorDetails().errorCode();
            }
        }
        return e.getClass().getSimpleName();
    }

    /** A human-readable reason: the service's message, or the exception's. */
    public static String reason(SdkException e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException s = (AwsServiceException) e;
            if (s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null) {
                return s.awsErrorDetails().errorMessage();
            }
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * The msgflow exception for a call on {@code name} that failed as a whole: resource not found
     * when the service says so, otherwise a transport failure naming the resource, code and reason.
     */
    public static MsgflowException translate(SdkException e, ResourceNotFoundException.Kind kind, String name, String operation) {
        if (isNotFound(e)) {
            return new ResourceNotFoundException(kind, name, e);
        }
        return new TransportException(kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + name + "'",
                operation + " failed: " + code(e) + ": " + reason(e), e);
    }
}
