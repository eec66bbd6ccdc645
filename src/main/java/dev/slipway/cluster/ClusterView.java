package dev.slipway.cluster;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.slipway.cluster.workload.RoutingSpec;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Cluster", description = "A Kubernetes cluster environments deploy to.")
public record ClusterView(
        @Schema(description = "Server-assigned identifier.", readOnly = true) UUID id,
        @Schema(description = "Unique, immutable slug.", examples = "eu-prod-1") String name,
        @Schema(description = "What the cluster is for.") String description,
        @Schema(description = "How Slipway reaches the cluster.") ClusterKind kind,
        @Schema(description = "Kubernetes API server URL (EXTERNAL clusters).", examples = "https://k8s.example.com:6443") String apiUrl,
        @Schema(description = "Reference to the credentials, never the credentials: secret:<namespace>/<name> or kubeconfig-context:<name>.", examples = "secret:slipway/eu-prod-1-token") String credentialsRef,
        @Schema(description = "The stored credentials' kind, version and rotation time; absent when none are stored. The credentials themselves are never returned.", readOnly = true) ClusterCredentialsInfo credentialsInfo,
        @JsonProperty("default") @Schema(description = "Whether environments use this cluster when neither they nor their type name one.") boolean isDefault,
        @Schema(description = "How routes of environments on this cluster are exposed; absent: Ingresses of the cluster's default "
                + "class, without TLS.") RoutingSpec routing,
        @Schema(description = "When it was created (UTC).", readOnly = true) Instant createdAt,
        @Schema(description = "Who created it.", readOnly = true) String createdBy,
        @Schema(description = "When it last changed (UTC).", readOnly = true) Instant updatedAt,
        @Schema(description = "Entity tag of this version, for If-Match.", readOnly = true) String etag) {
}
