package dev.slipway.infra.definition;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ResourceDefinition", description = "How resources of a type are provided, and for which requests.")
public record ResourceDefinitionView(
        @Schema(description = "Server-assigned identifier.", readOnly = true) UUID id,
        @Schema(description = "Unique, immutable slug.", examples = "postgres-production") String name,
        @Schema(description = "The resource type it provides.", examples = "postgres") String type,
        @Schema(description = "The driver that provides the resource.", examples = "static") String driver,
        @Schema(description = "The driver's inputs; secrets by state only.") DriverInputsView driverInputs,
        @Schema(description = "When the definition serves a request (class always given).") List<Criterion> criteria,
        @Schema(description = "Whether provisioned resources are kept when nothing uses them any more.") boolean retain,
        @Schema(description = "Counts every change, from 0.", readOnly = true) long version,
        @Schema(description = "When it was created (UTC).", readOnly = true) Instant createdAt,
        @Schema(description = "Who created it.", readOnly = true) String createdBy,
        @Schema(description = "When it last changed (UTC).", readOnly = true) Instant updatedAt,
        @Schema(description = "Who last changed it.", readOnly = true) String updatedBy,
        @Schema(description = "Entity tag of this version, for If-Match.", readOnly = true) String etag) {
}
