package dev.slipway.rbac;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AuditEvent", description = "One write or one denied attempt. Audit events cannot be changed or deleted.")
public record AuditEventView(
        @Schema(description = "Increasing identifier.") long id,
        @Schema(description = "When it happened (UTC).") Instant time,
        @Schema(description = "Who: a username, a client id, or anonymous.", examples = "dana") String actor,
        @Schema(description = "USER, SERVICE_ACCOUNT, ANONYMOUS, or PLATFORM for what Slipway did by itself (such as finishing a tear-down).", examples = "USER") String subjectType,
        @Schema(description = "The permission exercised or attempted, or authentication for a refused token.", examples = "deployment.create") String action,
        @Schema(description = "Kind of the resource acted on.", examples = "deployment") String resourceKind,
        @Schema(description = "The resource's path-like name.", examples = "shop/prod") String resource,
        @Schema(description = "The application concerned, if any.", examples = "shop") String application,
        @Schema(description = "ALLOWED or DENIED.", examples = "DENIED") String outcome,
        @Schema(description = "Why it was allowed or denied.") String reason,
        @Schema(description = "The request's X-Request-Id (given by the caller or assigned).") String requestId,
        @Schema(description = "The caller's network address.") String sourceAddress) {
}
