package dev.slipway.infra.provision;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.api.Page;
import dev.slipway.api.PageRequest;
import dev.slipway.api.SlipwayException;
import dev.slipway.environment.Environments;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reading an environment's resources: whoever may read the application may see them, never a secret value. */
@ApplicationScoped
public class ResourceInstances {
    static final String KIND = "resource";

    private final ResourceInstanceRepository instances;
    private final Environments environments;
    private final CallerResolver callers;

    public ResourceInstances(ResourceInstanceRepository instances, Environments environments, CallerResolver callers) {
        this.instances = instances;
        this.environments = environments;
        this.callers = callers;
    }

    @WithSession
    public Uni<Page<ResourceInstanceView>> list(String application, String environment, Integer pageSize, String pageToken) {
        return callers.current()
                .flatMap(caller -> environments.requireEnvironment(caller, application, environment, Permission.APPLICATION_READ))
                .flatMap(located -> {
                    PageRequest page = PageRequest.of(pageSize, pageToken);
                    return instances.page(located.environment().id, page)
                            .map(rows -> Page.from(rows, page, instance -> instance.name, ResourceInstances::toView));
                });
    }

    @WithSession
    public Uni<ResourceInstanceView> get(String application, String environment, String name) {
        return callers.current()
                .flatMap(caller -> environments.requireEnvironment(caller, application, environment, Permission.APPLICATION_READ))
                .flatMap(located -> instances.findByName(located.environment().id, name))
                .onItem().ifNull().failWith(() -> SlipwayException.NotFound.of(KIND, application + "/" + environment + "/" + name))
                .map(ResourceInstances::toView);
    }

    static ResourceInstanceView toView(ResourceInstance instance) {
        Map<String, String> outputs = instance.outputs == null || instance.outputs.isEmpty() ? null : new TreeMap<>(instance.outputs);
        var secretNames = instance.secretOutputs == null || instance.secretOutputs.isEmpty()
                ? null
                : new ArrayList<>(new TreeMap<>(instance.secretOutputs).keySet());
        return new ResourceInstanceView(instance.name, instance.type, instance.resourceClass,
                instance.params == null || instance.params.isEmpty() ? null : instance.params, instance.definitionName,
                instance.definitionVersion, instance.driver, instance.status, instance.statusReason, instance.statusMessage, outputs,
                secretNames, instance.deploymentId, instance.createdAt, instance.updatedAt);
    }
}
