package dev.slipway.cluster;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.access.AccessGuard;
import dev.slipway.access.AccessTarget;
import dev.slipway.access.Caller;
import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.api.Created;
import dev.slipway.api.DeletionGuards;
import dev.slipway.api.ETags;
import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.IdempotencyStore;
import dev.slipway.api.MergePatcher;
import dev.slipway.api.Page;
import dev.slipway.api.PageRequest;
import dev.slipway.api.RequestValidation;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Timestamps;
import dev.slipway.api.Violations;
import dev.slipway.cluster.workload.RoutingRules;
import dev.slipway.runtime.LogContext;
import dev.slipway.store.Transactions;
import dev.slipway.store.crypto.SecretKeyring;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Registered clusters: platform admins manage them and their credentials (stored sealed, never
 * returned); every authenticated caller may see them and check their health.
 */
@ApplicationScoped
public class Clusters {
    static final String KIND = "cluster";
    /** secret:<namespace>/<name>[#key] or kubeconfig-context:<name>; anything else could be a raw credential. */
    private static final Pattern CREDENTIALS_REF = Pattern.compile(
            "^(secret:[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?/[a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?(#[-._a-zA-Z0-9]{1,253})?"
                    + "|kubeconfig-context:[-._@:a-zA-Z0-9]{1,253})$");
    /** The store's column size; the pattern alone admits longer secret references. */

    private final ClusterRepository clusters;
    private final DeletionGuards deletionGuards;
    private final CallerResolver callers;
    private final AccessGuard access;
    private final IdempotencyStore idempotency;
    private final MergePatcher patcher;
    private final ClusterCredentialStore credentials;
    private final SecretKeyring keyring;
    private final ClusterProbe probe;
    private final ClustersConfig config;
    private final RequestValidation limits;

    public Clusters(ClusterRepository clusters, DeletionGuards deletionGuards, CallerResolver callers, AccessGuard access,
            IdempotencyStore idempotency, MergePatcher patcher, ClusterCredentialStore credentials, SecretKeyring keyring,
            ClusterProbe probe, ClustersConfig config, RequestValidation limits) {
        this.limits = limits;
        this.clusters = clusters;
        this.deletionGuards = deletionGuards;
        this.callers = callers;
        this.access = access;
        this.idempotency = idempotency;
        this.patcher = patcher;
        this.credentials = credentials;
        this.keyring = keyring;
        this.probe = probe;
        this.config = config;
    }

    public Uni<Created<ClusterView>> create(ClusterSpec spec, IdempotencyKey key) {
        return callers.current().flatMap(caller -> {
            ClusterSpec normalized = withDefaults(spec);
            validate(normalized, true);
            return idempotency.createOnce(caller.subject(), key, "clusters.create", fingerprintable(normalized), 201, ClusterView.class,
                    () -> access.require(caller, Permission.CLUSTER_MANAGE, AccessTarget.platform(KIND, normalized.name()))
                            .flatMap(ignored -> insert(normalized, caller)));
        });
    }

    @WithSession
    public Uni<ClusterView> get(String name) {
        return callers.current()
                .call(caller -> access.require(caller, Permission.PLATFORM_READ, AccessTarget.platform(KIND, name)))
                .flatMap(caller -> require(name))
                .map(ClusterMapper::toView);
    }

    @WithSession
    public Uni<Page<ClusterView>> list(Integer pageSize, String pageToken) {
        return callers.current().flatMap(caller -> {
            // Every authenticated caller may list them (Permission.PLATFORM_READ).
            PageRequest page = PageRequest.of(pageSize, pageToken);
            return clusters.page(page).map(rows -> Page.from(rows, page, cluster -> cluster.name, ClusterMapper::toView));
        });
    }

    /**
     * Asks the cluster's API server for its version (bounded by the health timeout; a check a few
     * seconds old is reused). Every authenticated caller may, like reading the cluster: a developer
     * whose deployment failed with ClusterUnavailable needs to see whether the cluster is down, and
     * the URLs probed are the admins' own registrations, so nothing is reached that they did not choose.
     */
    public Uni<ClusterHealth> health(String name) {
        return callers.current()
                .flatMap(caller -> Panache
                        .withSession(() -> access.require(caller, Permission.PLATFORM_READ, AccessTarget.platform(KIND, name))
                                .flatMap(ignored -> require(name))
                                .map(ClusterAddress::of)))
                .flatMap(address -> Uni.createFrom().item(() -> probe.check(address))
                        .runSubscriptionOn(LogContext.carrying(Infrastructure.getDefaultWorkerPool())));
    }

