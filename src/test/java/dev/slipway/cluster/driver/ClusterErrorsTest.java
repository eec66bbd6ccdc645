package dev.slipway.cluster.driver;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.UUID;

import dev.slipway.api.SlipwayException;
import dev.slipway.cluster.ClusterAddress;
import dev.slipway.cluster.ClusterKind;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How cluster failures are described to callers (never in the cluster's words) and how clusters are marked down. */
class ClusterErrorsTest {
    private static final String CANARY = "canary-" + UUID.randomUUID();

    @Test
    void aDescriptionHasTheStatusAndAFixedReasonButNeverTheClustersMessage() {
        for (int code : new int[]{ 200, 400, 401, 403, 404, 409, 415, 422, 429, 500, 503 }) {
            Status status = new StatusBuilder().withCode(code).withMessage(CANARY).build();
            KubernetesClientException failure = new KubernetesClientException(status);
            String description = ClusterErrors.describe(failure);
            assertFalse(description.contains(CANARY), description);
            assertTrue(description.contains("HTTP " + code), description);
            assertTrue(ClusterErrors.detail(failure).contains(CANARY), "the log keeps the detail");
            assertFalse(ClusterErrors.isUnreachable(failure), "it answered");
        }
        KubernetesClientException wrapped = new KubernetesClientException("body: " + CANARY, new IllegalStateException(CANARY));
        assertFalse(ClusterErrors.describe(wrapped).contains(CANARY), ClusterErrors.describe(wrapped));
    }

    @Test
    void noAnswerIsUnreachableAndRetryable() {
        for (Exception cause : new Exception[]{ new ConnectException("refused " + CANARY), new SocketTimeoutException("timeout") }) {
            KubernetesClientException failure = new KubernetesClientException("failed " + CANARY, cause);
            assertTrue(ClusterErrors.isUnreachable(failure));
            assertTrue(ClusterErrors.isRetryable(failure));
            assertEquals("ClusterUnavailable", ClusterErrors.failureReason(failure));
            assertFalse(ClusterErrors.describe(failure).contains(CANARY), ClusterErrors.describe(failure));
        }
        assertFalse(ClusterErrors.isUnreachable(new SlipwayException.Unavailable("sandbox off")));
    }

    @Test
    void aClusterMarkedDownFailsFastUntilTheCoolOffEndsOrItsAddressChanges() throws InterruptedException {
        ClusterAvailability availability = new ClusterAvailability(Duration.ofMillis(300));
        ClusterAddress address = new ClusterAddress(UUID.randomUUID(), "edge", ClusterKind.EXTERNAL, "https://a.example.com", null, 1);
        assertDoesNotThrow(() -> availability.requireUp(address));

        availability.markDown(address);
        SlipwayException down = assertThrows(SlipwayException.class, () -> availability.requireUp(address));
        assertEquals("ClusterUnavailable", ClusterErrors.failureReason(down));

        ClusterAddress rotated = new ClusterAddress(address.id(), "edge", ClusterKind.EXTERNAL, "https://a.example.com", null, 2);
        assertDoesNotThrow(() -> availability.requireUp(rotated), "new credentials start afresh");

        availability.markDown(rotated);
        availability.markUp(rotated);
        assertDoesNotThrow(() -> availability.requireUp(rotated), "it answered again");

        availability.markDown(rotated);
        Thread.sleep(400);
        assertDoesNotThrow(() -> availability.requireUp(rotated), "the cool-off passed");
    }
}
