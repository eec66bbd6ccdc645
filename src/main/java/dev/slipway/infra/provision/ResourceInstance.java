package dev.slipway.infra.provision;

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

/**
 * A resource of an environment, as provisioned: what was asked for (type, class, params), which
 * definition and driver provided it, its status and its outputs. Secret outputs and generated
 * values are ids of encrypted values owned by the application, never values.
 */
@Entity
@Table(name = "resource_instances")
public class ResourceInstance {
    @Id
    public UUID id;
    public UUID environmentId;
    public UUID applicationId;
    public String name;
    public String type;
    public String resourceClass;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> params;
    /** A digest of the params as requested: equal digests and definition versions mean nothing to provision. */
    public String paramsHash;
    public String definitionName;
    public Long definitionVersion;
    public String driver;
    public boolean retain;
    @Enumerated(EnumType.STRING)
    public ResourceInstanceStatus status;
    public String statusReason;
    public String statusMessage;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, String> outputs;
    /** Secret output name -> id of its encrypted value. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, String> secretOutputs;
    /** Generated value name (e.g. password) -> id of its encrypted value; generated once, then reused. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, String> generated;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public AppliedObjects applied;
    /** The deployment that last provisioned it. */
    public UUID deploymentId;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;
}
