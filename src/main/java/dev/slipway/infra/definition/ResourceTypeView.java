package dev.slipway.infra.definition;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ResourceType", description = "A kind of infrastructure a workload can ask for, with the outputs it provides.")
public record ResourceTypeView(
        @Schema(description = "Server-assigned identifier.", readOnly = true) UUID id,
        @Schema(description = "Unique, immutable slug.", examples = "postgres") String name,
        @Schema(description = "What a resource of this type is.") String description,
        @Schema(description = "The outputs every resource of this type provides.") List<ResourceOutput> outputs,
        @Schema(description = "Whether Slipway defines it (postgres, redis, s3, dns); built-in types are read-only.", readOnly = true) boolean builtIn,
        @Schema(description = "When it was created (UTC).", readOnly = true) Instant createdAt,
        @Schema(description = "Who created it (system for built-in types).", readOnly = true) String createdBy,
        @Schema(description = "When it last changed (UTC).", readOnly = true) Instant updatedAt,
        @Schema(description = "Entity tag of this version, for If-Match.", readOnly = true) String etag) {
}
