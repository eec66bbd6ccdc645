package dev.slipway.infra.provision;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A provisioned resource as the API shows it: never a secret value, only the names of secret outputs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "EnvironmentResource", description = "A resource of an environment, provisioned for the deployments that ask for it.")
public record ResourceInstanceView(
        @Schema(description = "Name the workload refers to it by (${resources.NAME.output}).", readOnly = true) String name,
        @Schema(description = "Resource type.", readOnly = true) String type,
        @JsonProperty("class") @Schema(name = "class", description = "Class asked for.", readOnly = true) String resourceClass,
        @Schema(description = "Parameters asked for.", readOnly = true) Map<String, Object> params,
        @Schema(description = "The resource definition that provides it.", readOnly = true) String definition,
        @Schema(description = "The version of that definition it was provisioned with.", readOnly = true) Long definitionVersion,
        @Schema(description = "The driver that provides it.", readOnly = true) String driver,
        @Schema(description = "Where the resource is.", readOnly = true) ResourceInstanceStatus status,
        @Schema(description = "Machine-readable reason of the status (ResourceProvisioningFailed, Retained, ...).", readOnly = true) String statusReason,
        @Schema(description = "Human-readable detail of the status, such as the driver's message.", readOnly = true) String statusMessage,
        @Schema(description = "Outputs that are not secret, by name.", readOnly = true) Map<String, String> outputs,
        @Schema(description = "Names of the secret outputs; their values reach pods only through Secrets.", readOnly = true) List<String> secretOutputs,
        @Schema(description = "The deployment that last provisioned it.", readOnly = true) UUID deploymentId,
        @Schema(description = "When it was first provisioned (UTC).", readOnly = true) Instant createdAt,
        @Schema(description = "When it last changed (UTC).", readOnly = true) Instant updatedAt) {
}
