package dev.slipway.environment;

import java.time.Instant;
import java.util.UUID;

import dev.slipway.cluster.workload.RoutingSpec;
import dev.slipway.cluster.workload.WorkloadDefaults;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A class of environments (development, staging, production) with its rules and promotion order. */
@Entity
@Table(name = "environment_types")
public class EnvironmentType {
    @Id
    public UUID id;
    public String name;
    public String description;
    @Column(name = "is_protected")
    public boolean isProtected;
    public int promotionOrder;
    public String defaultCluster;
    /** The lifetime of an environment of this type that asks for none, in seconds; null: none. */
    public Long defaultTtlSeconds;
    /** The longest lifetime an environment of this type may ask for or be extended to, in seconds; null: no limit. */
    public Long maxTtlSeconds;
    /** Approvals by people other than the requester a deployment needs before it runs: 0, 1 or 2. */
    public int requiredApprovals;
    /** How routes of its environments are exposed, over the cluster's; null: the cluster's. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public RoutingSpec routing;
    /** What its environments' workloads get unless they say otherwise; null: the safe defaults. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public WorkloadDefaults workloadDefaults;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    @Version
    public long version;
}
