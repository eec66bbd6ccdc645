package dev.slipway.cluster.driver;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.UUID;

import dev.slipway.api.ErrorKind;
import dev.slipway.api.SlipwayException;
import dev.slipway.cluster.ClusterAddress;
import dev.slipway.cluster.ClusterKind;
import jakarta.enterprise.inject.Instance;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where no sandbox is enabled (production), a SANDBOX cluster is an unavailable cluster. */
class ClusterConnectionsTest {

    @Test
    void aSandboxClusterWithoutAnEnabledSandboxIsUnavailable() {
        ClusterConnections connections = new ClusterConnections(nothing(), nothing(), nothing(), nothing(),
                new ClusterAvailability(Duration.ofSeconds(1)), null, null);

        SlipwayException failure = assertThrows(SlipwayException.class,
                () -> connections.client(new ClusterAddress(UUID.randomUUID(), "sandbox", ClusterKind.SANDBOX, null, null, 0)));

        assertEquals(ErrorKind.UNAVAILABLE, failure.kind(), "drift answers 503");
        assertEquals("ClusterUnavailable", ClusterErrors.failureReason(failure), "the deployment fails as on an unreachable cluster");
        assertTrue(ClusterErrors.describe(failure).contains("slipway.sandbox.enabled=true"), ClusterErrors.describe(failure));
    }

    /** An Instance with no bean behind it, as CDI hands out when the dev-only tree does not provide one. */
    @SuppressWarnings("unchecked")
    private static <T> Instance<T> nothing() {
        return (Instance<T>) Proxy.newProxyInstance(ClusterConnectionsTest.class.getClassLoader(), new Class<?>[]{ Instance.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "isResolvable", "isAmbiguous" -> false;
                    case "isUnsatisfied" -> true;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
