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
    /** The last deployment that succeeded here; kept by the reconciler. */
    public UUID currentDeploymentId;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    @Version
    public long version;
}
