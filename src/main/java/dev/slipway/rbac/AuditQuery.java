package dev.slipway.rbac;

/** Filters of the audit log listing; null means no filter. */
public record AuditQuery(Integer pageSize, String pageToken, String application, String actor, String action, String resource,
        String outcome, String since, String until) {
}
