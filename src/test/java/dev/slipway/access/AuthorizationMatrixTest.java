package dev.slipway.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.protobuf.FieldMask;
import dev.slipway.grpc.v1.AccessProto;
import dev.slipway.grpc.v1.AccessService;
import dev.slipway.grpc.v1.ApplicationProto;
import dev.slipway.grpc.v1.ApplicationService;
import dev.slipway.grpc.v1.AuditProto;
import dev.slipway.grpc.v1.AuditService;
import dev.slipway.grpc.v1.ClusterProto;
import dev.slipway.grpc.v1.ClusterService;
import dev.slipway.grpc.v1.ConfigProto;
import dev.slipway.grpc.v1.ConfigService;
import dev.slipway.grpc.v1.DeploymentProto;
import dev.slipway.grpc.v1.DeploymentService;
import dev.slipway.grpc.v1.EnvironmentProto;
import dev.slipway.grpc.v1.EnvironmentResourceProto;
import dev.slipway.grpc.v1.EnvironmentResourceService;
import dev.slipway.grpc.v1.EnvironmentService;
import dev.slipway.grpc.v1.EnvironmentTypeProto;
import dev.slipway.grpc.v1.EnvironmentTypeService;
import dev.slipway.grpc.v1.FreezeProto;
import dev.slipway.grpc.v1.FreezeService;
import dev.slipway.grpc.v1.ResourceDefinitionProto;
import dev.slipway.grpc.v1.ResourceDefinitionService;
import dev.slipway.grpc.v1.ResourceTypeProto;
import dev.slipway.grpc.v1.ResourceTypeService;
import dev.slipway.grpc.v1.RoleBindingProto;
import dev.slipway.grpc.v1.RoleBindingService;
import dev.slipway.grpc.v1.RuntimeProto;
import dev.slipway.grpc.v1.RuntimeService;
import dev.slipway.grpc.v1.WebhookProto;
import dev.slipway.grpc.v1.WebhookService;
import dev.slipway.infra.definition.OutputsTestDriver;
import dev.slipway.testing.GrpcAuth;
import dev.slipway.testing.TestTokens;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static dev.slipway.access.AuthorizationMatrixTest.Expect.ALLOWED;
import static dev.slipway.access.AuthorizationMatrixTest.Expect.DENIED_403;
import static dev.slipway.access.AuthorizationMatrixTest.Expect.HIDDEN_404;
import static dev.slipway.access.AuthorizationMatrixTest.Expect.LISTED;
import static dev.slipway.access.AuthorizationMatrixTest.Expect.OK;
import static dev.slipway.access.AuthorizationMatrixTest.Expect.UNAUTHENTICATED_401;
import static dev.slipway.access.AuthorizationMatrixTest.Expect.UNLISTED;
import static dev.slipway.access.AuthorizationMatrixTest.Obj.MISSING;
import static dev.slipway.access.AuthorizationMatrixTest.Obj.OTHER;
import static dev.slipway.access.AuthorizationMatrixTest.Obj.OWN;
import static dev.slipway.access.AuthorizationMatrixTest.Obj.OWN_PROTECTED;
import static dev.slipway.access.AuthorizationMatrixTest.Who.ADMIN;
import static dev.slipway.access.AuthorizationMatrixTest.Who.ANONYMOUS;
import static dev.slipway.access.AuthorizationMatrixTest.Who.CI;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization matrix of issue 5: every REST operation (every operationId of the contract)
 * and every RPC (every rpc of proto/slipway/v1), run by every kind of caller against its team's
 * application (an environment of a non-protected type and, where the rule differs, one of a
 * protected type), another team's application and a missing one.
 *
 * <p>The expected outcome of every cell comes from {@link #table()}: one row per operation (plus
 * a few variants of an operation whose rule depends on its input), each naming the rule of the
 * model it follows. The rules are written from the model of the issue, not from the code:
 * viewer reads; developer changes environments of non-protected types and deploys, cancels and
 * rolls back there; deployer also deploys to protected types; owner does everything on its
 * application, including role bindings and its audit events; admin everything, including
 * environment types and clusters; another team gets the same 404 as for a missing application;
 * anonymous gets 401; platform reads are open to every authenticated caller.
 *
 * <p>The test fails when an operation or RPC has no row, and when any cell differs from its row;
 * a success where the table expects a refusal (or a list showing what it should hide) is an
 * "unauthorized success", counted and reported first. The whole matrix is written to
 * target/authorization-matrix.txt.
 */
