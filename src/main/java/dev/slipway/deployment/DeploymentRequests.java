package dev.slipway.deployment;

import java.util.UUID;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;
import dev.slipway.cluster.render.WorkloadValidator;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.deployment.lifecycle.DeploymentStatus;
import dev.slipway.deployment.score.ScoreConverter;

/** The checks of a deployment request on its own, before anything is read: every problem of its shape is reported at once. */
final class DeploymentRequests {
    private DeploymentRequests() {
    }

    /**
     * Checks the request; answers the spec it submits (its own, or the one its Score workload
     * becomes), or null when the spec comes from another deployment.
     */
    static WorkloadSpec validate(Violations violations, CreateDeploymentRequest request, String application) {
        if (request == null) {
            throw SlipwayException.Invalid.field("body", "a JSON object is required");
        }
        validateBreakGlass(request.breakGlass(), violations);
        int origins = (request.spec() != null ? 1 : 0) + (request.score() != null ? 1 : 0) + (request.promoteFrom() != null ? 1 : 0)
                + (Boolean.TRUE.equals(request.configOnly()) ? 1 : 0);
        if (origins != 1) {
            violations.add("spec", "give exactly one of spec, score, promoteFrom or configOnly: true");
        }
        if (request.source() != null) {
            violations.httpUrl("source.url", request.source().url());
        }
        if (request.spec() != null) {
            WorkloadValidator.validate(request.spec(), "spec", application, violations); // all problems at once, with the spec's
        }
        violations.throwIfAny();
        if (request.score() != null) {
            return ScoreConverter.convert(request.score()).spec();
        }
        return request.spec();
    }

    static void validateBreakGlass(BreakGlass breakGlass, Violations violations) {
        if (breakGlass != null) {
            violations.required("breakGlass.reason", breakGlass.reason()).maxLength("breakGlass.reason", breakGlass.reason(), 500);
            if (breakGlass.by() != null) {
                violations.add("breakGlass.by", "is set by the server (the caller)");
            }
        }
    }

    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw SlipwayException.NotFound.of(Deployments.KIND, id);
        }
    }

    static DeploymentStatus parseStatus(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        try {
            return DeploymentStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw SlipwayException.Invalid.field("status", "must be one of " + java.util.Arrays.toString(DeploymentStatus.values()));
        }
    }

}
