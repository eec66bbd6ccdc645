package dev.slipway.cluster.driver;

import java.util.List;
import java.util.Map;

import dev.slipway.cluster.render.ManifestRenderer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a rollout is judged from a Deployment's status and its pods (pure). */
class RolloutEvaluationTest {
    private static final String ID = "d-1";

    private static Deployment deployment(long generation, Long observed, Integer replicas, Integer updated, Integer available,
            String progressingStatus, String progressingReason) {
        DeploymentBuilder builder = new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace("ns").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(2).endSpec();
        if (observed != null) {
            builder.withNewStatus().withObservedGeneration(observed).withReplicas(replicas).withUpdatedReplicas(updated)
                    .withAvailableReplicas(available).withReadyReplicas(available)
                    .addNewCondition().withType("Progressing").withStatus(progressingStatus).withReason(progressingReason)
                    .withMessage("progress message").endCondition()
                    .endStatus();
        }
        return builder.build();
    }

    private static Pod waitingPod(String deploymentId, String reason) {
        return new PodBuilder().withNewMetadata().withName("web-1")
                .withAnnotations(Map.of(ManifestRenderer.DEPLOYMENT_ID_ANNOTATION, deploymentId))
                .endMetadata()
                .withNewStatus().addNewContainerStatus().withName("web").withNewState().withNewWaiting().withReason(reason)
                .withMessage("pull failed").endWaiting().endState().endContainerStatus().endStatus()
                .build();
    }

    @Test
    void inProgressUntilTheControllerHasSeenTheNewGeneration() {
        assertNull(ClusterDriver.evaluate(deployment(2, 1L, 2, 2, 2, "True", "NewReplicaSetAvailable"), List.of(), ID));
        assertNull(ClusterDriver.evaluate(deployment(2, null, null, null, null, null, null), List.of(), ID));
    }

    @Test
    void succeedsWhenEveryReplicaIsUpdatedAndAvailable() {
        RolloutOutcome outcome = ClusterDriver.evaluate(deployment(2, 2L, 2, 2, 2, "True", "NewReplicaSetAvailable"), List.of(), ID);
        assertTrue(outcome.succeeded());
        assertEquals(2, outcome.readyReplicas());
        assertNull(ClusterDriver.evaluate(deployment(2, 2L, 3, 2, 2, "True", "ReplicaSetUpdated"), List.of(), ID),
                "old replicas still running");
        assertNull(ClusterDriver.evaluate(deployment(2, 2L, 2, 2, 1, "True", "ReplicaSetUpdated"), List.of(), ID));
    }

    @Test
    void failsOnTheProgressDeadline() {
        RolloutOutcome outcome = ClusterDriver.evaluate(deployment(2, 2L, 2, 2, 0, "False", "ProgressDeadlineExceeded"), List.of(), ID);
        assertFalse(outcome.succeeded());
        assertEquals("ProgressDeadlineExceeded", outcome.reason());
    }

    @Test
    void failsFastOnAFatalWaitingReasonOfItsOwnPodsOnly() {
        Deployment progressing = deployment(2, 2L, 2, 0, 0, "True", "ReplicaSetUpdated");
        RolloutOutcome outcome = ClusterDriver.evaluate(progressing, List.of(waitingPod(ID, "ImagePullBackOff")), ID);
        assertEquals("ImagePullBackOff", outcome.reason());
        assertTrue(outcome.message().contains("pull failed"));
        assertNull(ClusterDriver.evaluate(progressing, List.of(waitingPod("older-release", "CrashLoopBackOff")), ID),
                "the failing pods of the release being replaced do not fail this one");
        assertNull(ClusterDriver.evaluate(progressing, List.of(waitingPod(ID, "ContainerCreating")), ID));
    }

    @Test
    void aMissingDeploymentFails() {
        assertEquals("NotFound", ClusterDriver.evaluate(null, List.of(), ID).reason());
    }
}
