package dev.slipway.deployment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Optional details of a rollback.")
public record RollbackRequest(@Schema(description = "Why (at most 2000 characters); default: 'rollback to <id>'.") String reason) {
}
