package dev.slipway.infra;

import java.util.Map;

import dev.slipway.infra.driver.DriverInputs;
import dev.slipway.infra.driver.ProvisionContext;
import dev.slipway.infra.driver.ResourceTypeOutputs;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Resource types and provisioning contexts for driver tests. */
public final class ResourceTypes {
    /** host, port, name and username plain; password and url secret. */
    public static final ResourceTypeOutputs POSTGRES = new ResourceTypeOutputs("postgres",
            Map.of("host", false, "port", false, "name", false, "username", false, "password", true, "url", true));
    /** host and port plain; password and url secret. */
    public static final ResourceTypeOutputs REDIS = new ResourceTypeOutputs("redis",
            Map.of("host", false, "port", false, "password", true, "url", true));

    private ResourceTypes() {
    }

    /** A first provision of {@code resource} (nothing generated or applied yet) of application "shop" in {@code environment}. */
    public static ProvisionContext context(KubernetesClient client, String namespace, String resource, ResourceTypeOutputs type,
            Map<String, Object> params, DriverInputs inputs) {
        return new ProvisionContext("shop", "dev", namespace, resource, type, params, inputs, Map.of(), null, client);
    }
}
