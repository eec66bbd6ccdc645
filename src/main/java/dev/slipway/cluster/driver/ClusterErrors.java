package dev.slipway.cluster.driver;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.slipway.api.SlipwayException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Which cluster failures are worth retrying, and how long the cluster asked us to wait. */
public final class ClusterErrors {
    private ClusterErrors() {
    }

    /** Server errors, conflicts, throttling and transport failures pass; a rejected manifest does not. */
    public static boolean isRetryable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException k8s && k8s.getCode() > 0) {
                int code = k8s.getCode();
                return code >= 500 || code == 409 || code == 429 || code == 408;
            }
            if (cause instanceof IOException || cause instanceof TimeoutException || cause instanceof InterruptedException) {
                return true;
            }
        }
        return failure instanceof KubernetesClientException;
    }

    /** The Retry-After the API server sent with the failure, if any. */
    public static Duration retryAfter(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException k8s && k8s.getStatus() != null && k8s.getStatus().getDetails() != null
                    && k8s.getStatus().getDetails().getRetryAfterSeconds() != null) {
                return Duration.ofSeconds(k8s.getStatus().getDetails().getRetryAfterSeconds());
            }
        }
        return Duration.ZERO;
    }

    /**
     * A deployment's status reason for a failure on its cluster: ClusterUnavailable when the
     * cluster could not be reached (or is not available here at all), ClusterRejected when it
     * refused the manifests.
     */
    public static String failureReason(Throwable failure) {
        return isRetryable(failure) || failure instanceof SlipwayException.Unavailable ? "ClusterUnavailable" : "ClusterRejected";
    }

    /** A one-line description for a deployment's status message. */
    public static String describe(Throwable failure) {
        if (failure instanceof SlipwayException) {
            return failure.getMessage(); // written for callers already
        }
        if (failure instanceof KubernetesClientException k8s) {
            String status = k8s.getCode() > 0 ? "HTTP " + k8s.getCode() + ": " : "";
            String message = k8s.getStatus() != null && k8s.getStatus().getMessage() != null
                    ? k8s.getStatus().getMessage()
                    : k8s.getMessage();
            return status + message;
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