    public Uni<ClusterView> update(String name, JsonNode mergePatch, String ifMatch) {
        return Transactions.write(ifMatch, () -> callers.current()
                .call(caller -> access.require(caller, Permission.CLUSTER_MANAGE, AccessTarget.platform(KIND, name)))
                .flatMap(caller -> require(name))
                .flatMap(cluster -> {
                    ETags.checkIfMatch(ifMatch, cluster.version);
                    ClusterSpec changes = withKubeconfigServer(
                            patcher.apply(ClusterMapper.toSpec(cluster), mergePatch, ClusterSpec.class), mergePatch);
                    if (!mergePatch.has("credentials") && changes.equals(ClusterMapper.toSpec(cluster))) {
                        return Uni.createFrom().item(cluster); // nothing changes: same version, same ETag
                    }
                    if (!cluster.name.equals(changes.name())) {
                        throw SlipwayException.Invalid.field("name", "is immutable");
                    }
                    if (changes.kind() != cluster.kind) {
                        throw SlipwayException.Invalid.field("kind", "is immutable; register a new cluster instead");
                    }
                    validate(changes, false);
                    boolean clearCredentials = mergePatch.has("credentials") && mergePatch.get("credentials").isNull();
                    if (cluster.credentialsType != null && !clearCredentials && changes.credentials() == null
                            && changes.credentialsRef() != null) {
                        throw SlipwayException.Invalid.field("credentialsRef", "is exclusive with the stored credentials; "
                                + "send credentials: null with it to replace them by a reference");
                    }
                    if (cluster.isDefault && !Boolean.TRUE.equals(changes.isDefault())) {
                        throw SlipwayException.Invalid.field("default", "cannot be cleared; make another cluster the default instead");
                    }
                    // The previous default is cleared before this entity changes: the bulk update flushes pending
                    // changes first, and two defaults at once would break the single-default index.
                    boolean makeDefault = Boolean.TRUE.equals(changes.isDefault());
                    Uni<Integer> previousDefault = makeDefault && !cluster.isDefault
                            ? clusters.clearDefaultExcept(cluster.id)
                            : Uni.createFrom().item(0);
                    return previousDefault.map(ignored -> {
                        cluster.description = changes.description();
                        cluster.apiUrl = changes.apiUrl();
                        cluster.credentialsRef = changes.credentialsRef();
                        cluster.isDefault = makeDefault;
                        cluster.routing = changes.routing();
                        cluster.updatedAt = Timestamps.now();
                        return cluster;
                    }).flatMap(changed -> changes.credentials() != null
                            ? storeCredentials(changed, changes.credentials())
                            : clearCredentials && changed.credentialsType != null
                                    ? dropCredentials(changed)
                                    : Uni.createFrom().item(changed))
                            .flatMap(changed -> clusters.flush().replaceWith(changed));
                })
                .map(ClusterMapper::toView));
    }

    public Uni<Void> delete(String name, String ifMatch) {
        return Transactions.write(ifMatch, () -> callers.current()
                .call(caller -> access.require(caller, Permission.CLUSTER_MANAGE, AccessTarget.platform(KIND, name)))
                .flatMap(caller -> require(name))
                .flatMap(cluster -> {
                    ETags.checkIfMatch(ifMatch, cluster.version);
                    if (cluster.isDefault) {
                        throw new SlipwayException.Conflict(
                                "cluster '" + name + "' is the default; make another cluster the default first");
                    }
                    return deletionGuards.requireUnused(KIND, name, "move or delete them first")
                            .flatMap(ignored -> clusters.delete(cluster));
                }));
    }

    /** The named cluster, or 404 (also used when an environment names its cluster). */
    public Uni<Cluster> require(String name) {
        return clusters.findByName(name).onItem().ifNull().failWith(() -> SlipwayException.NotFound.of(KIND, name));
    }

    private Uni<ClusterView> insert(ClusterSpec spec, Caller caller) {
        return clusters.findByName(spec.name()).flatMap(existing -> {
            if (existing != null) {
                throw new SlipwayException.AlreadyExists("cluster '" + spec.name() + "' already exists");
            }
            Cluster cluster = new Cluster();
            cluster.id = UUID.randomUUID();
            cluster.name = spec.name();
            cluster.description = spec.description();
            cluster.kind = spec.kind();
            cluster.apiUrl = spec.apiUrl();
            cluster.credentialsRef = spec.credentialsRef();
            cluster.credentialsVersion = 0;
            cluster.isDefault = Boolean.TRUE.equals(spec.isDefault());
            cluster.routing = spec.routing();
            cluster.createdAt = Timestamps.now();
            cluster.updatedAt = cluster.createdAt;
            cluster.createdBy = caller.name();
            Uni<Integer> previousDefault = cluster.isDefault ? clusters.clearDefaultExcept(cluster.id) : Uni.createFrom().item(0);
            return previousDefault.flatMap(ignored -> clusters.persistAndFlush(cluster))
                    .flatMap(saved -> spec.credentials() == null
                            ? Uni.createFrom().item(saved)
                            : storeCredentials(saved, spec.credentials()).call(clusters::flush)) // the ETag shows the stored version
                    .map(ClusterMapper::toView);
        });
    }

