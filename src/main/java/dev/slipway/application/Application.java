package dev.slipway.application;

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

/** A team's application: the root that environments, deployments and configuration hang off. */
@Entity
@Table(name = "applications")
public class Application {
    @Id
    public UUID id;
    public String name;
    public String displayName;
    public String description;
    public String ownerGroup;
    public String repositoryUrl;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, String> labels;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    @Version
    public long version;
}