@QuarkusTest
class AuthorizationMatrixTest {
    private static final Duration CALL = Duration.ofSeconds(15);
    private static final String IMAGE = "ghcr.io/acme/web:1.0.0";
    private static final Path REPORT = Path.of("target", "authorization-matrix.txt");
    private static final Pattern OPERATION_ID = Pattern.compile("^\\s*operationId:\\s*(\\w+)\\s*$", Pattern.MULTILINE);
    private static final Pattern SERVICE = Pattern.compile("^service\\s+(\\w+)\\s*\\{", Pattern.MULTILINE);
    private static final Pattern RPC = Pattern.compile("^\\s*rpc\\s+(\\w+)\\s*\\(", Pattern.MULTILINE);
    /** How long an open event stream may stay silent before the probe gives up on it (the replay answers at once). */
    private static final Duration SILENT_STREAM = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CALL).build();

    @GrpcClient("slipway")
    ApplicationService applicationsRpc;
    @GrpcClient("slipway")
    EnvironmentService environmentsRpc;
    @GrpcClient("slipway")
    EnvironmentTypeService typesRpc;
    @GrpcClient("slipway")
    ClusterService clustersRpc;
    @GrpcClient("slipway")
    DeploymentService deploymentsRpc;
    @GrpcClient("slipway")
    RoleBindingService bindingsRpc;
    @GrpcClient("slipway")
    AccessService accessRpc;
    @GrpcClient("slipway")
    AuditService auditRpc;
    @GrpcClient("slipway")
    ConfigService configRpc;
    @GrpcClient("slipway")
    ResourceTypeService resourceTypesRpc;
    @GrpcClient("slipway")
    ResourceDefinitionService definitionsRpc;
    @GrpcClient("slipway")
    EnvironmentResourceService environmentResourcesRpc;
    @GrpcClient("slipway")
    FreezeService freezesRpc;
    @GrpcClient("slipway")
    WebhookService webhooksRpc;
    @GrpcClient("slipway")
    RuntimeService runtimeRpc;

    // ---------------------------------------------------------------------------------------------
    // Callers, objects and outcomes
    // ---------------------------------------------------------------------------------------------

    /** Who calls. Viewer, developer, deployer and CI hold role bindings on the team's application. */
    enum Who {
        ANONYMOUS, OTHER_TEAM, VIEWER, DEVELOPER, DEPLOYER, OWNER, ADMIN,
        /** A client-credentials service account bound as deployer on the team's application. */
        CI
    }

    /** What the call is about. */
    enum Obj {
        /** The team's application; where an environment matters, its non-protected "staging". */
        OWN,
        /** The team's application, its environment "prod" of the protected type "production". */
        OWN_PROTECTED,
        /** An application of another owner group, on which the caller holds no binding. */
        OTHER,
        /** An application (or platform object, or binding) that does not exist. */
        MISSING
    }

    /** Expected outcome class of a cell. */
    enum Expect {
        /** 2xx, gRPC OK (or a first message on a stream). */
        OK,
        /** Permitted: 2xx, or a domain error that is not about permission (400, 409, 412, 422). */
        ALLOWED,
        /** A list that must show the object. */
        LISTED,
        /** A list that must not show the object (it is hidden from the caller, or missing). */
        UNLISTED, DENIED_403, HIDDEN_404, UNAUTHENTICATED_401;

        boolean isRefusal() {
            return this == DENIED_403 || this == HIDDEN_404 || this == UNAUTHENTICATED_401;
        }
    }

    /** What a call actually gave. */
    enum Got {
        SUCCESS, DOMAIN_ERROR, FORBIDDEN, NOT_FOUND, UNAUTHENTICATED, UNEXPECTED
    }

    /**
     * @param listed  for lists: whether the object was in it
     * @param allowed for the access check: its answer
     */
    record Actual(Got got, String detail, Boolean listed, Boolean allowed) {
        static Actual of(Got got, String detail) {
            return new Actual(got, detail, null, null);
        }

        Actual listing(boolean present) {
            return new Actual(got, detail, present, allowed);
        }

        Actual answering(boolean answer) {
            return new Actual(got, detail, listed, answer);
        }

        @Override
        public String toString() {
            return got + (listed == null ? "" : listed ? " (listed)" : " (not listed)")
                    + (allowed == null ? "" : " (allowed=" + allowed + ")") + " " + detail;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The model
    // ---------------------------------------------------------------------------------------------

    /** The roles of issue 5, in rising order (kept here so the expectations do not come from the code). */
    enum Role {
        VIEWER, DEVELOPER, DEPLOYER, OWNER, ADMIN;

        boolean includes(Role other) {
            return compareTo(other) >= 0;
        }
    }

    /** The caller's role on an object (null: none, so the object is invisible to it). */
    static Role roleOn(Who who, Obj obj) {
        if (obj == MISSING || who == ANONYMOUS) {
            return null;
        }
        if (who == ADMIN) {
            return Role.ADMIN;
        }
        if (obj == OTHER) {
            return null;
        }
        return switch (who) {
            case VIEWER -> Role.VIEWER;
            case DEVELOPER -> Role.DEVELOPER;
            case DEPLOYER, CI -> Role.DEPLOYER;
            case OWNER -> Role.OWNER;
            default -> null;
        };
    }

    /** Expected outcome of one cell. */
    @FunctionalInterface
    interface Rule {
        Expect expect(Who who, Obj obj);
    }

    /**
     * Something under an application: anonymous 401; invisible (no role) or missing 404; else OK
     * when the caller's role includes the one needed, which may be higher on a protected type.
     */
    static Rule onApplication(Role needed, Role neededWhenProtected) {
        return (who, obj) -> {
            if (who == ANONYMOUS) {
                return UNAUTHENTICATED_401;
            }
            Role role = roleOn(who, obj);
            if (role == null) {
                return HIDDEN_404;
            }
            return role.includes(obj == OWN_PROTECTED ? neededWhenProtected : needed) ? OK : DENIED_403;
        };
    }

    /** As {@link #onApplication}, where a permitted call may still meet a state conflict (409). */
    static Rule permittedOnApplication(Role needed, Role neededWhenProtected) {
        Rule rule = onApplication(needed, neededWhenProtected);
        return (who, obj) -> rule.expect(who, obj) == OK ? ALLOWED : rule.expect(who, obj);
    }

    /** A list filtered to one application: shows it exactly when the caller may see it. */
    static Rule listedWhenVisible() {
        return (who, obj) -> who == ANONYMOUS ? UNAUTHENTICATED_401 : roleOn(who, obj) != null ? LISTED : UNLISTED;
    }

    /** Read of a platform object (environment type, cluster): every authenticated caller. */
    static Rule platformRead() {
        return (who, obj) -> who == ANONYMOUS ? UNAUTHENTICATED_401 : obj == MISSING ? HIDDEN_404 : OK;
    }

    /**
     * Admin only, decided before anything is looked up: 403 for every other authenticated caller
     * whatever the object (so it reveals nothing); for admins, a missing object is 404.
     */
    static Rule adminOnly() {
        return (who, obj) -> who == ANONYMOUS ? UNAUTHENTICATED_401 : who != ADMIN ? DENIED_403 : obj == MISSING ? HIDDEN_404 : OK;
    }

    /** Creating an application owned by a group takes owning it there: a member of that group, or an admin. */
    static Rule createApplication() {
        return (who, obj) -> who == ANONYMOUS
                ? UNAUTHENTICATED_401
                : who == ADMIN || (who == Who.OWNER && obj == OWN) ? OK : DENIED_403;
    }

    /**
     * Lifting a freeze that names an application: owners of it and admins. Every caller reads
     * freezes, so a refusal is 403 even where the application is hidden; a missing freeze is 404.
     */
    static Rule liftFreeze() {
        return (who, obj) -> {
            if (who == ANONYMOUS) {
                return UNAUTHENTICATED_401;
            }
            if (obj == MISSING) {
                return HIDDEN_404;
            }
            Role role = roleOn(who, obj);
            return role != null && role.includes(Role.OWNER) ? OK : DENIED_403;
        };
    }

    // The rules of the model, by name.
    static final Rule READ = onApplication(Role.VIEWER, Role.VIEWER);
    /** Update or delete the application, manage its role bindings, read its audit events. */
    static final Rule OWNER_ONLY = onApplication(Role.OWNER, Role.OWNER);
    /** Create, update, delete environments: developer on non-protected types, owner on protected ones. */
    static final Rule MANAGE_ENVIRONMENT = onApplication(Role.DEVELOPER, Role.OWNER);
    /** Deploy, roll back: developer on non-protected types, deployer on protected ones. */
    static final Rule DEPLOY = onApplication(Role.DEVELOPER, Role.DEPLOYER);
    static final Rule CANCEL = permittedOnApplication(Role.DEVELOPER, Role.DEPLOYER);
    /**
     * Approve or reject a deployment: deployer, on any type (an approval vouches for a protected
     * place); the deployment may not await approval (409). The CI service account is bound by a
     * binding naming it, so it may approve too.
     */
    static final Rule APPROVE = permittedOnApplication(Role.DEPLOYER, Role.DEPLOYER);
    /** Promote into an environment: deploying there (the source may not have succeeded yet: 409). */
    static final Rule PROMOTE = permittedOnApplication(Role.DEVELOPER, Role.DEPLOYER);
    /** Promote against the environment types' order (force): admins only (the source may not have succeeded: 409). */
    static final Rule FORCE_PROMOTE = permittedOnApplication(Role.ADMIN, Role.ADMIN);
    /** Change an environment's type into or out of a protected one: managing an environment of that type, owner. */
    static final Rule RETYPE_ENVIRONMENT = onApplication(Role.OWNER, Role.OWNER);
    /** Change an environment's configuration: developer on non-protected types, deployer on protected ones (issue 6). */
    static final Rule CONFIGURE = onApplication(Role.DEVELOPER, Role.DEPLOYER);
    static final Rule RESTORE_CONFIG = permittedOnApplication(Role.DEVELOPER, Role.DEPLOYER);
    /**
     * Change an application's base configuration: it reaches every environment, and both fixture
     * applications have a protected one (prod), so it takes what changing prod's takes: deployer.
     */
    static final Rule CONFIGURE_BASE = onApplication(Role.DEPLOYER, Role.DEPLOYER);
    static final Rule RESTORE_BASE = permittedOnApplication(Role.DEPLOYER, Role.DEPLOYER);
    /**
     * Read an environment's logs: developer, on any type (reading changes nothing), never a viewer:
     * logs show what the API does not.
     */
    static final Rule READ_LOGS = onApplication(Role.DEVELOPER, Role.DEVELOPER);
    /**
     * Scale or restart what runs: what deploying takes; a permitted call may meet an environment
     * with no current deployment yet (409, the protected prod waits for approval).
     */
    static final Rule OPERATE = permittedOnApplication(Role.DEVELOPER, Role.DEPLOYER);
    static final Rule LIST = listedWhenVisible();
    static final Rule PLATFORM_READ = platformRead();
    static final Rule ADMIN_ONLY = adminOnly();
    static final Rule CREATE_APPLICATION = createApplication();
    static final Rule LIFT_FREEZE = liftFreeze();

    static final List<Obj> APPLICATION_OBJECTS = List.of(OWN, OTHER, MISSING);
    static final List<Obj> ENVIRONMENT_OBJECTS = List.of(OWN, OWN_PROTECTED, OTHER, MISSING);
    static final List<Obj> PLATFORM_OBJECTS = List.of(OWN, MISSING);
    /** Promotion into "prod": of the team's application (protected type), another team's, a missing one. */
    static final List<Obj> PROMOTION_OBJECTS = List.of(OWN_PROTECTED, OTHER, MISSING);
    /** A new object, or a collection: there is nothing to be missing. */
    static final List<Obj> NEW_OBJECT = List.of(OWN);

    /** One call of a cell. */
    record Call(Who who, Obj obj, String token, Fixture f) {
        String app() {
            return f.app(obj);
        }

        String env() {
            return obj == OWN_PROTECTED ? "prod" : "staging";
        }

        /** The environment type an environment created for this object gets. */
        String type() {
            return obj == OWN_PROTECTED ? "production" : "staging";
        }

        String deployment() {
            return f.deployment(obj);
        }

        /** The type an environment of this object is moved to: into the protected type, or out of it. */
        String otherType() {
            return obj == OWN_PROTECTED ? "staging" : "production";
        }
    }

    @FunctionalInterface
    interface Probe {
        Actual run(Call call) throws Exception;
    }

    /**
     * One row: an operation (key {@code rest:<operationId>} or {@code grpc:<Service>/<Rpc>}, with
     * {@code [variant]} for a second way of calling it), its rule, the objects it is tried on,
     * and for the access check the answer the model gives.
     */
    record Row(String key, Rule rule, List<Obj> objects, Probe probe, Rule answer) {
        String operation() {
            int bracket = key.indexOf('[');
            return bracket < 0 ? key : key.substring(0, bracket);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The table
    // ---------------------------------------------------------------------------------------------

    /** Every operation and RPC with the rule it follows. A new operation without a row fails the test. */
    Map<String, Row> table() {
        Map<String, Row> rows = new LinkedHashMap<>();
        // REST: applications
        row(rows, "rest:listApplications", LIST, APPLICATION_OBJECTS, c -> listed(rest(c).queryParam("ownerGroup", c.f.group(c.obj))
                .queryParam("pageSize", 500).get("/api/v1/applications"), "items.name", c.app()));
        row(rows, "rest:createApplication", CREATE_APPLICATION, List.of(OWN, OTHER), c -> http(rest(c)
                .body(Map.of("name", c.f.unique("mxa"), "ownerGroup", c.f.group(c.obj), "displayName", "Matrix"))
                .post("/api/v1/applications")));
        row(rows, "rest:getApplication", READ, APPLICATION_OBJECTS, c -> http(rest(c).get("/api/v1/applications/{a}", c.app())));
        row(rows, "rest:updateApplication", OWNER_ONLY, APPLICATION_OBJECTS, c -> http(rest(c).contentType("application/merge-patch+json")
                .body(Map.of("description", "matrix " + c.who)).patch("/api/v1/applications/{a}", c.app())));
        row(rows, "rest:deleteApplication", OWNER_ONLY, APPLICATION_OBJECTS, c -> {
            String doomed = c.f.throwawayApplication(c.who, c.obj);
            return http(rest(c).delete("/api/v1/applications/{a}", doomed));
        });
        // REST: environments
        row(rows, "rest:listEnvironments", READ, APPLICATION_OBJECTS,
                c -> http(rest(c).get("/api/v1/applications/{a}/environments", c.app())));
        row(rows, "rest:createEnvironment", MANAGE_ENVIRONMENT, ENVIRONMENT_OBJECTS, c -> http(rest(c)
                .body(Map.of("name", c.f.uniqueEnvironment(), "type", c.type()))
                .post("/api/v1/applications/{a}/environments", c.app())));
        // Cloning copies the source's secrets into the new environment: it also takes deploying to the source, which for a
        // clone of the object's own environment (same type) the right to create one already implies.
        row(rows, "rest:createEnvironment[cloneFrom]", MANAGE_ENVIRONMENT, ENVIRONMENT_OBJECTS, c -> http(rest(c)
                .body(Map.of("name", c.f.uniqueEnvironment(), "type", c.type(), "cloneFrom", c.env()))
                .post("/api/v1/applications/{a}/environments", c.app())));
        row(rows, "rest:extendEnvironment", MANAGE_ENVIRONMENT, ENVIRONMENT_OBJECTS, c -> http(rest(c).body(Map.of("ttl", "720h"))
                .post("/api/v1/applications/{a}/environments/{e}:extend", c.app(), c.env())));
        row(rows, "rest:getEnvironment", READ, APPLICATION_OBJECTS, c -> http(rest(c)
                .get("/api/v1/applications/{a}/environments/{e}", c.app(), c.env())));
        row(rows, "rest:updateEnvironment", MANAGE_ENVIRONMENT, ENVIRONMENT_OBJECTS,
                c -> http(rest(c).contentType("application/merge-patch+json")
                        .body(Map.of("labels", Map.of("matrix", "yes")))
                        .patch("/api/v1/applications/{a}/environments/{e}", c.app(), c.env())));
        // Moving an environment into or out of a protected type is managing an environment of that type.
        row(rows, "rest:updateEnvironment[type]", RETYPE_ENVIRONMENT, ENVIRONMENT_OBJECTS, c -> {
            String env = c.f.throwawayEnvironment(c.obj);
            return http(rest(c).contentType("application/merge-patch+json").body(Map.of("type", c.otherType()))
                    .patch("/api/v1/applications/{a}/environments/{e}", c.app(), env));
        });
        row(rows, "rest:deleteEnvironment", MANAGE_ENVIRONMENT, ENVIRONMENT_OBJECTS, c -> {
            String doomed = c.f.throwawayEnvironment(c.obj);
            return http(rest(c).delete("/api/v1/applications/{a}/environments/{e}", c.app(), doomed));
        });
        // REST: deployments
        row(rows, "rest:listDeployments", READ, APPLICATION_OBJECTS, c -> http(rest(c)
                .get("/api/v1/applications/{a}/environments/{e}/deployments", c.app(), c.env())));
        row(rows, "rest:createDeployment", DEPLOY, ENVIRONMENT_OBJECTS, c -> http(rest(c).body(restSpec())
                .post("/api/v1/applications/{a}/environments/{e}/deployments", c.app(), c.env())));
        // Promotion into the protected "prod" of what runs in "staging": deploying there, whatever the source.
        row(rows, "rest:createDeployment[promoteFrom]", PROMOTE, PROMOTION_OBJECTS, c -> http(rest(c)
                .body(Map.of("promoteFrom",
                        Map.of("environment", "staging", "deploymentId", c.f.deployment(c.obj == OWN_PROTECTED ? OWN : c.obj)),
                        "reason", "matrix"))
                .post("/api/v1/applications/{a}/environments/prod/deployments", c.app())));
        // Promotion back from "prod" into "staging", against the order, forced. Another team's prod has no deployment to name.
        row(rows, "rest:createDeployment[promoteFrom.force]", FORCE_PROMOTE, List.of(OWN, MISSING), c -> http(rest(c)
                .body(Map.of("promoteFrom",
                        Map.of("environment", "prod", "deploymentId", c.f.deployment(c.obj == OWN ? OWN_PROTECTED : c.obj),
                                "force", true),
                        "reason", "matrix"))
                .post("/api/v1/applications/{a}/environments/staging/deployments", c.app())));
        row(rows, "rest:getDeployment", READ, APPLICATION_OBJECTS, c -> http(rest(c)
                .get("/api/v1/applications/{a}/environments/{e}/deployments/{id}", c.app(), c.env(), c.deployment())));
        row(rows, "rest:getDeployment[waitFor=terminal]", READ, APPLICATION_OBJECTS, c -> http(rest(c)
                .queryParam("waitFor", "terminal").queryParam("timeout", "0s")
                .get("/api/v1/applications/{a}/environments/{e}/deployments/{id}", c.app(), c.env(), c.deployment())));
        row(rows, "rest:watchDeployment", READ, APPLICATION_OBJECTS, c -> sse(c, "/api/v1/applications/" + c.app() + "/environments/"
                + c.env() + "/deployments/" + c.deployment() + "/events"));
        row(rows, "rest:cancelDeployment", CANCEL, ENVIRONMENT_OBJECTS, c -> http(rest(c)
                .post("/api/v1/applications/{a}/environments/{e}/deployments/{id}:cancel", c.app(), c.env(), c.deployment())));
        // The fixture's prod deployment awaits approval, requested by none of the callers (so nobody's approval is a self-approval).
        row(rows, "rest:approveDeployment", APPROVE, ENVIRONMENT_OBJECTS, c -> http(rest(c).body(Map.of("comment", "matrix"))
                .post("/api/v1/applications/{a}/environments/{e}/deployments/{id}:approve", c.app(), c.env(), c.deployment())));
        row(rows, "rest:rejectDeployment", APPROVE, ENVIRONMENT_OBJECTS, c -> http(rest(c).body(Map.of("comment", "matrix"))
                .post("/api/v1/applications/{a}/environments/{e}/deployments/{id}:reject", c.app(), c.env(), c.deployment())));
        row(rows, "rest:rollbackDeployment", DEPLOY, ENVIRONMENT_OBJECTS, c -> http(rest(c).body(Map.of("reason", "matrix"))
                .post("/api/v1/applications/{a}/environments/{e}/deployments/{id}:rollback", c.app(), c.env(), c.deployment())));
        row(rows, "rest:getDrift", READ, APPLICATION_OBJECTS, c -> http(rest(c)
                .get("/api/v1/applications/{a}/environments/{e}/drift", c.app(), c.env())));
        row(rows, "rest:getRuntime", READ, APPLICATION_OBJECTS, c -> http(rest(c)
                .get("/api/v1/applications/{a}/environments/{e}/runtime", c.app(), c.env())));
        row(rows, "rest:getLogs", READ_LOGS, ENVIRONMENT_OBJECTS, c -> http(rest(c).queryParam("tailLines", 5)
                .get("/api/v1/applications/{a}/environments/{e}/logs", c.app(), c.env())));
        row(rows, "rest:scaleEnvironment", OPERATE, ENVIRONMENT_OBJECTS, c -> http(rest(c).body(Map.of("replicas", 1))
                .post("/api/v1/applications/{a}/environments/{e}:scale", c.app(), c.env())));
        row(rows, "rest:restartEnvironment", OPERATE, ENVIRONMENT_OBJECTS, c -> http(rest(c).body(Map.of())
                .post("/api/v1/applications/{a}/environments/{e}:restart", c.app(), c.env())));
        // The staging deployments of the fixture gave each application's staging a resource "db".
        row(rows, "rest:listEnvironmentResources", READ, APPLICATION_OBJECTS, c -> http(rest(c)
                .get("/api/v1/applications/{a}/environments/{e}/resources", c.app(), c.env())));
        row(rows, "rest:getEnvironmentResource", READ, APPLICATION_OBJECTS, c -> http(rest(c)
                .get("/api/v1/applications/{a}/environments/{e}/resources/{r}", c.app(), c.env(), Fixture.RESOURCE)));
        row(rows, "rest:watchEvents", READ, APPLICATION_OBJECTS, c -> sse(c, "/api/v1/events?application=" + c.app()));
        // The platform-wide stream carries only the applications the caller may see.
        row(rows, "rest:watchEvents[all]", LIST, List.of(OWN, OTHER), c -> sseUntilSentinel(c));
        // REST: platform objects
        row(rows, "rest:listClusters", PLATFORM_READ, NEW_OBJECT, c -> http(rest(c).get("/api/v1/clusters")));
        row(rows, "rest:createCluster", ADMIN_ONLY, NEW_OBJECT, c -> http(rest(c).body(Fixture.clusterBody(c.f.uniqueCluster()))
                .post("/api/v1/clusters")));
        row(rows, "rest:getCluster", PLATFORM_READ, PLATFORM_OBJECTS, c -> http(rest(c).get("/api/v1/clusters/{n}", c.f.cluster(c.obj))));
        row(rows, "rest:checkClusterHealth", PLATFORM_READ, PLATFORM_OBJECTS,
                c -> http(rest(c).get("/api/v1/clusters/{n}:health", c.f.cluster(c.obj))));
        row(rows, "rest:updateCluster", ADMIN_ONLY, PLATFORM_OBJECTS, c -> http(rest(c).contentType("application/merge-patch+json")
                .body(Map.of("description", "matrix " + c.who)).patch("/api/v1/clusters/{n}", c.f.cluster(c.obj))));
        row(rows, "rest:deleteCluster", ADMIN_ONLY, PLATFORM_OBJECTS, c -> {
            String doomed = c.obj == MISSING ? c.f.cluster(MISSING) : c.f.throwawayCluster();
            return http(rest(c).delete("/api/v1/clusters/{n}", doomed));
        });
        row(rows, "rest:listEnvironmentTypes", PLATFORM_READ, NEW_OBJECT, c -> http(rest(c).get("/api/v1/environment-types")));
        row(rows, "rest:createEnvironmentType", ADMIN_ONLY, NEW_OBJECT, c -> http(rest(c)
                .body(Map.of("name", c.f.uniqueType(), "order", c.f.nextOrder())).post("/api/v1/environment-types")));
        row(rows, "rest:getEnvironmentType", PLATFORM_READ, PLATFORM_OBJECTS, c -> http(rest(c)
                .get("/api/v1/environment-types/{n}", c.f.type(c.obj))));
        row(rows, "rest:updateEnvironmentType", ADMIN_ONLY, PLATFORM_OBJECTS, c -> http(rest(c).contentType("application/merge-patch+json")
                .body(Map.of("description", "matrix " + c.who)).patch("/api/v1/environment-types/{n}", c.f.type(c.obj))));
        row(rows, "rest:deleteEnvironmentType", ADMIN_ONLY, PLATFORM_OBJECTS, c -> {
            String doomed = c.obj == MISSING ? c.f.type(MISSING) : c.f.throwawayType();
            return http(rest(c).delete("/api/v1/environment-types/{n}", doomed));
        });
        // REST: role bindings, access check, audit log
        row(rows, "rest:createRoleBinding", OWNER_ONLY, APPLICATION_OBJECTS, c -> http(rest(c)
                .body(Map.of("subject", "user:" + c.f.unique("grantee"), "role", "viewer", "scope", "application:" + c.app()))
                .post("/api/v1/role-bindings")));
        // Platform-scoped bindings: admins only.
        row(rows, "rest:createRoleBinding[platform]", ADMIN_ONLY, NEW_OBJECT, c -> {
            Response response = rest(c).body(Map.of("subject", "user:" + c.f.unique("grantee"), "role", "viewer", "scope", "platform"))
                    .post("/api/v1/role-bindings");
            c.f.removePlatformBinding(response.statusCode() == 201 ? response.path("id") : null);
            return http(response);
        });
        row(rows, "rest:listRoleBindings", LIST, APPLICATION_OBJECTS, c -> listed(rest(c).queryParam("application", c.app())
                .queryParam("pageSize", 500).get("/api/v1/role-bindings"), "items.id", c.f.binding(c.obj)));
        row(rows, "rest:getRoleBinding", READ, APPLICATION_OBJECTS,
                c -> http(rest(c).get("/api/v1/role-bindings/{id}", c.f.binding(c.obj))));
        row(rows, "rest:deleteRoleBinding", OWNER_ONLY, APPLICATION_OBJECTS, c -> {
            String doomed = c.f.throwawayBinding(c.obj);
            return http(rest(c).delete("/api/v1/role-bindings/{id}", doomed));
        });
        // The caller's own access: answered for what it may see, with the answer enforcement gives.
        row(rows, "rest:checkAccess", READ, ENVIRONMENT_OBJECTS, DEPLOY, c -> answered(rest(c)
                .body(Map.of("action", "deployment.create", "application", c.app(), "environment", c.env()))
                .post("/api/v1/access/check")));
        // Someone else's access: admins only.
        row(rows, "rest:checkAccess[subject]", ADMIN_ONLY, ENVIRONMENT_OBJECTS, (who, obj) -> DEPLOY.expect(CI, obj), c -> answered(rest(c)
                .body(Map.of("action", "deployment.create", "application", c.app(), "environment", c.env(), "subject", c.f.ciSubject()))
                .post("/api/v1/access/check")));
        row(rows, "rest:listAuditEvents", OWNER_ONLY, APPLICATION_OBJECTS, c -> http(rest(c).queryParam("application", c.app())
                .queryParam("pageSize", 1).get("/api/v1/audit-events")));
        // The whole log (no application named): admins only.
        row(rows, "rest:listAuditEvents[platform]", ADMIN_ONLY, NEW_OBJECT,
                c -> http(rest(c).queryParam("pageSize", 1).get("/api/v1/audit-events")));
        // REST: configuration (the fixture gave both applications base revision 1)
        row(rows, "rest:getApplicationConfig", READ, APPLICATION_OBJECTS,
                c -> http(rest(c).get("/api/v1/applications/{a}/config", c.app())));
        row(rows, "rest:updateApplicationConfig", CONFIGURE_BASE, APPLICATION_OBJECTS, c -> http(rest(c)
                .body(Map.of("changes", List.of(Map.of("name", "MATRIX", "value", "rest " + c.who))))
                .patch("/api/v1/applications/{a}/config", c.app())));
        row(rows, "rest:restoreApplicationConfig", RESTORE_BASE, APPLICATION_OBJECTS, c -> http(rest(c).body(Map.of("revision", 1))
                .post("/api/v1/applications/{a}/config:restore", c.app())));
        row(rows, "rest:getEnvironmentConfig", READ, APPLICATION_OBJECTS, c -> http(rest(c)
                .get("/api/v1/applications/{a}/environments/{e}/config", c.app(), c.env())));
        row(rows, "rest:updateEnvironmentConfig", CONFIGURE, ENVIRONMENT_OBJECTS, c -> http(rest(c)
                .body(Map.of("changes", List.of(Map.of("name", "MATRIX", "secret", "rest " + c.who))))
                .patch("/api/v1/applications/{a}/environments/{e}/config", c.app(), c.env())));
        row(rows, "rest:restoreEnvironmentConfig", RESTORE_CONFIG, ENVIRONMENT_OBJECTS, c -> http(rest(c).body(Map.of("revision", 1))
                .post("/api/v1/applications/{a}/environments/{e}/config:restore", c.app(), c.env())));
        row(rows, "rest:listConfigRevisions", READ, APPLICATION_OBJECTS, c -> http(rest(c)
                .get("/api/v1/applications/{a}/config/revisions", c.app())));
        row(rows, "rest:getConfigRevision", READ, APPLICATION_OBJECTS, c -> http(rest(c)
                .get("/api/v1/applications/{a}/config/revisions/1", c.app())));
        row(rows, "rest:diffConfig", READ, APPLICATION_OBJECTS, c -> http(rest(c).queryParam("from", "1").queryParam("to", "staging")
                .get("/api/v1/applications/{a}/config/diff", c.app())));
        row(rows, "rest:reencryptSecrets", ADMIN_ONLY, NEW_OBJECT, c -> http(rest(c).post("/api/v1/secrets:reencrypt")));
        // REST: infrastructure (resource types and definitions are platform objects; the dry run reads the application)
        row(rows, "rest:listResourceTypes", PLATFORM_READ, NEW_OBJECT, c -> http(rest(c).get("/api/v1/resource-types")));
        row(rows, "rest:createResourceType", ADMIN_ONLY, NEW_OBJECT, c -> http(rest(c)
                .body(Fixture.resourceTypeBody(c.f.uniqueResourceType())).post("/api/v1/resource-types")));
        row(rows, "rest:getResourceType", PLATFORM_READ, PLATFORM_OBJECTS, c -> http(rest(c)
                .get("/api/v1/resource-types/{n}", c.f.resourceType(c.obj))));
        row(rows, "rest:updateResourceType", ADMIN_ONLY, PLATFORM_OBJECTS, c -> http(rest(c).contentType("application/merge-patch+json")
                .body(Map.of("description", "matrix " + c.who)).patch("/api/v1/resource-types/{n}", c.f.resourceType(c.obj))));
        row(rows, "rest:deleteResourceType", ADMIN_ONLY, PLATFORM_OBJECTS, c -> http(rest(c)
                .delete("/api/v1/resource-types/{n}", c.obj == MISSING ? c.f.resourceType(MISSING) : c.f.throwawayResourceType())));
        row(rows, "rest:listResourceDefinitions", PLATFORM_READ, NEW_OBJECT, c -> http(rest(c).get("/api/v1/resource-definitions")));
        row(rows, "rest:createResourceDefinition", ADMIN_ONLY, NEW_OBJECT, c -> http(rest(c)
                .body(c.f.definitionBody(c.f.uniqueDefinition())).post("/api/v1/resource-definitions")));
        row(rows, "rest:getResourceDefinition", PLATFORM_READ, PLATFORM_OBJECTS, c -> http(rest(c)
                .get("/api/v1/resource-definitions/{n}", c.f.definition(c.obj))));
        row(rows, "rest:updateResourceDefinition", ADMIN_ONLY, PLATFORM_OBJECTS,
                c -> http(rest(c).contentType("application/merge-patch+json")
                        .body(Map.of("retain", c.who == ADMIN)).patch("/api/v1/resource-definitions/{n}", c.f.definition(c.obj))));
        row(rows, "rest:deleteResourceDefinition", ADMIN_ONLY, PLATFORM_OBJECTS, c -> http(rest(c)
                .delete("/api/v1/resource-definitions/{n}", c.obj == MISSING ? c.f.definition(MISSING) : c.f.throwawayDefinition())));
        row(rows, "rest:matchResourceDefinition", READ, APPLICATION_OBJECTS, c -> http(rest(c)
                .body(Map.of("application", c.app(), "environment", "staging", "type", c.f.resourceType(OWN)))
                .post("/api/v1/resource-definitions:match")));
        // REST: freezes (inactive ones, starting in 2100, so no fixture deployment meets them). Read by everyone; a
        // freeze naming an application is written by its owners, a platform-wide one by admins.
        row(rows, "rest:listFreezes", PLATFORM_READ, NEW_OBJECT, c -> http(rest(c).get("/api/v1/freezes")));
        row(rows, "rest:getFreeze", PLATFORM_READ, PLATFORM_OBJECTS, c -> http(rest(c).get("/api/v1/freezes/{n}", c.f.freeze(c.obj))));
        row(rows, "rest:createFreeze", OWNER_ONLY, APPLICATION_OBJECTS, c -> http(rest(c)
                .body(Fixture.freezeBody(c.f.uniqueFreeze(), Fixture.environmentScope(c.app()))).post("/api/v1/freezes")));
        row(rows, "rest:createFreeze[platform]", ADMIN_ONLY, NEW_OBJECT, c -> http(rest(c)
                .body(Fixture.freezeBody(c.f.uniqueFreeze(), Map.of("kind", "PLATFORM"))).post("/api/v1/freezes")));
        // The freeze is looked up first (everyone may read it): a missing one is 404, a refusal 403 (see LIFT_FREEZE).
        row(rows, "rest:deleteFreeze", LIFT_FREEZE, APPLICATION_OBJECTS, c -> http(rest(c)
                .delete("/api/v1/freezes/{n}", c.obj == MISSING ? c.f.freeze(MISSING) : c.f.throwawayFreeze(c.app()))));
        row(rows, "rest:deleteFreeze[platform]", ADMIN_ONLY, NEW_OBJECT, c -> http(rest(c)
                .delete("/api/v1/freezes/{n}", c.f.throwawayFreeze(null))));
        row(rows, "rest:getActiveFreezes", READ, APPLICATION_OBJECTS, c -> http(rest(c).queryParam("application", c.app())
                .queryParam("environment", "staging").get("/api/v1/freezes:active")));

        // REST: webhooks. An application's subscriptions and their delivery logs belong to its owners; platform-wide ones to admins.
        row(rows, "rest:createWebhook", OWNER_ONLY, APPLICATION_OBJECTS, c -> http(rest(c)
                .body(Fixture.webhookBody(c.app())).post("/api/v1/webhooks")));
        row(rows, "rest:createWebhook[platform]", ADMIN_ONLY, NEW_OBJECT, c -> http(rest(c)
                .body(Fixture.webhookBody(null)).post("/api/v1/webhooks")));
        row(rows, "rest:listWebhooks", OWNER_ONLY, APPLICATION_OBJECTS, c -> http(rest(c).queryParam("application", c.app())
                .get("/api/v1/webhooks")));
        row(rows, "rest:getWebhook", OWNER_ONLY, APPLICATION_OBJECTS, c -> http(rest(c).get("/api/v1/webhooks/{id}", c.f.webhook(c.obj))));
        row(rows, "rest:getWebhook[platform]", ADMIN_ONLY, NEW_OBJECT, c -> http(rest(c).get("/api/v1/webhooks/{id}",
                c.f.platformWebhook)));
        row(rows, "rest:updateWebhook", OWNER_ONLY, APPLICATION_OBJECTS, c -> http(rest(c).contentType("application/merge-patch+json")
                .body(Map.of("description", "matrix " + c.who)).patch("/api/v1/webhooks/{id}", c.f.webhook(c.obj))));
        row(rows, "rest:deleteWebhook", OWNER_ONLY, APPLICATION_OBJECTS, c -> http(rest(c)
                .delete("/api/v1/webhooks/{id}", c.obj == MISSING ? c.f.webhook(MISSING) : c.f.throwawayWebhook(c.app()))));
        row(rows, "rest:deleteWebhook[platform]", ADMIN_ONLY, NEW_OBJECT, c -> http(rest(c)
                .delete("/api/v1/webhooks/{id}", c.f.throwawayWebhook(null))));
        row(rows, "rest:listWebhookDeliveries", OWNER_ONLY, APPLICATION_OBJECTS, c -> http(rest(c)
                .get("/api/v1/webhooks/{id}/deliveries", c.f.webhook(c.obj))));
        row(rows, "rest:redeliverWebhookDelivery", OWNER_ONLY, APPLICATION_OBJECTS, c -> http(rest(c)
                .post("/api/v1/webhooks/{id}/deliveries/{d}:redeliver", c.f.webhook(c.obj), c.f.webhookDelivery(c.obj))));
        row(rows, "rest:pingWebhook", OWNER_ONLY, APPLICATION_OBJECTS, c -> http(rest(c).post("/api/v1/webhooks/{id}:ping",
                c.f.webhook(c.obj))));

        // gRPC: applications
        row(rows, "grpc:ApplicationService/ListApplications", LIST, APPLICATION_OBJECTS, c -> grpc(c, applicationsRpc,
                s -> s.listApplications(
                        ApplicationProto.ListApplicationsRequest.newBuilder().setOwnerGroup(c.f.group(c.obj)).setPageSize(500).build()),
                r -> r.getApplicationsList().stream().anyMatch(a -> a.getName().equals(c.app()))));
        row(rows, "grpc:ApplicationService/CreateApplication", CREATE_APPLICATION, List.of(OWN, OTHER), c -> grpc(c, applicationsRpc,
                s -> s.createApplication(
                        ApplicationProto.CreateApplicationRequest.newBuilder().setApplication(ApplicationProto.Application.newBuilder()
                                .setName(c.f.unique("mxa")).setOwnerGroup(c.f.group(c.obj)).setDisplayName("Matrix")).build())));
        row(rows, "grpc:ApplicationService/GetApplication", READ, APPLICATION_OBJECTS, c -> grpc(c, applicationsRpc,
                s -> s.getApplication(ApplicationProto.GetApplicationRequest.newBuilder().setName(c.app()).build())));
        row(rows, "grpc:ApplicationService/UpdateApplication", OWNER_ONLY, APPLICATION_OBJECTS, c -> grpc(c, applicationsRpc,
                s -> s.updateApplication(ApplicationProto.UpdateApplicationRequest.newBuilder()
                        .setApplication(ApplicationProto.Application.newBuilder().setName(c.app()).setDescription("matrix " + c.who))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("description")).build())));
        row(rows, "grpc:ApplicationService/DeleteApplication", OWNER_ONLY, APPLICATION_OBJECTS, c -> {
            String doomed = c.f.throwawayApplication(c.who, c.obj);
            return grpc(c, applicationsRpc,
                    s -> s.deleteApplication(ApplicationProto.DeleteApplicationRequest.newBuilder().setName(doomed).build()));
        });
        // gRPC: environments
        row(rows, "grpc:EnvironmentService/ListEnvironments", READ, APPLICATION_OBJECTS, c -> grpc(c, environmentsRpc,
                s -> s.listEnvironments(EnvironmentProto.ListEnvironmentsRequest.newBuilder().setApplication(c.app()).build())));
        row(rows, "grpc:EnvironmentService/CreateEnvironment", MANAGE_ENVIRONMENT, ENVIRONMENT_OBJECTS, c -> grpc(c, environmentsRpc,
                s -> s.createEnvironment(EnvironmentProto.CreateEnvironmentRequest.newBuilder().setApplication(c.app())
                        .setEnvironment(EnvironmentProto.Environment.newBuilder().setName(c.f.uniqueEnvironment()).setType(c.type()))
                        .build())));
        row(rows, "grpc:EnvironmentService/CreateEnvironment[clone_from]", MANAGE_ENVIRONMENT, ENVIRONMENT_OBJECTS, c -> grpc(c,
                environmentsRpc, s -> s.createEnvironment(EnvironmentProto.CreateEnvironmentRequest.newBuilder().setApplication(c.app())
                        .setCloneFrom(c.env())
                        .setEnvironment(EnvironmentProto.Environment.newBuilder().setName(c.f.uniqueEnvironment()).setType(c.type()))
                        .build())));
        row(rows, "grpc:EnvironmentService/ExtendEnvironment", MANAGE_ENVIRONMENT, ENVIRONMENT_OBJECTS, c -> grpc(c, environmentsRpc,
                s -> s.extendEnvironment(EnvironmentProto.ExtendEnvironmentRequest.newBuilder().setApplication(c.app()).setName(c.env())
                        .setTtl("720h").build())));
        row(rows, "grpc:EnvironmentService/GetEnvironment", READ, APPLICATION_OBJECTS, c -> grpc(c, environmentsRpc,
                s -> s.getEnvironment(
                        EnvironmentProto.GetEnvironmentRequest.newBuilder().setApplication(c.app()).setName(c.env()).build())));
        row(rows, "grpc:EnvironmentService/UpdateEnvironment", MANAGE_ENVIRONMENT, ENVIRONMENT_OBJECTS, c -> grpc(c, environmentsRpc,
                s -> s.updateEnvironment(EnvironmentProto.UpdateEnvironmentRequest.newBuilder()
                        .setEnvironment(EnvironmentProto.Environment.newBuilder().setApplication(c.app()).setName(c.env())
                                .putLabels("matrix", "grpc"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("labels")).build())));
        row(rows, "grpc:EnvironmentService/UpdateEnvironment[type]", RETYPE_ENVIRONMENT, ENVIRONMENT_OBJECTS, c -> {
            String env = c.f.throwawayEnvironment(c.obj);
            return grpc(c, environmentsRpc, s -> s.updateEnvironment(EnvironmentProto.UpdateEnvironmentRequest.newBuilder()
                    .setEnvironment(EnvironmentProto.Environment.newBuilder().setApplication(c.app()).setName(env).setType(c.otherType()))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("type")).build()));
        });
        row(rows, "grpc:EnvironmentService/DeleteEnvironment", MANAGE_ENVIRONMENT, ENVIRONMENT_OBJECTS, c -> {
            String doomed = c.f.throwawayEnvironment(c.obj);
            return grpc(c, environmentsRpc, s -> s.deleteEnvironment(EnvironmentProto.DeleteEnvironmentRequest.newBuilder()
                    .setApplication(c.app()).setName(doomed).build()));
        });
        // gRPC: deployments
        row(rows, "grpc:DeploymentService/ListDeployments", READ, APPLICATION_OBJECTS, c -> grpc(c, deploymentsRpc,
                s -> s.listDeployments(
                        DeploymentProto.ListDeploymentsRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env()).build())));
        row(rows, "grpc:DeploymentService/CreateDeployment", DEPLOY, ENVIRONMENT_OBJECTS, c -> grpc(c, deploymentsRpc,
                s -> s.createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env())
                        .setSpec(grpcSpec()).setReason("matrix").build())));
        row(rows, "grpc:DeploymentService/CreateDeployment[promoteFrom]", PROMOTE, PROMOTION_OBJECTS, c -> grpc(c, deploymentsRpc,
                s -> s.createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder().setApplication(c.app()).setEnvironment("prod")
                        .setPromoteFrom(DeploymentProto.PromotionSource.newBuilder().setEnvironment("staging")
                                .setDeploymentId(c.f.deployment(c.obj == OWN_PROTECTED ? OWN : c.obj)))
                        .setReason("matrix").build())));
        row(rows, "grpc:DeploymentService/CreateDeployment[promoteFrom.force]", FORCE_PROMOTE, List.of(OWN, MISSING), c -> grpc(c,
                deploymentsRpc, s -> s.createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder().setApplication(c.app())
                        .setEnvironment("staging")
                        .setPromoteFrom(DeploymentProto.PromotionSource.newBuilder().setEnvironment("prod").setForce(true)
                                .setDeploymentId(c.f.deployment(c.obj == OWN ? OWN_PROTECTED : c.obj)))
                        .setReason("matrix").build())));
        row(rows, "grpc:DeploymentService/GetDeployment", READ, APPLICATION_OBJECTS, c -> grpc(c, deploymentsRpc,
                s -> s.getDeployment(DeploymentProto.GetDeploymentRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env())
                        .setId(c.deployment()).build())));
        row(rows, "grpc:DeploymentService/WaitDeployment", READ, APPLICATION_OBJECTS, c -> grpc(c, deploymentsRpc,
                s -> s.waitDeployment(DeploymentProto.WaitDeploymentRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env())
                        .setId(c.deployment()).setTimeout(com.google.protobuf.Duration.getDefaultInstance()).build())));
        row(rows, "grpc:DeploymentService/WatchDeployments", READ, APPLICATION_OBJECTS, c -> grpcFirst(c,
                DeploymentProto.WatchDeploymentsRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env())
                        .setDeploymentId(c.deployment())
                        .setAfterEventId(0).build()));
        row(rows, "grpc:DeploymentService/WatchDeployments[application]", READ, APPLICATION_OBJECTS, c -> grpcFirst(c,
                DeploymentProto.WatchDeploymentsRequest.newBuilder().setApplication(c.app()).setAfterEventId(0).build()));
        row(rows, "grpc:DeploymentService/WatchDeployments[all]", LIST, List.of(OWN, OTHER), c -> grpcUntilSentinel(c));
        row(rows, "grpc:DeploymentService/CancelDeployment", CANCEL, ENVIRONMENT_OBJECTS, c -> grpc(c, deploymentsRpc,
                s -> s.cancelDeployment(DeploymentProto.CancelDeploymentRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env())
                        .setId(c.deployment()).build())));
        row(rows, "grpc:DeploymentService/ApproveDeployment", APPROVE, ENVIRONMENT_OBJECTS, c -> grpc(c, deploymentsRpc,
                s -> s.approveDeployment(DeploymentProto.ApproveDeploymentRequest.newBuilder().setApplication(c.app())
                        .setEnvironment(c.env()).setId(c.deployment()).setComment("matrix").build())));
        row(rows, "grpc:DeploymentService/RejectDeployment", APPROVE, ENVIRONMENT_OBJECTS, c -> grpc(c, deploymentsRpc,
                s -> s.rejectDeployment(DeploymentProto.RejectDeploymentRequest.newBuilder().setApplication(c.app())
                        .setEnvironment(c.env()).setId(c.deployment()).setComment("matrix").build())));
        row(rows, "grpc:DeploymentService/RollbackDeployment", DEPLOY, ENVIRONMENT_OBJECTS, c -> grpc(c, deploymentsRpc,
                s -> s.rollbackDeployment(
                        DeploymentProto.RollbackDeploymentRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env())
                                .setId(c.deployment()).setReason("matrix").build())));
        row(rows, "grpc:DeploymentService/GetDrift", READ, APPLICATION_OBJECTS, c -> grpc(c, deploymentsRpc,
                s -> s.getDrift(DeploymentProto.GetDriftRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env()).build())));
        row(rows, "grpc:RuntimeService/GetRuntime", READ, APPLICATION_OBJECTS, c -> grpc(c, runtimeRpc,
                s -> s.getRuntime(RuntimeProto.GetRuntimeRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env()).build())));
        row(rows, "grpc:RuntimeService/StreamLogs", READ_LOGS, ENVIRONMENT_OBJECTS, c -> grpc(c, runtimeRpc,
                s -> s.streamLogs(RuntimeProto.StreamLogsRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env())
                        .setTailLines(5).build()).collect().asList()));
        row(rows, "grpc:RuntimeService/ScaleEnvironment", OPERATE, ENVIRONMENT_OBJECTS, c -> grpc(c, runtimeRpc,
                s -> s.scaleEnvironment(RuntimeProto.ScaleEnvironmentRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env())
                        .setReplicas(1).build())));
        row(rows, "grpc:RuntimeService/RestartEnvironment", OPERATE, ENVIRONMENT_OBJECTS, c -> grpc(c, runtimeRpc,
                s -> s.restartEnvironment(RuntimeProto.RestartEnvironmentRequest.newBuilder().setApplication(c.app())
                        .setEnvironment(c.env()).build())));
        row(rows, "grpc:EnvironmentResourceService/ListEnvironmentResources", READ, APPLICATION_OBJECTS, c -> grpc(c,
                environmentResourcesRpc, s -> s.listEnvironmentResources(EnvironmentResourceProto.ListEnvironmentResourcesRequest
                        .newBuilder().setApplication(c.app()).setEnvironment(c.env()).build())));
        row(rows, "grpc:EnvironmentResourceService/GetEnvironmentResource", READ, APPLICATION_OBJECTS, c -> grpc(c,
                environmentResourcesRpc, s -> s.getEnvironmentResource(EnvironmentResourceProto.GetEnvironmentResourceRequest
                        .newBuilder().setApplication(c.app()).setEnvironment(c.env()).setName(Fixture.RESOURCE).build())));
        // gRPC: platform objects
        row(rows, "grpc:ClusterService/ListClusters", PLATFORM_READ, NEW_OBJECT, c -> grpc(c, clustersRpc,
                s -> s.listClusters(ClusterProto.ListClustersRequest.getDefaultInstance())));
        row(rows, "grpc:ClusterService/CreateCluster", ADMIN_ONLY, NEW_OBJECT, c -> grpc(c, clustersRpc,
                s -> s.createCluster(ClusterProto.CreateClusterRequest.newBuilder().setCluster(grpcCluster(c.f.uniqueCluster())).build())));
        row(rows, "grpc:ClusterService/GetCluster", PLATFORM_READ, PLATFORM_OBJECTS, c -> grpc(c, clustersRpc,
                s -> s.getCluster(ClusterProto.GetClusterRequest.newBuilder().setName(c.f.cluster(c.obj)).build())));
        row(rows, "grpc:ClusterService/CheckClusterHealth", PLATFORM_READ, PLATFORM_OBJECTS, c -> grpc(c, clustersRpc,
                s -> s.checkClusterHealth(ClusterProto.CheckClusterHealthRequest.newBuilder().setName(c.f.cluster(c.obj)).build())));
        row(rows, "grpc:ClusterService/UpdateCluster", ADMIN_ONLY, PLATFORM_OBJECTS, c -> grpc(c, clustersRpc,
                s -> s.updateCluster(ClusterProto.UpdateClusterRequest.newBuilder()
                        .setCluster(ClusterProto.Cluster.newBuilder().setName(c.f.cluster(c.obj)).setDescription("matrix " + c.who))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("description")).build())));
        row(rows, "grpc:ClusterService/DeleteCluster", ADMIN_ONLY, PLATFORM_OBJECTS, c -> {
            String doomed = c.obj == MISSING ? c.f.cluster(MISSING) : c.f.throwawayCluster();
            return grpc(c, clustersRpc, s -> s.deleteCluster(ClusterProto.DeleteClusterRequest.newBuilder().setName(doomed).build()));
        });
        row(rows, "grpc:EnvironmentTypeService/ListEnvironmentTypes", PLATFORM_READ, NEW_OBJECT, c -> grpc(c, typesRpc,
                s -> s.listEnvironmentTypes(EnvironmentTypeProto.ListEnvironmentTypesRequest.getDefaultInstance())));
        row(rows, "grpc:EnvironmentTypeService/CreateEnvironmentType", ADMIN_ONLY, NEW_OBJECT, c -> grpc(c, typesRpc,
                s -> s.createEnvironmentType(EnvironmentTypeProto.CreateEnvironmentTypeRequest.newBuilder()
                        .setEnvironmentType(EnvironmentTypeProto.EnvironmentType.newBuilder()
                                .setName(c.f.uniqueType()).setOrder(c.f.nextOrder()))
                        .build())));
        row(rows, "grpc:EnvironmentTypeService/GetEnvironmentType", PLATFORM_READ, PLATFORM_OBJECTS, c -> grpc(c, typesRpc,
                s -> s.getEnvironmentType(EnvironmentTypeProto.GetEnvironmentTypeRequest.newBuilder().setName(c.f.type(c.obj)).build())));
        row(rows, "grpc:EnvironmentTypeService/UpdateEnvironmentType", ADMIN_ONLY, PLATFORM_OBJECTS, c -> grpc(c, typesRpc,
                s -> s.updateEnvironmentType(EnvironmentTypeProto.UpdateEnvironmentTypeRequest.newBuilder()
                        .setEnvironmentType(EnvironmentTypeProto.EnvironmentType.newBuilder().setName(c.f.type(c.obj))
                                .setDescription("matrix " + c.who))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("description")).build())));
        row(rows, "grpc:EnvironmentTypeService/DeleteEnvironmentType", ADMIN_ONLY, PLATFORM_OBJECTS, c -> {
            String doomed = c.obj == MISSING ? c.f.type(MISSING) : c.f.throwawayType();
            return grpc(c, typesRpc,
                    s -> s.deleteEnvironmentType(EnvironmentTypeProto.DeleteEnvironmentTypeRequest.newBuilder().setName(doomed).build()));
        });
        // gRPC: role bindings, access check, audit log
        row(rows, "grpc:RoleBindingService/CreateRoleBinding", OWNER_ONLY, APPLICATION_OBJECTS, c -> grpc(c, bindingsRpc,
                s -> s.createRoleBinding(RoleBindingProto.CreateRoleBindingRequest.newBuilder()
                        .setRoleBinding(RoleBindingProto.RoleBinding.newBuilder()
                                .setSubject("user:" + c.f.unique("grantee")).setRole("viewer").setScope("application:" + c.app()))
                        .build())));
        row(rows, "grpc:RoleBindingService/CreateRoleBinding[platform]", ADMIN_ONLY, NEW_OBJECT, c -> {
            RoleBindingService stub = c.token() == null ? bindingsRpc : GrpcAuth.as(bindingsRpc, c.token());
            try {
                RoleBindingProto.RoleBinding created = stub
                        .createRoleBinding(RoleBindingProto.CreateRoleBindingRequest.newBuilder()
                                .setRoleBinding(RoleBindingProto.RoleBinding.newBuilder()
                                        .setSubject("user:" + c.f.unique("grantee")).setRole("viewer").setScope("platform"))
                                .build())
                        .await().atMost(CALL).getRoleBinding();
                c.f.removePlatformBinding(created.getId());
                return Actual.of(Got.SUCCESS, "OK");
            } catch (RuntimeException e) {
                return grpcFailure(e);
            }
        });
        row(rows, "grpc:RoleBindingService/ListRoleBindings", LIST, APPLICATION_OBJECTS, c -> grpc(c, bindingsRpc,
                s -> s.listRoleBindings(
                        RoleBindingProto.ListRoleBindingsRequest.newBuilder().setApplication(c.app()).setPageSize(500).build()),
                r -> r.getRoleBindingsList().stream().anyMatch(b -> b.getId().equals(c.f.binding(c.obj)))));
        row(rows, "grpc:RoleBindingService/GetRoleBinding", READ, APPLICATION_OBJECTS, c -> grpc(c, bindingsRpc,
                s -> s.getRoleBinding(RoleBindingProto.GetRoleBindingRequest.newBuilder().setId(c.f.binding(c.obj)).build())));
        row(rows, "grpc:RoleBindingService/DeleteRoleBinding", OWNER_ONLY, APPLICATION_OBJECTS, c -> {
            String doomed = c.f.throwawayBinding(c.obj);
            return grpc(c, bindingsRpc,
                    s -> s.deleteRoleBinding(RoleBindingProto.DeleteRoleBindingRequest.newBuilder().setId(doomed).build()));
        });
        row(rows, "grpc:AccessService/CheckAccess", READ, ENVIRONMENT_OBJECTS, DEPLOY, c -> grpcAnswered(c,
                AccessProto.CheckAccessRequest.newBuilder().setAction("deployment.create").setApplication(c.app()).setEnvironment(c.env())
                        .build()));
        row(rows, "grpc:AccessService/CheckAccess[subject]", ADMIN_ONLY, ENVIRONMENT_OBJECTS, (who, obj) -> DEPLOY.expect(CI, obj),
                c -> grpcAnswered(c, AccessProto.CheckAccessRequest.newBuilder().setAction("deployment.create").setApplication(c.app())
                        .setEnvironment(c.env()).setSubject(c.f.ciSubject()).build()));
        row(rows, "grpc:AuditService/ListAuditEvents", OWNER_ONLY, APPLICATION_OBJECTS, c -> grpc(c, auditRpc,
                s -> s.listAuditEvents(AuditProto.ListAuditEventsRequest.newBuilder().setApplication(c.app()).setPageSize(1).build())));
        row(rows, "grpc:AuditService/ListAuditEvents[platform]", ADMIN_ONLY, NEW_OBJECT, c -> grpc(c, auditRpc,
                s -> s.listAuditEvents(AuditProto.ListAuditEventsRequest.newBuilder().setPageSize(1).build())));
        // gRPC: configuration
        row(rows, "grpc:ConfigService/GetApplicationConfig", READ, APPLICATION_OBJECTS, c -> grpc(c, configRpc,
                s -> s.getApplicationConfig(ConfigProto.GetApplicationConfigRequest.newBuilder().setApplication(c.app()).build())));
        row(rows, "grpc:ConfigService/UpdateApplicationConfig", CONFIGURE_BASE, APPLICATION_OBJECTS, c -> grpc(c, configRpc,
                s -> s.updateApplicationConfig(ConfigProto.UpdateApplicationConfigRequest.newBuilder().setApplication(c.app())
                        .addChanges(ConfigProto.ConfigChange.newBuilder().setName("MATRIX").setValue("grpc " + c.who)).build())));
        row(rows, "grpc:ConfigService/RestoreApplicationConfig", RESTORE_BASE, APPLICATION_OBJECTS, c -> grpc(c, configRpc,
                s -> s.restoreApplicationConfig(
                        ConfigProto.RestoreApplicationConfigRequest.newBuilder().setApplication(c.app()).setRevision(1).build())));
        row(rows, "grpc:ConfigService/GetEnvironmentConfig", READ, APPLICATION_OBJECTS, c -> grpc(c, configRpc,
                s -> s.getEnvironmentConfig(
                        ConfigProto.GetEnvironmentConfigRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env()).build())));
        row(rows, "grpc:ConfigService/UpdateEnvironmentConfig", CONFIGURE, ENVIRONMENT_OBJECTS, c -> grpc(c, configRpc,
                s -> s.updateEnvironmentConfig(
                        ConfigProto.UpdateEnvironmentConfigRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env())
                                .addChanges(ConfigProto.ConfigChange.newBuilder().setName("MATRIX").setSecret("grpc " + c.who)).build())));
        row(rows, "grpc:ConfigService/RestoreEnvironmentConfig", RESTORE_CONFIG, ENVIRONMENT_OBJECTS, c -> grpc(c, configRpc,
                s -> s.restoreEnvironmentConfig(
                        ConfigProto.RestoreEnvironmentConfigRequest.newBuilder().setApplication(c.app()).setEnvironment(c.env())
                                .setRevision(1).build())));
        row(rows, "grpc:ConfigService/ListConfigRevisions", READ, APPLICATION_OBJECTS, c -> grpc(c, configRpc,
                s -> s.listConfigRevisions(ConfigProto.ListConfigRevisionsRequest.newBuilder().setApplication(c.app()).build())));
        row(rows, "grpc:ConfigService/GetConfigRevision", READ, APPLICATION_OBJECTS, c -> grpc(c, configRpc,
                s -> s.getConfigRevision(
                        ConfigProto.GetConfigRevisionRequest.newBuilder().setApplication(c.app()).setRevision(1).build())));
        row(rows, "grpc:ConfigService/DiffConfig", READ, APPLICATION_OBJECTS, c -> grpc(c, configRpc,
                s -> s.diffConfig(
                        ConfigProto.DiffConfigRequest.newBuilder().setApplication(c.app()).setFrom("1").setTo("staging").build())));
        row(rows, "grpc:ConfigService/ReencryptSecrets", ADMIN_ONLY, NEW_OBJECT, c -> grpc(c, configRpc,
                s -> s.reencryptSecrets(ConfigProto.ReencryptSecretsRequest.getDefaultInstance())));
        // gRPC: infrastructure
        row(rows, "grpc:ResourceTypeService/ListResourceTypes", PLATFORM_READ, NEW_OBJECT, c -> grpc(c, resourceTypesRpc,
                s -> s.listResourceTypes(ResourceTypeProto.ListResourceTypesRequest.getDefaultInstance())));
        row(rows, "grpc:ResourceTypeService/CreateResourceType", ADMIN_ONLY, NEW_OBJECT, c -> grpc(c, resourceTypesRpc,
                s -> s.createResourceType(ResourceTypeProto.CreateResourceTypeRequest.newBuilder()
                        .setResourceType(ResourceTypeProto.ResourceType.newBuilder().setName(c.f.uniqueResourceType())
                                .addOutputs(ResourceTypeProto.ResourceOutput.newBuilder().setName("host")))
                        .build())));
        row(rows, "grpc:ResourceTypeService/GetResourceType", PLATFORM_READ, PLATFORM_OBJECTS, c -> grpc(c, resourceTypesRpc,
                s -> s.getResourceType(ResourceTypeProto.GetResourceTypeRequest.newBuilder().setName(c.f.resourceType(c.obj)).build())));
        row(rows, "grpc:ResourceTypeService/UpdateResourceType", ADMIN_ONLY, PLATFORM_OBJECTS, c -> grpc(c, resourceTypesRpc,
                s -> s.updateResourceType(ResourceTypeProto.UpdateResourceTypeRequest.newBuilder()
                        .setResourceType(ResourceTypeProto.ResourceType.newBuilder().setName(c.f.resourceType(c.obj))
                                .setDescription("matrix " + c.who))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("description")).build())));
        row(rows, "grpc:ResourceTypeService/DeleteResourceType", ADMIN_ONLY, PLATFORM_OBJECTS, c -> {
            String doomed = c.obj == MISSING ? c.f.resourceType(MISSING) : c.f.throwawayResourceType();
            return grpc(c, resourceTypesRpc,
                    s -> s.deleteResourceType(ResourceTypeProto.DeleteResourceTypeRequest.newBuilder().setName(doomed).build()));
        });
        row(rows, "grpc:ResourceDefinitionService/ListResourceDefinitions", PLATFORM_READ, NEW_OBJECT, c -> grpc(c, definitionsRpc,
                s -> s.listResourceDefinitions(ResourceDefinitionProto.ListResourceDefinitionsRequest.getDefaultInstance())));
        row(rows, "grpc:ResourceDefinitionService/CreateResourceDefinition", ADMIN_ONLY, NEW_OBJECT, c -> grpc(c, definitionsRpc,
                s -> s.createResourceDefinition(ResourceDefinitionProto.CreateResourceDefinitionRequest.newBuilder()
                        .setResourceDefinition(ResourceDefinitionProto.ResourceDefinition.newBuilder().setName(c.f.uniqueDefinition())
                                .setType(c.f.resourceType(OWN)).setDriver(OutputsTestDriver.NAME)
                                .addCriteria(ResourceDefinitionProto.Criterion.newBuilder().setApplication(c.f.unique("mxapp"))))
                        .build())));
        row(rows, "grpc:ResourceDefinitionService/GetResourceDefinition", PLATFORM_READ, PLATFORM_OBJECTS, c -> grpc(c, definitionsRpc,
                s -> s.getResourceDefinition(
                        ResourceDefinitionProto.GetResourceDefinitionRequest.newBuilder().setName(c.f.definition(c.obj)).build())));
        row(rows, "grpc:ResourceDefinitionService/UpdateResourceDefinition", ADMIN_ONLY, PLATFORM_OBJECTS, c -> grpc(c, definitionsRpc,
                s -> s.updateResourceDefinition(ResourceDefinitionProto.UpdateResourceDefinitionRequest.newBuilder()
                        .setResourceDefinition(ResourceDefinitionProto.ResourceDefinition.newBuilder().setName(c.f.definition(c.obj))
                                .setRetain(c.who == ADMIN))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("retain")).build())));
        row(rows, "grpc:ResourceDefinitionService/DeleteResourceDefinition", ADMIN_ONLY, PLATFORM_OBJECTS, c -> {
            String doomed = c.obj == MISSING ? c.f.definition(MISSING) : c.f.throwawayDefinition();
            return grpc(c, definitionsRpc, s -> s.deleteResourceDefinition(
                    ResourceDefinitionProto.DeleteResourceDefinitionRequest.newBuilder().setName(doomed).build()));
        });
        row(rows, "grpc:ResourceDefinitionService/MatchResourceDefinition", READ, APPLICATION_OBJECTS, c -> grpc(c, definitionsRpc,
                s -> s.matchResourceDefinition(ResourceDefinitionProto.MatchResourceDefinitionRequest.newBuilder()
                        .setApplication(c.app()).setEnvironment("staging").setType(c.f.resourceType(OWN)).build())));
        // gRPC: freezes
        row(rows, "grpc:FreezeService/ListFreezes", PLATFORM_READ, NEW_OBJECT, c -> grpc(c, freezesRpc,
                s -> s.listFreezes(FreezeProto.ListFreezesRequest.getDefaultInstance())));
        row(rows, "grpc:FreezeService/GetFreeze", PLATFORM_READ, PLATFORM_OBJECTS, c -> grpc(c, freezesRpc,
                s -> s.getFreeze(FreezeProto.GetFreezeRequest.newBuilder().setName(c.f.freeze(c.obj)).build())));
        row(rows, "grpc:FreezeService/CreateFreeze", OWNER_ONLY, APPLICATION_OBJECTS, c -> grpc(c, freezesRpc,
                s -> s.createFreeze(FreezeProto.CreateFreezeRequest.newBuilder().setFreeze(grpcFreeze(c.f.uniqueFreeze(),
                        FreezeProto.FreezeScope.newBuilder().setKind(FreezeProto.FreezeScopeKind.FREEZE_SCOPE_KIND_ENVIRONMENT)
                                .setApplication(c.app()).setEnvironment("staging")))
                        .build())));
        row(rows, "grpc:FreezeService/CreateFreeze[platform]", ADMIN_ONLY, NEW_OBJECT, c -> grpc(c, freezesRpc,
                s -> s.createFreeze(FreezeProto.CreateFreezeRequest.newBuilder().setFreeze(grpcFreeze(c.f.uniqueFreeze(),
                        FreezeProto.FreezeScope.newBuilder().setKind(FreezeProto.FreezeScopeKind.FREEZE_SCOPE_KIND_PLATFORM))).build())));
        row(rows, "grpc:FreezeService/DeleteFreeze", LIFT_FREEZE, APPLICATION_OBJECTS, c -> {
            String doomed = c.obj == MISSING ? c.f.freeze(MISSING) : c.f.throwawayFreeze(c.app());
            return grpc(c, freezesRpc, s -> s.deleteFreeze(FreezeProto.DeleteFreezeRequest.newBuilder().setName(doomed).build()));
        });
        row(rows, "grpc:FreezeService/DeleteFreeze[platform]", ADMIN_ONLY, NEW_OBJECT, c -> {
            String doomed = c.f.throwawayFreeze(null);
            return grpc(c, freezesRpc, s -> s.deleteFreeze(FreezeProto.DeleteFreezeRequest.newBuilder().setName(doomed).build()));
        });
        row(rows, "grpc:FreezeService/GetActiveFreezes", READ, APPLICATION_OBJECTS, c -> grpc(c, freezesRpc,
                s -> s.getActiveFreezes(FreezeProto.GetActiveFreezesRequest.newBuilder().setApplication(c.app())
                        .setEnvironment("staging").build())));
        // gRPC: webhooks
        row(rows, "grpc:WebhookService/CreateWebhook", OWNER_ONLY, APPLICATION_OBJECTS, c -> grpc(c, webhooksRpc,
                s -> s.createWebhook(WebhookProto.CreateWebhookRequest.newBuilder().setWebhook(grpcWebhook(c.app())).build())));
        row(rows, "grpc:WebhookService/CreateWebhook[platform]", ADMIN_ONLY, NEW_OBJECT, c -> grpc(c, webhooksRpc,
                s -> s.createWebhook(WebhookProto.CreateWebhookRequest.newBuilder().setWebhook(grpcWebhook(null)).build())));
        row(rows, "grpc:WebhookService/ListWebhooks", OWNER_ONLY, APPLICATION_OBJECTS, c -> grpc(c, webhooksRpc,
                s -> s.listWebhooks(WebhookProto.ListWebhooksRequest.newBuilder().setApplication(c.app()).build())));
        row(rows, "grpc:WebhookService/GetWebhook", OWNER_ONLY, APPLICATION_OBJECTS, c -> grpc(c, webhooksRpc,
                s -> s.getWebhook(WebhookProto.GetWebhookRequest.newBuilder().setId(c.f.webhook(c.obj)).build())));
        row(rows, "grpc:WebhookService/GetWebhook[platform]", ADMIN_ONLY, NEW_OBJECT, c -> grpc(c, webhooksRpc,
                s -> s.getWebhook(WebhookProto.GetWebhookRequest.newBuilder().setId(c.f.platformWebhook).build())));
        row(rows, "grpc:WebhookService/UpdateWebhook", OWNER_ONLY, APPLICATION_OBJECTS, c -> grpc(c, webhooksRpc,
                s -> s.updateWebhook(WebhookProto.UpdateWebhookRequest.newBuilder().setWebhook(WebhookProto.Webhook.newBuilder()
                        .setId(c.f.webhook(c.obj)).setDescription("matrix " + c.who))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("description")).build())));
        row(rows, "grpc:WebhookService/DeleteWebhook", OWNER_ONLY, APPLICATION_OBJECTS, c -> {
            String doomed = c.obj == MISSING ? c.f.webhook(MISSING) : c.f.throwawayWebhook(c.app());
            return grpc(c, webhooksRpc, s -> s.deleteWebhook(WebhookProto.DeleteWebhookRequest.newBuilder().setId(doomed).build()));
        });
        row(rows, "grpc:WebhookService/DeleteWebhook[platform]", ADMIN_ONLY, NEW_OBJECT, c -> {
            String doomed = c.f.throwawayWebhook(null);
            return grpc(c, webhooksRpc, s -> s.deleteWebhook(WebhookProto.DeleteWebhookRequest.newBuilder().setId(doomed).build()));
        });
        row(rows, "grpc:WebhookService/ListWebhookDeliveries", OWNER_ONLY, APPLICATION_OBJECTS, c -> grpc(c, webhooksRpc,
                s -> s.listWebhookDeliveries(WebhookProto.ListWebhookDeliveriesRequest.newBuilder().setWebhookId(c.f.webhook(c.obj))
                        .build())));
        row(rows, "grpc:WebhookService/RedeliverWebhookDelivery", OWNER_ONLY, APPLICATION_OBJECTS, c -> grpc(c, webhooksRpc,
                s -> s.redeliverWebhookDelivery(WebhookProto.RedeliverWebhookDeliveryRequest.newBuilder().setWebhookId(c.f.webhook(c.obj))
                        .setDeliveryId(c.f.webhookDelivery(c.obj)).build())));
        row(rows, "grpc:WebhookService/PingWebhook", OWNER_ONLY, APPLICATION_OBJECTS, c -> grpc(c, webhooksRpc,
                s -> s.pingWebhook(WebhookProto.PingWebhookRequest.newBuilder().setId(c.f.webhook(c.obj)).build())));
        return rows;
    }

    private static void row(Map<String, Row> rows, String key, Rule rule, List<Obj> objects, Probe probe) {
        row(rows, key, rule, objects, null, probe);
    }

    private static void row(Map<String, Row> rows, String key, Rule rule, List<Obj> objects, Rule answer, Probe probe) {
        if (rows.put(key, new Row(key, rule, objects, probe, answer)) != null) {
            throw new IllegalStateException("two rows for " + key);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The tests
    // ---------------------------------------------------------------------------------------------

    @Test
    void everyOperationAndRpcHasARow() throws IOException {
        Set<String> operations = new TreeSet<>();
        operationIds(Files.readString(Path.of("openapi", "slipway.yaml"))).forEach(id -> operations.add("rest:" + id));
        // The served document is generated from the code: it also names operations the checked-in contract lacks.
        String served = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        operationIds(served).forEach(id -> operations.add("rest:" + id));
        rpcs().forEach(rpc -> operations.add("grpc:" + rpc));

        Set<String> covered = table().values().stream().map(Row::operation).collect(Collectors.toCollection(TreeSet::new));
        Set<String> withoutRow = new TreeSet<>(operations);
        withoutRow.removeAll(covered);
        Set<String> stale = new TreeSet<>(covered);
        stale.removeAll(operations);
        assertEquals(Set.of(), withoutRow, "operations without a row in the authorization matrix: add one to table()");
        assertEquals(Set.of(), stale, "rows for operations that no longer exist");
    }

    @Test
    void restCellsMatchTheModel() throws IOException {
        check("rest:");
    }

    @Test
    void grpcCellsMatchTheModel() throws IOException {
        check("grpc:");
    }

    /** One run cell: its coordinates, what the model expects and what happened. */
    record Cell(Row row, Who who, Obj obj, Expect expected, Actual actual, String problem) {
        boolean unauthorizedSuccess() {
            return (expected.isRefusal() && actual.got() == Got.SUCCESS)
                    || (expected == UNLISTED && actual.got() == Got.SUCCESS && Boolean.TRUE.equals(actual.listed()));
        }

        @Override
        public String toString() {
            return String.format("%-52s %-10s %-13s expected %-19s got %s%s", row.key(), who, obj, expected, actual,
                    problem == null ? "" : "  <-- " + problem);
        }
    }

    private void check(String prefix) throws IOException {
        Fixture f = fixture();
        long start = System.nanoTime();
        List<Cell> cells = new ArrayList<>();
        Map<String, Long> rowMillis = new LinkedHashMap<>();
        for (Row row : table().values()) {
            if (!row.key().startsWith(prefix)) {
                continue;
            }
            long rowStart = System.nanoTime();
            for (Who who : Who.values()) {
                for (Obj obj : row.objects()) {
                    Expect expected = row.rule().expect(who, obj);
                    Actual actual;
                    try {
                        actual = row.probe().run(new Call(who, obj, f.token(who), f));
                    } catch (Exception | AssertionError e) {
                        actual = Actual.of(Got.UNEXPECTED, "probe failed: " + e);
                    }
                    cells.add(new Cell(row, who, obj, expected, actual, problem(row, who, obj, expected, actual)));
                }
            }
            rowMillis.put(row.key(), (System.nanoTime() - rowStart) / 1_000_000);
        }
        cells = compareHiddenWithMissing(cells);
        long millis = (System.nanoTime() - start) / 1_000_000;

        List<Cell> unauthorized = cells.stream().filter(Cell::unauthorizedSuccess).toList();
        List<Cell> wrong = cells.stream().filter(cell -> cell.problem() != null).toList();
        String summary = String.format("%s %d cells in %d ms: %d differ from the model, %d unauthorized successes", prefix, cells.size(),
                millis, wrong.size(), unauthorized.size());
        writeReport(prefix, summary, cells);
        String slowest = rowMillis.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .map(entry -> entry.getKey() + " " + entry.getValue() + " ms").collect(Collectors.joining(", "));
        System.out.println("[authorization matrix] " + summary + "; slowest rows: " + slowest + " (full matrix: " + REPORT + ")");
        assertTrue(unauthorized.isEmpty(), () -> summary + "\nUNAUTHORIZED SUCCESSES (a success, or a hidden object listed, where the"
                + " model refuses):" + lines(unauthorized) + "\nall cells that differ from the model:" + lines(wrong));
        assertTrue(wrong.isEmpty(), () -> summary + "\ncells that differ from the model:" + lines(wrong));
    }

    private static String lines(List<Cell> cells) {
        return cells.stream().map(cell -> "\n  " + cell).collect(Collectors.joining());
    }

    /** Why a cell does not match its row, or null when it does. */
    private static String problem(Row row, Who who, Obj obj, Expect expected, Actual actual) {
        boolean matches = switch (expected) {
            case OK -> actual.got() == Got.SUCCESS;
            case ALLOWED -> actual.got() == Got.SUCCESS || actual.got() == Got.DOMAIN_ERROR;
            case LISTED -> actual.got() == Got.SUCCESS && Boolean.TRUE.equals(actual.listed());
            case UNLISTED -> actual.got() == Got.SUCCESS && Boolean.FALSE.equals(actual.listed());
            case DENIED_403 -> actual.got() == Got.FORBIDDEN;
            case HIDDEN_404 -> actual.got() == Got.NOT_FOUND;
            case UNAUTHENTICATED_401 -> actual.got() == Got.UNAUTHENTICATED;
        };
        if (!matches) {
            return (expected.isRefusal() && actual.got() == Got.SUCCESS)
                    || (expected == UNLISTED && Boolean.TRUE.equals(actual.listed())) ? "UNAUTHORIZED SUCCESS" : "differs";
        }
        if (row.answer() != null && actual.got() == Got.SUCCESS) {
            boolean modelAllows = row.answer().expect(who, obj) == OK;
            if (!Boolean.valueOf(modelAllows).equals(actual.allowed())) {
                return "the access check answers allowed=" + actual.allowed() + ", the model says " + modelAllows;
            }
        }
        return null;
    }

    /**
     * A hidden application must be indistinguishable from a missing one: where both cells are 404,
     * their messages must be the same once names and ids are masked.
     */
    private static List<Cell> compareHiddenWithMissing(List<Cell> cells) {
        Map<String, Cell> missing = new LinkedHashMap<>();
        cells.stream().filter(cell -> cell.obj() == MISSING && cell.actual().got() == Got.NOT_FOUND)
                .forEach(cell -> missing.put(cell.row().key() + "|" + cell.who(), cell));
        List<Cell> result = new ArrayList<>();
        for (Cell cell : cells) {
            Cell absent = missing.get(cell.row().key() + "|" + cell.who());
            if (cell.problem() == null && cell.obj() != MISSING && cell.expected() == HIDDEN_404 && absent != null
                    && !mask(cell.actual().detail()).equals(mask(absent.actual().detail()))) {
                cell = new Cell(cell.row(), cell.who(), cell.obj(), cell.expected(), cell.actual(),
                        "404 distinguishable from a missing object's: " + absent.actual().detail());
            }
            result.add(cell);
        }
        return result;
    }

    private static String mask(String detail) {
        return detail.replaceAll("'[^']*'", "'…'")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
    }

    private static void writeReport(String prefix, String summary, List<Cell> cells) throws IOException {
        Files.createDirectories(REPORT.getParent());
        StringBuilder text = new StringBuilder();
        if (Files.exists(REPORT)) {
            // Keep the other interface's part of an earlier run of this class.
            String previous = Files.readString(REPORT);
            for (String part : previous.split("(?m)^(?==== )")) {
                if (!part.isBlank() && !part.startsWith("=== " + prefix)) {
                    text.append(part);
                }
            }
        }
        text.append("=== ").append(summary).append('\n');
        cells.forEach(cell -> text.append(cell).append('\n'));
        Files.writeString(REPORT, text.toString());
    }

    private static Stream<String> operationIds(String document) {
        Matcher matcher = OPERATION_ID.matcher(document);
        List<String> ids = new ArrayList<>();
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids.stream();
    }

    private static List<String> rpcs() throws IOException {
        List<String> rpcs = new ArrayList<>();
        try (Stream<Path> protos = Files.list(Path.of("proto", "slipway", "v1"))) {
            for (Path proto : protos.filter(path -> path.toString().endsWith(".proto")).sorted().toList()) {
                String text = Files.readString(proto);
                Matcher service = SERVICE.matcher(text);
                while (service.find()) {
                    int end = text.indexOf("\n}", service.end());
                    Matcher rpc = RPC.matcher(text.substring(service.end(), end));
                    while (rpc.find()) {
                        rpcs.add(service.group(1) + "/" + rpc.group(1));
                    }
                }
            }
        }
        return rpcs;
    }

    // ---------------------------------------------------------------------------------------------
    // Probes: REST
    // ---------------------------------------------------------------------------------------------

    private static RequestSpecification rest(Call call) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        return call.token() == null ? spec : spec.header("Authorization", TestTokens.bearer(call.token()));
    }

    private static Actual http(Response response) {
        return Actual.of(classify(response.statusCode()), response.statusCode() + " " + problemDetail(response.asString()));
    }

    private static Actual listed(Response response, String path, String marker) {
        Actual actual = http(response);
        if (actual.got() != Got.SUCCESS) {
            return actual;
        }
        List<Object> values = response.jsonPath().getList(path);
        return actual.listing(values != null && values.contains(marker));
    }

    private static Actual answered(Response response) {
        Actual actual = http(response);
        return actual.got() == Got.SUCCESS ? actual.answering(response.jsonPath().getBoolean("allowed")) : actual;
    }

    /**
     * Opens a Server-Sent Events stream replaying from the first event, reads until the first event
     * arrives, then closes it. A 2xx stream that ends (or stays silent) without an event is not a
     * success: it is how an error raised after the headers went out reaches the client.
     */
    private static Actual sse(Call call, String pathAndQuery) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri() + pathAndQuery))
                .header("Accept", "text/event-stream").header("Last-Event-ID", "0").timeout(CALL);
        if (call.token() != null) {
            request.header("Authorization", TestTokens.bearer(call.token()));
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        try {
            int status = response.statusCode();
            if (status / 100 != 2) {
                return Actual.of(classify(status), status + " " + problemDetail(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
            }
            CompletableFuture<Boolean> firstEvent = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith("data:")) {
                            return true;
                        }
                    }
                    return false;
                } catch (IOException e) {
                    return false;
                }
            });
            try {
                return firstEvent.get(SILENT_STREAM.toMillis(), TimeUnit.MILLISECONDS)
                        ? Actual.of(Got.SUCCESS, status + " first event")
                        : Actual.of(Got.UNEXPECTED, status + " then the stream ended without an event (the error was lost)");
            } catch (TimeoutException e) {
                return Actual.of(Got.UNEXPECTED, status + " then no event within " + SILENT_STREAM.toMillis() + " ms");
            }
        } finally {
            body.close();
        }
    }

    private static final Pattern EVENT_APPLICATION = Pattern.compile("\"application\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * Reads the platform-wide stream from just before the fixture's first event until the
     * sentinel application's deployment (created last, visible to every caller) arrives: whether
     * the object's application showed up on the way is whether the stream let it through.
     */
    private static Actual sseUntilSentinel(Call call) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri() + "/api/v1/events"))
                .header("Accept", "text/event-stream").header("Last-Event-ID", Long.toString(call.f.startEventId)).timeout(CALL);
        if (call.token() != null) {
            request.header("Authorization", TestTokens.bearer(call.token()));
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        try {
            int status = response.statusCode();
            if (status / 100 != 2) {
                return Actual.of(classify(status), status + " " + problemDetail(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
            }
            CompletableFuture<Set<String>> seen = CompletableFuture.supplyAsync(() -> {
                Set<String> applications = new TreeSet<>();
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        Matcher application = EVENT_APPLICATION.matcher(line);
                        if (line.startsWith("data:") && application.find()) {
                            if (application.group(1).equals(call.f.sentinel)) {
                                return applications;
                            }
                            applications.add(application.group(1));
                        }
                    }
                } catch (IOException e) {
                    // closed: answered below
                }
                return null;
            });
            Set<String> applications;
            try {
                applications = seen.get(CALL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return Actual.of(Got.UNEXPECTED, status + " but the sentinel's event never came");
            }
            return applications == null
                    ? Actual.of(Got.UNEXPECTED, status + " then the stream ended before the sentinel's event")
                    : Actual.of(Got.SUCCESS, status + " up to the sentinel").listing(applications.contains(call.app()));
        } finally {
            body.close();
        }
    }

    private static String baseUri() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    private static Got classify(int status) {
        if (status / 100 == 2) {
            return Got.SUCCESS;
        }
        return switch (status) {
            case 401 -> Got.UNAUTHENTICATED;
            case 403 -> Got.FORBIDDEN;
            case 404 -> Got.NOT_FOUND;
            case 400, 409, 412, 422 -> Got.DOMAIN_ERROR;
            default -> Got.UNEXPECTED;
        };
    }

    private static String problemDetail(String body) {
        Matcher detail = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
        String text = detail.find() ? detail.group(1) : body;
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static Map<String, Object> restSpec() {
        return Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", IMAGE))), "reason", "matrix");
    }

    // ---------------------------------------------------------------------------------------------
    // Probes: gRPC
    // ---------------------------------------------------------------------------------------------

    private static <S, R> Actual grpc(Call call, S client, Function<S, Uni<R>> rpc) {
        return grpc(call, client, rpc, null);
    }

    private static <S, R> Actual grpc(Call call, S client, Function<S, Uni<R>> rpc, Predicate<R> listed) {
        S stub = call.token() == null ? client : GrpcAuth.as(client, call.token());
        try {
            R response = rpc.apply(stub).await().atMost(CALL);
            Actual actual = Actual.of(Got.SUCCESS, "OK");
            return listed == null ? actual : actual.listing(listed.test(response));
        } catch (RuntimeException e) {
            return grpcFailure(e);
        }
    }

    private Actual grpcAnswered(Call call, AccessProto.CheckAccessRequest request) {
        AccessService stub = call.token() == null ? accessRpc : GrpcAuth.as(accessRpc, call.token());
        try {
            AccessProto.CheckAccessResponse response = stub.checkAccess(request).await().atMost(CALL);
            return Actual.of(Got.SUCCESS, "OK").answering(response.getAllowed());
        } catch (RuntimeException e) {
            return grpcFailure(e);
        }
    }

    /** A watch answers with its first message (the replay from event 0 has one), then is cancelled. */
    private Actual grpcFirst(Call call, DeploymentProto.WatchDeploymentsRequest request) {
        DeploymentService stub = call.token() == null ? deploymentsRpc : GrpcAuth.as(deploymentsRpc, call.token());
        try {
            List<?> first = stub.watchDeployments(request).select().first().collect().asList().await().atMost(CALL);
            return first.isEmpty() ? Actual.of(Got.UNEXPECTED, "stream ended without a message") : Actual.of(Got.SUCCESS, "first event");
        } catch (RuntimeException e) {
            return grpcFailure(e);
        }
    }

    /** The gRPC form of {@link #sseUntilSentinel}. */
    private Actual grpcUntilSentinel(Call call) {
        DeploymentService stub = call.token() == null ? deploymentsRpc : GrpcAuth.as(deploymentsRpc, call.token());
        try {
            List<String> applications = stub
                    .watchDeployments(DeploymentProto.WatchDeploymentsRequest.newBuilder().setAfterEventId(call.f.startEventId).build())
                    .map(response -> response.getEvent().getApplication())
                    .select().first(application -> !application.equals(call.f.sentinel))
                    .collect().asList().await().atMost(CALL);
            return Actual.of(Got.SUCCESS, "up to the sentinel").listing(applications.contains(call.app()));
        } catch (RuntimeException e) {
            return grpcFailure(e);
        }
    }

    private static Actual grpcFailure(RuntimeException failure) {
        StatusRuntimeException status = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException found) {
                status = found;
                break;
            }
        }
        if (status == null) {
            return Actual.of(Got.UNEXPECTED, failure.toString());
        }
        Got got = switch (status.getStatus().getCode()) {
            case UNAUTHENTICATED -> Got.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Got.FORBIDDEN;
            case NOT_FOUND -> Got.NOT_FOUND;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS, ABORTED -> Got.DOMAIN_ERROR;
            default -> Got.UNEXPECTED;
        };
        return Actual.of(got, status.getStatus().getCode() + " " + status.getStatus().getDescription());
    }

    private static DeploymentProto.WorkloadSpec grpcSpec() {
        return DeploymentProto.WorkloadSpec.newBuilder()
                .addContainers(DeploymentProto.ContainerSpec.newBuilder().setName("web").setImage(IMAGE)).build();
    }

    /** A disabled subscription (so it collects no events) to a loopback port nothing listens on. */
    private static WebhookProto.Webhook grpcWebhook(String application) {
        WebhookProto.Webhook.Builder webhook = WebhookProto.Webhook.newBuilder().setUrl(Fixture.WEBHOOK_URL)
                .addEventTypes("dev.slipway.deployment.status_changed").setEnabled(false);
        return (application == null ? webhook : webhook.setApplication(application)).build();
    }

    /** An inactive freeze (it starts in 2100). */
    private static FreezeProto.Freeze grpcFreeze(String name, FreezeProto.FreezeScope.Builder scope) {
        return FreezeProto.Freeze.newBuilder().setName(name).setScope(scope).setReason("matrix")
                .setStartTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(Fixture.FAR_FUTURE.getEpochSecond())).build();
    }

    private static ClusterProto.Cluster grpcCluster(String name) {
        return ClusterProto.Cluster.newBuilder().setName(name).setKind(ClusterProto.ClusterKind.CLUSTER_KIND_EXTERNAL)
                .setApiUrl("https://k8s.example.com:6443")
                .setCredentialsRef("secret:slipway/" + name + "#token").build();
    }

    // ---------------------------------------------------------------------------------------------
    // Fixture: built once, as the admin, for both tests
    // ---------------------------------------------------------------------------------------------

    private static Fixture fixture;

    private static synchronized Fixture fixture() {
        if (fixture == null) {
            fixture = new Fixture();
        }
        return fixture;
    }

    @AfterAll
    static void removePlatformObjects() {
        if (fixture != null) {
            fixture.removePlatformObjects();
        }
    }

    /**
     * The team's application "mx-…" (owner group "team-mx-…", environments staging and prod with
     * one deployment each, base configuration revision 1; viewer, developer, deployer and the CI
     * service account bound on it),
     * another team's application "mxo-…" (owner group "rival-mx-…", environment staging with a
     * deployment), a bystander's binding on each, a cluster and an environment type.
     */
    static final class Fixture {
        private static final String ADMIN_TOKEN = TestTokens.admin();

        final String s = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36, Long.MAX_VALUE), 36).substring(0,
                7);
        final String team = "team-mx-" + s;
        final String rival = "rival-mx-" + s;
        final String own = "mx-" + s;
        final String other = "mxo-" + s;
        final String missingApp = "mxm-" + s;
        final Map<Who, String> usernames = new EnumMap<>(Who.class);
        final Map<Who, String> tokens = new EnumMap<>(Who.class);
        final Map<Who, String> subjects = new EnumMap<>(Who.class);
        final Map<Who, String> roles = new EnumMap<>(Who.class);
        final Map<Obj, String> deployments = new EnumMap<>(Obj.class);
        final Map<Obj, String> bindings = new EnumMap<>(Obj.class);
        /** Created last, bound as viewer for every caller: its first event closes the platform-wide stream probes. */
        final String sentinel = "mxs-" + s;
        /** Just before the fixture's first deployment event. */
        final long startEventId;
        final String cluster = "zz-mx-" + s;
        final String type = "zz-mx-" + s;
        /** A registered resource type, with a definition for the team's application on it. */
        final String resourceType = "zz-mxr-" + s;
        final String definition = "zz-mxd-" + s;
        /** A static definition serving both applications: their staging deployments ask for {@link #RESOURCE}. */
        final String servingDefinition = "zz-mxds-" + s;
        static final String RESOURCE = "db";
        private final AtomicInteger counter = new AtomicInteger();
        private final ConcurrentLinkedQueue<String> clusters = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> types = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> resourceTypes = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> definitions = new ConcurrentLinkedQueue<>();
        /** An inactive freeze of the team's staging, for reads. */
        final String freeze = "zz-mxf-" + s;
        private final ConcurrentLinkedQueue<String> freezes = new ConcurrentLinkedQueue<>();
        /** Subscriptions of the team's and the other application, with one delivery each (a ping), and a platform-wide one. */
        final Map<Obj, String> webhooks = new EnumMap<>(Obj.class);
        final Map<Obj, String> webhookDeliveries = new EnumMap<>(Obj.class);
        String platformWebhook;
        private final ConcurrentLinkedQueue<String> platformWebhooks = new ConcurrentLinkedQueue<>();
        static final String WEBHOOK_URL = "http://127.0.0.1:9/matrix";
        /** When the matrix's freezes start: never during a test run, so none refuses a deployment. */
        static final java.time.Instant FAR_FUTURE = java.time.Instant.parse("2100-01-01T00:00:00Z");

        Fixture() {
            usernames.put(Who.OTHER_TEAM, "outsider-mx-" + s);
            usernames.put(Who.VIEWER, "viewer-mx-" + s);
            usernames.put(Who.DEVELOPER, "developer-mx-" + s);
            usernames.put(Who.DEPLOYER, "deployer-mx-" + s);
            usernames.put(Who.OWNER, "owner-mx-" + s);
            tokens.put(Who.OTHER_TEAM, TestTokens.user(usernames.get(Who.OTHER_TEAM), "elsewhere-mx-" + s));
            tokens.put(Who.VIEWER, TestTokens.user(usernames.get(Who.VIEWER)));
            tokens.put(Who.DEVELOPER, TestTokens.user(usernames.get(Who.DEVELOPER)));
            tokens.put(Who.DEPLOYER, TestTokens.user(usernames.get(Who.DEPLOYER)));
            tokens.put(Who.OWNER, TestTokens.user(usernames.get(Who.OWNER), team));
            tokens.put(ADMIN, ADMIN_TOKEN);
            tokens.put(CI, TestTokens.serviceAccount("ci-mx-" + s));
            // Viewer, developer, deployer and CI hold their role through a binding on the team's application.
            for (Who who : List.of(Who.VIEWER, Who.DEVELOPER, Who.DEPLOYER)) {
                subjects.put(who, "user:" + usernames.get(who));
            }
            subjects.put(CI, ciSubject());
            roles.put(Who.VIEWER, "viewer");
            roles.put(Who.DEVELOPER, "developer");
            roles.put(Who.DEPLOYER, "deployer");
            roles.put(CI, "deployer");

            createApplication(own, team);
            createApplication(other, rival);
            createEnvironment(own, "staging", "staging");
            createEnvironment(own, "prod", "production");
            createEnvironment(other, "staging", "staging");
            createEnvironment(other, "prod", "production");
            configure(own);
            configure(other);
            subjects.forEach((who, subject) -> bind(subject, roles.get(who), "application:" + own));
            bindings.put(OWN, bind("user:bystander-mx-" + s, "viewer", "application:" + own));
            bindings.put(OTHER, bind("user:bystander-mx-" + s, "viewer", "application:" + other));
            bindings.put(MISSING, UUID.randomUUID().toString());
            // Staging of both applications gets a resource "db", provided by a static definition that retains it.
            createResourceType(resourceType);
            createDefinition(servingDefinition, Map.of("name", servingDefinition, "type", resourceType, "driver", "static",
                    "driverInputs", Map.of("values", Map.of("host", "db.example.com")),
                    "criteria", List.of(Map.of("application", own), Map.of("application", other)),
                    // Kept (RETAINED) when the matrix's own deployments, which ask for no resource, succeed.
                    "retain", true));
            deployments.put(OWN, deploy(own, "staging", withResource(resourceType)));
            // production requires an approval: this one waits for it (the approve and reject rows act on it). A
            // requester who is none of the callers asks for it, so that no caller's approval is a self-approval.
            String requester = "requester-mx-" + s;
            bind("user:" + requester, "deployer", "application:" + own);
            deployments.put(OWN_PROTECTED, deployAs(TestTokens.user(requester), own, "prod"));
            deployments.put(OTHER, deploy(other, "staging", withResource(resourceType)));
            awaitResource(own, "staging");
            awaitResource(other, "staging");
            deployments.put(MISSING, UUID.randomUUID().toString());
            startEventId = firstEventId(own, "staging", deployments.get(OWN)) - 1;
            createApplication(sentinel, "sentinel-mx-" + s);
            createEnvironment(sentinel, "staging", "staging");
            for (String username : usernames.values()) {
                bind("user:" + username, "viewer", "application:" + sentinel);
            }
            bind(ciSubject(), "viewer", "application:" + sentinel);
            deploy(sentinel, "staging");
            createCluster(cluster);
            createType(type);
            createDefinition(definition);
            createFreeze(freeze, own);
            for (Obj obj : List.of(OWN, OTHER)) {
                webhooks.put(obj, throwawayWebhook(app(obj)));
                webhookDeliveries.put(obj, admin().post("/api/v1/webhooks/{id}:ping", webhooks.get(obj)).then().statusCode(200)
                        .extract().path("id"));
            }
            webhooks.put(MISSING, UUID.randomUUID().toString());
            webhookDeliveries.put(MISSING, UUID.randomUUID().toString());
            platformWebhook = throwawayWebhook(null);
        }

        String webhook(Obj obj) {
            return webhooks.get(obj == OWN_PROTECTED ? OWN : obj);
        }

        String webhookDelivery(Obj obj) {
            return webhookDeliveries.get(obj == OWN_PROTECTED ? OWN : obj);
        }

        /** A disabled subscription; platform-wide ones are deleted at the end (they would otherwise stay in every admin's list). */
        String throwawayWebhook(String application) {
            String id = admin().body(webhookBody(application)).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            if (application == null) {
                platformWebhooks.add(id);
            }
            return id;
        }

        static Map<String, Object> webhookBody(String application) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("url", WEBHOOK_URL, "eventTypes",
                    List.of("dev.slipway.deployment.status_changed"), "enabled", false));
            if (application != null) {
                body.put("application", application);
            }
            return body;
        }

        String freeze(Obj obj) {
            return obj == MISSING ? "zz-missing-" + s : freeze;
        }

        String uniqueFreeze() {
            String name = unique("zz-mxf");
            freezes.add(name);
            return name;
        }

        /** @param application whose staging it freezes, or null for a platform-wide freeze */
        String throwawayFreeze(String application) {
            String name = uniqueFreeze();
            createFreeze(name, application);
            return name;
        }

        private void createFreeze(String name, String application) {
            freezes.add(name);
            admin().body(freezeBody(name, application == null ? Map.of("kind", "PLATFORM") : environmentScope(application)))
                    .post("/api/v1/freezes").then().statusCode(201);
        }

        static Map<String, Object> environmentScope(String application) {
            return Map.of("kind", "ENVIRONMENT", "application", application, "environment", "staging");
        }

        static Map<String, Object> freezeBody(String name, Map<String, Object> scope) {
            return Map.of("name", name, "scope", scope, "reason", "matrix", "start", FAR_FUTURE.toString());
        }

        String token(Who who) {
            return tokens.get(who);
        }

        String ciSubject() {
            return "service-account:ci-mx-" + s;
        }

        String app(Obj obj) {
            return switch (obj) {
                case OWN, OWN_PROTECTED -> own;
                case OTHER -> other;
                case MISSING -> missingApp;
            };
        }

        String group(Obj obj) {
            return switch (obj) {
                case OWN, OWN_PROTECTED -> team;
                case OTHER -> rival;
                case MISSING -> "nobody-mx-" + s;
            };
        }

        String deployment(Obj obj) {
            return deployments.get(obj);
        }

        String binding(Obj obj) {
            return bindings.get(obj == OWN_PROTECTED ? OWN : obj);
        }

        String cluster(Obj obj) {
            return obj == MISSING ? "zz-missing-" + s : cluster;
        }

        String type(Obj obj) {
            return obj == MISSING ? "zz-missing-" + s : type;
        }

        String unique(String prefix) {
            return prefix + "-" + s + "-" + counter.incrementAndGet();
        }

        String uniqueEnvironment() {
            return "env-" + counter.incrementAndGet();
        }

        String uniqueCluster() {
            String name = unique("zz-mxc");
            clusters.add(name);
            return name;
        }

        String uniqueType() {
            String name = unique("zz-mxt");
            types.add(name);
            return name;
        }

        String resourceType(Obj obj) {
            return obj == MISSING ? "zz-missing-" + s : resourceType;
        }

        String definition(Obj obj) {
            return obj == MISSING ? "zz-missing-" + s : definition;
        }

        String uniqueResourceType() {
            String name = unique("zz-mxrt");
            resourceTypes.add(name);
            return name;
        }

        String uniqueDefinition() {
            String name = unique("zz-mxrd");
            definitions.add(name);
            return name;
        }

        String throwawayResourceType() {
            String name = uniqueResourceType();
            createResourceType(name);
            return name;
        }

        String throwawayDefinition() {
            String name = uniqueDefinition();
            createDefinition(name);
            return name;
        }

        static Map<String, Object> resourceTypeBody(String name) {
            return Map.of("name", name, "outputs", List.of(Map.of("name", "host")));
        }

        /** A definition on the fixture's resource type for an application of its own, so no two tie. */
        Map<String, Object> definitionBody(String name) {
            return Map.of("name", name, "type", resourceType, "driver", OutputsTestDriver.NAME,
                    "driverInputs", Map.of("values", Map.of("host", "db.example.com")),
                    "criteria", List.of(Map.of("application", unique("mxapp"))));
        }

        private void createResourceType(String name) {
            resourceTypes.add(name);
            admin().body(resourceTypeBody(name)).post("/api/v1/resource-types").then().statusCode(201);
        }

        private void createDefinition(String name) {
            createDefinition(name, definitionBody(name));
        }

        private void createDefinition(String name, Map<String, Object> body) {
            definitions.add(name);
            admin().body(body).post("/api/v1/resource-definitions").then().statusCode(201);
        }

        private static Map<String, Object> withResource(String resourceType) {
            return Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", IMAGE)),
                    "resources", Map.of(RESOURCE, Map.of("type", resourceType))), "reason", "matrix");
        }

        /** Waits until the resource of an environment is recorded (the deployment's provisioning phase ran). */
        private static void awaitResource(String app, String env) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (admin().get("/api/v1/applications/{a}/environments/{e}/resources/{r}", app, env, RESOURCE).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("resource " + RESOURCE + " of " + app + "/" + env + " never appeared");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        /** EnvironmentProto.Environment types sort by order: these go after every real one. */
        int nextOrder() {
            return 900_000 + counter.incrementAndGet();
        }

        /** An application to delete, on which the caller holds the role it holds on the team's. */
        String throwawayApplication(Who who, Obj obj) {
            if (obj == MISSING) {
                return missingApp;
            }
            String name = unique("mxd");
            createApplication(name, group(obj));
            if (obj != OTHER && subjects.containsKey(who)) {
                bind(subjects.get(who), roles.get(who), "application:" + name);
            }
            return name;
        }

        /** An environment to delete, of the object's type. */
        String throwawayEnvironment(Obj obj) {
            String name = uniqueEnvironment();
            if (obj != MISSING) {
                createEnvironment(app(obj), name, obj == OWN_PROTECTED ? "production" : "staging");
            }
            return name;
        }

        String throwawayBinding(Obj obj) {
            return obj == MISSING ? UUID.randomUUID().toString() : bind("user:" + unique("doomed"), "viewer", "application:" + app(obj));
        }

        String throwawayCluster() {
            String name = uniqueCluster();
            createCluster(name);
            return name;
        }

        String throwawayType() {
            String name = uniqueType();
            createType(name);
            return name;
        }

        static Map<String, Object> clusterBody(String name) {
            return Map.of("name", name, "kind", "EXTERNAL", "apiUrl", "https://k8s.example.com:6443",
                    "credentialsRef", "secret:slipway/" + name + "#token");
        }

        /** Where the application listens; @AfterAll runs after RestAssured has been reset. */
        private final String baseUri = baseUri();

        private static RequestSpecification admin() {
            return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(ADMIN_TOKEN));
        }

        private static void createApplication(String name, String ownerGroup) {
            admin().body(Map.of("name", name, "ownerGroup", ownerGroup, "displayName", "Matrix " + name))
                    .post("/api/v1/applications").then().statusCode(201);
        }

        private static void createEnvironment(String app, String name, String type) {
            admin().body(Map.of("name", name, "type", type)).post("/api/v1/applications/{a}/environments", app).then().statusCode(201);
        }

        /** Base configuration revision 1, so that revisions, diffs and restores have something to name. */
        private static void configure(String app) {
            admin().body(Map.of("changes", List.of(Map.of("name", "MATRIX", "value", "fixture"))))
                    .patch("/api/v1/applications/{a}/config", app)
                    .then().statusCode(200);
        }

        private static String bind(String subject, String role, String scope) {
            return admin().body(Map.of("subject", subject, "role", role, "scope", scope)).post("/api/v1/role-bindings")
                    .then().statusCode(201).extract().path("id");
        }

        private static String deploy(String app, String env) {
            return deploy(app, env, restSpec());
        }

        private static String deploy(String app, String env, Map<String, Object> body) {
            return admin().body(body).post("/api/v1/applications/{a}/environments/{e}/deployments", app, env)
                    .then().statusCode(202).extract().path("id");
        }

        private static String deployAs(String token, String app, String env) {
            return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(token)).body(restSpec())
                    .post("/api/v1/applications/{a}/environments/{e}/deployments", app, env)
                    .then().statusCode(202).body("status", org.hamcrest.Matchers.equalTo("AWAITING_APPROVAL")).extract().path("id");
        }

        /** The id of a deployment's first event, read from its event stream. */
        private static long firstEventId(String app, String env, String deployment) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri() + "/api/v1/applications/" + app + "/environments/" + env
                    + "/deployments/" + deployment + "/events")).header("Accept", "text/event-stream").header("Last-Event-ID", "0")
                    .header("Authorization", TestTokens.bearer(ADMIN_TOKEN)).timeout(CALL).build();
            try {
                HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
                try (Stream<String> lines = response.body()) {
                    return lines.filter(line -> line.startsWith("id:")).findFirst()
                            .map(line -> Long.parseLong(line.substring(3).trim()))
                            .orElseThrow(() -> new AssertionError("no event for deployment " + deployment));
                }
            } catch (IOException | InterruptedException e) {
                throw new AssertionError("could not read the events of deployment " + deployment, e);
            }
        }

        /** A platform-scoped binding a cell created is removed at once: it would apply to the whole platform. */
        void removePlatformBinding(String id) {
            if (id != null) {
                admin().delete("/api/v1/role-bindings/{id}", id).then().statusCode(204);
            }
        }

        private void createCluster(String name) {
            clusters.add(name);
            admin().body(clusterBody(name)).post("/api/v1/clusters").then().statusCode(201);
        }

        private void createType(String name) {
            types.add(name);
            admin().body(Map.of("name", name, "order", nextOrder())).post("/api/v1/environment-types").then().statusCode(201);
        }

        /** Clusters and environment types are platform-wide: leave none behind for other tests' lists. */
        void removePlatformObjects() {
            for (String id : Set.copyOf(platformWebhooks)) {
                delete("/api/v1/webhooks/" + id);
            }
            for (String name : Set.copyOf(freezes)) {
                delete("/api/v1/freezes/" + name);
            }
            for (String name : Set.copyOf(definitions)) {
                delete("/api/v1/resource-definitions/" + name);
            }
            for (String name : Set.copyOf(resourceTypes)) {
                delete("/api/v1/resource-types/" + name);
            }
            for (String name : Set.copyOf(types)) {
                delete("/api/v1/environment-types/" + name);
            }
            for (String name : Set.copyOf(clusters)) {
                delete("/api/v1/clusters/" + name);
            }
        }

        private void delete(String path) {
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(baseUri + path)).DELETE().timeout(CALL)
                        .header("Authorization", TestTokens.bearer(ADMIN_TOKEN)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                System.out.println("[authorization matrix] could not delete " + path + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
