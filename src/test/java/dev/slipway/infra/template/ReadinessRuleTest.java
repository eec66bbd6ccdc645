package dev.slipway.infra.template;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadinessRuleTest {

    private static final ReadinessRule REPLICAS = new ReadinessRule(null, "StatefulSet", null, null, Set.of());
    private static final ReadinessRule READY_CONDITION = new ReadinessRule("example.com/v1", "Cluster", null, "Ready",
            Set.of("ClusterIsNotReady"));

    @Test
    void aStatefulSetIsReadyWhenItsReadyReplicasReachItsReplicasForTheCurrentGeneration() {
        assertTrue(replicas("{\"metadata\": {\"generation\": 2}, \"spec\": {\"replicas\": 2},"
                + " \"status\": {\"observedGeneration\": 2, \"readyReplicas\": 2}}").ready());
        assertTrue(
                replicas("{\"metadata\": {\"generation\": 1}, \"spec\": {}, \"status\": {\"observedGeneration\": 1, \"readyReplicas\": 1}}")
                        .ready(),
                "replicas default to 1");
        ReadinessRule.Verdict stale = replicas("{\"metadata\": {\"generation\": 3}, \"spec\": {\"replicas\": 1},"
                + " \"status\": {\"observedGeneration\": 2, \"readyReplicas\": 1}}");
        assertEquals("StatefulSet/db: its controller has not seen generation 3 yet", stale.message());
        assertEquals("StatefulSet/db: 0 of 2 replicas ready", replicas("{\"metadata\": {\"generation\": 1}, \"spec\": {\"replicas\": 2},"
                + " \"status\": {\"observedGeneration\": 1}}").message());
        assertEquals("StatefulSet/db does not exist yet", REPLICAS.judge(null, "db", selector -> List.of()).message());
    }

    @Test
    void aStuckPodFailsTheStatefulSet() {
        Pod stuck = new PodBuilder().withNewMetadata().withName("db-0").endMetadata().withNewStatus().addNewContainerStatus()
                .withName("postgres").withNewState().withNewWaiting().withReason("CrashLoopBackOff").withMessage("back-off 5m")
                .endWaiting().endState().endContainerStatus().endStatus().build();
        ReadinessRule.Verdict verdict = REPLICAS.judge(json("{\"metadata\": {\"generation\": 1},"
                + " \"spec\": {\"selector\": {\"matchLabels\": {\"app\": \"db\"}}}}"), "db", selector -> {
                    assertEquals(Map.of("app", "db"), selector);
                    return List.of(stuck);
                });
        assertTrue(verdict.failed());
        assertEquals("CrashLoopBackOff", verdict.failureReason());
        assertEquals("StatefulSet/db: pod db-0 container postgres: back-off 5m", verdict.message());
    }

    @Test
    void aConditionIsReadyOnTrueFailsOnFalseAndWaitsOnPendingReasonsOrOldGenerations() {
        assertTrue(condition("True", "", "", 1).ready());
        ReadinessRule.Verdict failed = condition("False", "QuotaExceeded", "disk quota exceeded", 1);
        assertTrue(failed.failed());
        assertEquals("QuotaExceeded", failed.failureReason());
        assertEquals("Cluster/db: Ready=False (QuotaExceeded): disk quota exceeded", failed.message());
        ReadinessRule.Verdict pending = condition("False", "ClusterIsNotReady", "creating primary", 1);
        assertFalse(pending.failed() || pending.ready());
        assertFalse(condition("Unknown", "", "", 1).ready());
        assertEquals("Cluster/db: condition Ready is for an older generation", condition("True", "", "", 0).message());
        assertEquals("Cluster/db: no Ready condition yet",
                READY_CONDITION.judge(json("{\"metadata\": {\"generation\": 1}, \"status\": {}}"), "db", selector -> List.of()).message());
    }

    private static ReadinessRule.Verdict replicas(String object) {
        return REPLICAS.judge(json(object), "db", selector -> List.of());
    }

    private static ReadinessRule.Verdict condition(String status, String reason, String message, long observedGeneration) {
        return READY_CONDITION
                .judge(json("{\"metadata\": {\"generation\": 1}, \"status\": {\"conditions\": [{\"type\": \"Ready\", \"status\": \""
                        + status + "\", \"reason\": \"" + reason + "\", \"message\": \"" + message + "\", \"observedGeneration\": "
                        + observedGeneration
                        + "}]}}"), "db", selector -> List.of());
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
