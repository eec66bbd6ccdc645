package dev.slipway.environment;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A route of an environment's current deployment as a developer opens it. The deployment
 * lifecycle records these when it renders a deployment (placeholders resolved), and copies them to
 * the environment when the deployment becomes its current one.
 */
@Schema(name = "EnvironmentRoute", description = "A route of the environment's current deployment, placeholders resolved.")
public record EnvironmentRoute(
        @Schema(description = "https://host/path where TLS is configured for the route, else http://host/path.", examples = "https://shop.example.com/") String url,
        @Schema(description = "Host name.", examples = "shop.example.com") String host,
        @Schema(description = "Path prefix.", examples = "/") String path,
        @Schema(description = "The service workload that takes the traffic.", examples = "web") String workload,
        @Schema(description = "Its service port.", examples = "80") int port) {

    /** How the routes are stored (jsonb): an object at the top, since Hibernate Reactive reads jsonb objects only. */
    public record Stored(List<EnvironmentRoute> items) {
        public Stored {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }
}
