package dev.slipway.environment;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Where an application runs: one namespace on one cluster, of one environment type. */
@Entity
@Table(name = "environments")
public class Environment {
    @Id
    public UUID id;
    public UUID applicationId;
    public String name;
    public String type;
    public String cluster;
    public String namespace;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, String> labels;
    @Enumerated(EnumType.STRING)
    public EnvironmentStatus status;
    /** Redeploy the last succeeded deployment when a rollout fails. */
    public boolean autoRollback;
    /** When the reaper tears it down; null: never. */
    public Instant expiresAt;
    /** The environment it was cloned from (its name then); null when it was not cloned. */
    public String clonedFrom;
    /** The last deployment that succeeded here; kept by the reconciler. */
    public UUID currentDeploymentId;
    /*
     * The columns below are written only by the deployment lifecycle's own statements, never by a
     * flush of this entity: a flush writes every column, and would undo what the lifecycle set in
     * between (the entity still reads them, so SELECT * maps and use cases can decide on them).
     */
    /** Set before Slipway first puts anything into the cluster for it: deleting it then means tearing that down. */
    @Column(insertable = false, updatable = false)
    public boolean clusterFootprint;
    /** Whether Slipway created the namespace (and so deletes it on tear-down). */
    @Column(insertable = false, updatable = false)
    public boolean namespaceCreated;
    /** Which replica tears the environment down, until when. */
    @Column(insertable = false, updatable = false)
    public String teardownLeaseOwner;
    @Column(insertable = false, updatable = false)
    public Instant teardownLeaseExpiresAt;
    /** The routes of the current deployment, copied from it when it became current; null before any had routes recorded. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb", insertable = false, updatable = false)
    public EnvironmentRoute.Stored routes;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    @Version
    public long version;
}
