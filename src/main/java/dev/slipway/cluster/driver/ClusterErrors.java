package dev.slipway.cluster.driver;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.slipway.api.SlipwayException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Which cluster failures are worth retrying, how long the cluster asked us to wait, and how a
 * failure is described. A description is the cluster's HTTP status and a fixed reason per kind of
 * failure, never the cluster's answer: a "cluster" URL may point at any service, and whatever it
 * answers would otherwise reach everyone who can read the deployment. {@link #detail} has the
 * answer, for the log only.
 */
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

    /** Whether the cluster gave no HTTP answer at all: the connection failed or timed out. */
    public static boolean isUnreachable(Throwable failure) {
        if (statusCode(failure) != null || failure instanceof SlipwayException) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The HTTP status the cluster answered with, or null when it did not answer. */
    public static Integer statusCode(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException k8s && k8s.getCode() > 0) {
                return k8s.getCode();
            }
        }
        return null;
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

    /** A one-line description for callers (a deployment's status message, an API error): status code and a fixed reason. */
    public static String describe(Throwable failure) {
        if (failure instanceof SlipwayException) {
            return failure.getMessage(); // Slipway's own words
        }
        Integer code = statusCode(failure);
        if (code != null) {
            return "the cluster answered HTTP " + code + ": " + reason(code);
        }
        if (isUnreachable(failure)) {
            return "the cluster could not be reached: the connection failed or timed out";
        }
        return "the cluster's answer could not be used (" + failure.getClass().getSimpleName() + ")";
    }

    /** The fixed reason for an HTTP status from a cluster. */
    static String reason(int code) {
        if (code < 300) {
            return "the answer is not one a Kubernetes API server gives (is the URL an API server?)";
        }
        return switch (code) {
            case 400 -> "it refused the request as malformed";
            case 401 -> "it did not accept Slipway's credentials";
            case 403 -> "Slipway's credentials may not do this (check their RBAC permissions)";
            case 404 -> "it has no such resource (is the URL an API server?)";
            case 408 -> "it timed out handling the request";
            case 409 -> "the object changed on the cluster meanwhile";
            case 415 -> "it does not accept server-side apply (is the URL an API server?)";
            case 422 -> "it rejected the manifests as invalid (its API server log has the detail)";
            case 429 -> "it is throttling requests";
            default -> code >= 500 ? "its API server failed to handle the request" : "it refused the request";
        };
    }

    /** The full story, the cluster's own message included: for the log (admins), never for a response. */
    public static String detail(Throwable failure) {
        if (failure instanceof KubernetesClientException k8s && k8s.getStatus() != null && k8s.getStatus().getMessage() != null) {
            return "HTTP " + k8s.getCode() + ": " + k8s.getStatus().getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