    private static ClusterSpec withDefaults(ClusterSpec spec) {
        if (spec == null) {
            throw SlipwayException.Invalid.field("body", "a JSON object is required");
        }
        ClusterSpec normalized = new ClusterSpec(spec.name(), spec.description(), spec.kind() == null ? ClusterKind.EXTERNAL : spec.kind(),
                spec.apiUrl(), spec.credentialsRef(), spec.credentials(), Boolean.TRUE.equals(spec.isDefault()), spec.routing());
        return normalized.apiUrl() == null ? withKubeconfigServer(normalized) : normalized;
    }

    /** On update: a kubeconfig sent without an apiUrl in the same patch moves the cluster to the kubeconfig's server. */
    private static ClusterSpec withKubeconfigServer(ClusterSpec spec, JsonNode mergePatch) {
        return mergePatch.has("apiUrl") ? spec : withKubeconfigServer(spec);
    }

    /** The apiUrl a kubeconfig names, when one is submitted and names one; the spec as it is otherwise. */
    private static ClusterSpec withKubeconfigServer(ClusterSpec spec) {
        if (spec.kind() != ClusterKind.EXTERNAL || spec.credentials() == null || spec.credentials().kubeconfig() == null) {
            return spec;
        }
        String server = ClusterCredentialRules.check(new Violations(), spec.credentials());
        return server == null
                ? spec
                : new ClusterSpec(spec.name(), spec.description(), spec.kind(), server, spec.credentialsRef(), spec.credentials(),
                        spec.isDefault(), spec.routing());
    }

    /** Seals new credentials for the cluster; the version moves, so the driver rebuilds the cluster's client. */
    private Uni<Cluster> storeCredentials(Cluster cluster, ClusterCredentials submitted) {
        cluster.credentialsType = submitted.type();
        cluster.credentialsVersion++;
        cluster.credentialsRotatedAt = Timestamps.now();
        return credentials.put(cluster.id, submitted).replaceWith(cluster);
    }

    private Uni<Cluster> dropCredentials(Cluster cluster) {
        cluster.credentialsType = null;
        cluster.credentialsVersion++;
        cluster.credentialsRotatedAt = Timestamps.now();
        return credentials.remove(cluster.id).replaceWith(cluster);
    }

    /**
     * What the idempotency store fingerprints: the request with its credentials replaced by a keyed
     * fingerprint of them, so the stored hash is no oracle for guessing a token.
     */
    private Object fingerprintable(ClusterSpec spec) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("spec", new ClusterSpec(spec.name(), spec.description(), spec.kind(), spec.apiUrl(), spec.credentialsRef(), null,
                spec.isDefault(), spec.routing()));
        if (spec.credentials() != null) {
            request.put("credentials", keyring.fingerprint("cluster-credentials", (spec.credentials().kubeconfig() + "\0"
                    + spec.credentials().context() + "\0" + spec.credentials().token() + "\0" + spec.credentials().caBundle())
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private void validate(ClusterSpec spec, boolean creating) {
        Violations violations = limits.check(spec).slug("name", spec.name());
        RoutingRules.check(violations, "routing", spec.routing());
        ClusterUrls.check(violations, "apiUrl", spec.apiUrl(), config.allowHttpLoopback());
        if (spec.credentials() != null) {
            ClusterCredentialRules.check(violations, spec.credentials());
            if (spec.credentialsRef() != null) {
                violations.add("credentials", "is exclusive with credentialsRef; send one of them");
            }
        }
        if (spec.credentialsRef() != null && !CREDENTIALS_REF.matcher(spec.credentialsRef()).matches()) {
            violations.add("credentialsRef",
                    "must be a reference (secret:<namespace>/<name>[#key] or kubeconfig-context:<name>), never a credential");
        }
        if (spec.kind() == ClusterKind.EXTERNAL) {
            violations.required("apiUrl", spec.apiUrl());
        } else {
            if (spec.apiUrl() != null) {
                violations.add("apiUrl", "must be empty for " + spec.kind() + " clusters, which need no address or credentials");
            }
            if (spec.credentialsRef() != null) {
                violations.add("credentialsRef", "must be empty for " + spec.kind() + " clusters, which need no address or credentials");
            }
            if (spec.credentials() != null) {
                violations.add("credentials", "must be empty for " + spec.kind() + " clusters, which need no address or credentials");
            }
        }
        if (creating && spec.kind() == ClusterKind.SANDBOX) {
            violations.add("kind", "SANDBOX is reserved for the built-in sandbox cluster");
        }
        violations.throwIfAny();
    }
}
