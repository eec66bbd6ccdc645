package dev.slipway.infra.definition;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A kind of infrastructure (postgres, redis, ...) and the outputs a resource of it provides. */
@Entity
@Table(name = "resource_types")
public class ResourceType {
    @Id
    public UUID id;
    public String name;
    public String description;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public StoredOutputs outputs;
    /** Seeded by the migration; read-only through the API. */
    public boolean builtIn;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    @Version
    public long version;
}
