package dev.slipway.deployment.lifecycle;

import java.time.Instant;
import java.util.UUID;

import dev.slipway.cluster.workload.WorkloadSpec;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A deployment as the API reads it: an immutable request to run a workload in an environment,
 * whose status fields the lifecycle moves. Hibernate only maps rows into it; every write is a
 * statement of {@link DeploymentStore}, so the entity is immutable to Hibernate.
 */
@Entity
@Immutable
@Table(name = "deployments")
public class Deployment {
    @Id
    public UUID id;
    public UUID environmentId;
    public String application;
    public String environment;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public WorkloadSpec spec;
    /** The Score document the spec was converted from, as submitted; null when a spec was submitted. */
    public String scoreDocument;
    /** The configuration revision it delivers; null when the application had none. */
    public Long configRevision;
    @Enumerated(EnumType.STRING)
    public DeploymentStatus status;
    public String statusReason;
    public String statusMessage;
    public String requestedBy;
    /** The requester's stable subject; null for the platform's own deployments and those accepted before approvals existed. */
    public String requestedBySubject;
    /** Approvals it needed when accepted (0: none). */
    public int requiredApprovals;
    /** When it is cancelled (ApprovalExpired) if it still waits for approval; null when it needs none. */
    public Instant approvalExpiresAt;
    public String requestReason;
    public String sourceCommit;
    public String sourceUrl;
    public UUID previousDeploymentId;
    public UUID rollbackOf;
    public UUID promotedFrom;
    public int desiredReplicas;
    public Integer observedReplicas;
    public Instant createdAt;
    public Instant provisioningAt;
    public Instant applyingAt;
    public Instant progressingAt;
    public Instant finishedAt;
    /** Who deployed through a freeze in force, and why; null when no freeze was broken. */
    public String breakGlassBy;
    public String breakGlassReason;
    public Instant updatedAt;
    /** Counts the row's writes; the ETag. */
    public long version;
}
