package dev.slipway.local.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Plays the horizontal pod autoscaler (autoscaling/v2) without metrics: when an HPA is created or
 * changed, or the Deployment it targets changes, it clamps the Deployment's {@code spec.replicas}
 * (absent means 1) into [minReplicas (default 1), maxReplicas] and reports
 * {@code currentReplicas}/{@code desiredReplicas} through the HPA's status subresource.
 *
 * <p>It scales as a writer of its own (a JSON patch of {@code spec.replicas}, never an apply by
 * Slipway's field manager), as the real autoscaler writes the scale subresource: so a later apply
 * by Slipway that does not send {@code spec.replicas} leaves the autoscaler's value in place, as
 * field ownership does on a real API server (see {@link ApplyPatch#removeDropped}).
 */
final class SimulatedAutoscalers implements AutoCloseable {
    static final String DEPLOYMENT = "Deployment";
    private static final int STATUS_WRITE_ATTEMPTS = 3;

    private final KubernetesClient client;
    private final ControllerSteps steps;
    private final SharedIndexInformer<HorizontalPodAutoscaler> informer;

    SimulatedAutoscalers(KubernetesClient client, ControllerSteps steps) {
        this.client = client;
        this.steps = steps;
        this.informer = client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().runnableInformer(0);
        this.informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(HorizontalPodAutoscaler autoscaler) {
                schedule(autoscaler);
            }

            @Override
            public void onUpdate(HorizontalPodAutoscaler previous, HorizontalPodAutoscaler autoscaler) {
                if (!Objects.equals(previous.getSpec(), autoscaler.getSpec())) {
                    schedule(autoscaler); // its own status writes change nothing to act on
                }
            }

            @Override
            public void onDelete(HorizontalPodAutoscaler autoscaler, boolean finalStateUnknown) {
                // The Deployment keeps the replicas it was last scaled to, as on a real cluster.
            }
        });
    }

    SharedIndexInformer<HorizontalPodAutoscaler> informer() {
        return informer;
    }

    @Override
    public void close() {
        informer.close();
    }

    /** The Deployment changed (its replicas perhaps): the autoscalers targeting it look again. */
    void deploymentChanged(Deployment deployment) {
        String namespace = deployment.getMetadata().getNamespace();
        for (HorizontalPodAutoscaler autoscaler : informer.getStore().list()) {
            if (namespace.equals(autoscaler.getMetadata().getNamespace()) && targets(autoscaler, deployment.getMetadata().getName())) {
                schedule(autoscaler);
            }
        }
    }

    private static boolean targets(HorizontalPodAutoscaler autoscaler, String deployment) {
        CrossVersionObjectReference target = autoscaler.getSpec() == null ? null : autoscaler.getSpec().getScaleTargetRef();
        return target != null && DEPLOYMENT.equals(target.getKind()) && deployment.equals(target.getName());
    }

    private void schedule(HorizontalPodAutoscaler autoscaler) {
        String namespace = autoscaler.getMetadata().getNamespace();
        String name = autoscaler.getMetadata().getName();
        steps.submit("hpa " + autoscaler.getMetadata().getUid(), () -> reconcile(namespace, name), steps.jitteredDelay());
    }

    private void reconcile(String namespace, String name) {
        HorizontalPodAutoscaler autoscaler = informer.getStore().getByKey(namespace + "/" + name);
        if (autoscaler == null || autoscaler.getSpec() == null || autoscaler.getSpec().getScaleTargetRef() == null
                || !DEPLOYMENT.equals(autoscaler.getSpec().getScaleTargetRef().getKind())) {
            return; // only Deployments are scaled in the sandbox
        }
        String target = autoscaler.getSpec().getScaleTargetRef().getName();
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(target).get();
        if (deployment == null) {
            return; // a real autoscaler reports FailedGetScale; it acts once the Deployment appears
        }
        int current = replicasOf(deployment);
        int min = autoscaler.getSpec().getMinReplicas() == null ? 1 : autoscaler.getSpec().getMinReplicas();
        int max = autoscaler.getSpec().getMaxReplicas() == null ? Math.max(min, current) : autoscaler.getSpec().getMaxReplicas();
        int desired = Math.max(min, Math.min(max, current));
        HorizontalPodAutoscalerStatus old = autoscaler.getStatus();
        String lastScaleTime = old == null ? null : old.getLastScaleTime();
        if (desired != current) {
            client.apps().deployments().inNamespace(namespace).withName(target)
                    .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(desired).endSpec().build());
            lastScaleTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        }
        HorizontalPodAutoscalerStatus status = new HorizontalPodAutoscalerStatusBuilder()
                .withObservedGeneration(autoscaler.getMetadata().getGeneration())
                .withCurrentReplicas(current)
                .withDesiredReplicas(desired)
                .withLastScaleTime(lastScaleTime)
                .build();
        if (old == null || !Objects.equals(old.getCurrentReplicas(), status.getCurrentReplicas())
                || !Objects.equals(old.getDesiredReplicas(), status.getDesiredReplicas())
                || !Objects.equals(old.getObservedGeneration(), status.getObservedGeneration())) {
            writeStatus(autoscaler, status);
        }
    }

    private static int replicasOf(Deployment deployment) {
        Integer replicas = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    private void writeStatus(HorizontalPodAutoscaler cached, HorizontalPodAutoscalerStatus status) {
        String namespace = cached.getMetadata().getNamespace();
        HorizontalPodAutoscaler current = new HorizontalPodAutoscalerBuilder(cached).build();
        for (int attempt = 1; attempt <= STATUS_WRITE_ATTEMPTS; attempt++) {
            if (current == null || !cached.getMetadata().getUid().equals(current.getMetadata().getUid())) {
                return;
            }
            current.setStatus(status);
            try {
                client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).resource(current).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == STATUS_WRITE_ATTEMPTS) {
                    throw e;
                }
            }
            current = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(cached.getMetadata().getName())
                    .get();
        }
    }
}
