package dev.slipway.infra.definition;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** How resources of one type are provided (a driver and its inputs), and for which requests (criteria). */
@Entity
@Table(name = "resource_definitions")
public class ResourceDefinition {
    @Id
    public UUID id;
    public String name;
    public String type;
    public String driver;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> driverValues;
    /** Secret inputs by name: references to encrypted values, never values. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, SecretInput> driverSecrets;
    /** Classes spelled out, so equal criteria compare equal. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public StoredCriteria criteria;
    /** Keep provisioned resources when they are no longer used (rather than removing them). */
    public boolean retain;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    public String updatedBy;
    /** Counts every change; backs the ETag. */
    @Version
    public long version;
}
