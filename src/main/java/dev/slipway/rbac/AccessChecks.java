package dev.slipway.rbac;

import java.util.Arrays;

import dev.slipway.access.AccessGuard;
import dev.slipway.access.AccessPolicy.Decision;
import dev.slipway.access.AccessPolicy.Grant;
import dev.slipway.access.AccessTarget;
import dev.slipway.access.Caller;
import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.api.RequestValidation;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;
import dev.slipway.application.Applications;
import dev.slipway.environment.Environments;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The access check: may the caller (or, for admins, a named subject) perform an action on a
 * resource, and which grant says so. It answers with the same policy that enforces.
 */
@ApplicationScoped
public class AccessChecks {
    private final CallerResolver callers;
    private final AccessGuard access;
    private final Applications applications;
    private final Environments environments;
    private final RequestValidation limits;

    public AccessChecks(CallerResolver callers, AccessGuard access, Applications applications,
            Environments environments, RequestValidation limits) {
        this.limits = limits;
        this.callers = callers;
        this.access = access;
        this.applications = applications;
        this.environments = environments;
    }

    @WithSession
    public Uni<AccessCheckResult> check(AccessCheckRequest request) {
        if (request == null) {
            throw SlipwayException.Invalid.field("body", "a JSON object is required");
        }
        Permission permission = request.action() == null ? null : Permission.parse(request.action());
        Violations violations = limits.check(request).required("action", request.action());
        if (request.action() != null && permission == null) {
            violations.add("action", "must be one of " + Arrays.stream(Permission.values()).map(Permission::wireName).toList());
        }
        if (request.application() != null) {
        }
        if (request.environment() != null) {
            violations.slug("environment", request.environment());
            if (request.application() == null) {
                violations.add("environment", "needs application");
            }
        }
        violations.throwIfAny();
        return callers.current().flatMap(caller -> {
            Caller subject = caller;
            if (request.subject() != null) {
                if (!caller.admin()) {
                    throw new SlipwayException.Forbidden("only platform admins may check another subject's access");
                }
                subject = callers.forSubject(request.subject());
            }
            Caller asked = subject;
            String subjectName = request.subject() != null
                    ? request.subject()
                    : caller.isServiceAccount() ? "service-account:" + caller.clientId() : "user:" + caller.name();
            return target(caller, request)
                    .flatMap(target -> access.decide(asked, permission, target))
                    .map(decision -> result(subjectName, permission, decision));
        });
    }

    /** The resource asked about, found as the caller sees it: invisible ones are 404. */
    private Uni<AccessTarget> target(Caller caller, AccessCheckRequest request) {
        if (request.application() == null) {
            return Uni.createFrom().item(AccessTarget.platform("platform", null));
        }
        if (request.environment() == null) {
            return applications.requireVisible(caller, request.application()).map(Applications::target);
        }
        return applications.requireVisible(caller, request.application())
                .flatMap(app -> environments.require(app, request.environment())
                        .flatMap(environment -> environments.targetOf(app, environment)));
    }

    private static AccessCheckResult result(String subjectName, Permission permission, Decision decision) {
        Grant grant = decision.grant();
        AccessCheckResult.GrantView grantView = grant == null
                ? null
                : new AccessCheckResult.GrantView(grant.role().wireName(),
                        grant.source(), grant.binding() == null
                                ? null
                                : new AccessCheckResult.RoleBindingRef(grant.binding().id(),
                                        grant.binding().subject(), grant.binding().role().wireName(), grant.binding().scope().toString()));
        return new AccessCheckResult(decision.allowed(), subjectName, permission.wireName(), decision.reason(), grantView);
    }
}
